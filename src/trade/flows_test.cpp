// Tests of the corridor flows and their trend forecast.
#include "trade/flows.h"

#include <gtest/gtest.h>

#include <cmath>

namespace caravan::trade {
namespace {

FlowSeries growing(double rate, int years) {
  FlowSeries s{"c", "Mt", {}};
  for (int i = 0; i < years; ++i)
    s.points.push_back({2018 + i, 2.0 * std::pow(1 + rate, i), "actual", {"x"}, ""});
  s.points.push_back({2030, 50, "target", {"x"}, ""});
  return s;
}

TEST(Flows, AnExactTrendIsRecoveredWithANarrowBand) {
  const auto r = run_flows({growing(0.3, 6)}, {{}, 3, 8});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->series[0].forecast);
  const auto& f = *r->series[0].forecast;
  EXPECT_NEAR(f.growth_per_year, 0.3, 1e-9);
  ASSERT_EQ(f.points.size(), 3U);
  EXPECT_EQ(f.points[0].year, 2024);
  EXPECT_NEAR(f.points[0].mid, 2.0 * std::pow(1.3, 6), 1e-6);
  EXPECT_NEAR(f.points[0].low, f.points[0].high, 1e-6);  // no residuals, no band
}

TEST(Flows, NoiseWidensTheBandWithTheHorizon) {
  auto s = growing(0.1, 7);
  s.points[2].value *= 1.3;
  s.points[4].value *= 0.8;
  const auto r = run_flows({s}, {{}, 5, 8});
  ASSERT_TRUE(r && r->series[0].forecast);
  const auto& p = r->series[0].forecast->points;
  EXPECT_LT(p[0].low, p[0].mid);
  EXPECT_GT(p[0].high, p[0].mid);
  EXPECT_GT(p[4].high / p[4].low, p[0].high / p[0].low);
}

TEST(Flows, TooFewYearsSayWhyAndUnknownCorridorsAreRefused) {
  const auto r = run_flows({growing(0.2, 2)}, {});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->series[0].forecast);
  EXPECT_NE(r->series[0].no_forecast.find("fewer than 3"), std::string::npos);
  const auto bad = run_flows({growing(0.2, 4)}, {{"nope"}, 5, 8});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("known: c"), std::string::npos);
  EXPECT_FALSE(run_flows({}, {{}, 0, 8}));
}

}  // namespace
}  // namespace caravan::trade
