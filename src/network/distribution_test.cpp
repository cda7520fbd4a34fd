// Tests of duration distributions.
#include "network/distribution.h"

#include <gtest/gtest.h>

#include <cmath>

namespace caravan::network {
namespace {

TEST(NormalQuantile, MatchesKnownValues) {
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(0.9), 1.2815515655446004, 1e-12);
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-9);
}

TEST(Lognormal, IsBuiltFromMedianAndP90) {
  auto d = Distribution::lognormal(48, 120);
  ASSERT_TRUE(d);
  EXPECT_NEAR(d->quantile(0.5), 48, 1e-9);
  EXPECT_NEAR(d->quantile(0.9), 120, 1e-9);
  EXPECT_GT(d->mean(), 48);  // right-skewed
}

TEST(Triangular, QuantilesAndMean) {
  auto d = *Distribution::triangular(0, 0, 10);
  EXPECT_NEAR(d.mean(), 10.0 / 3, 1e-12);
  EXPECT_NEAR(d.quantile(0.75), 5.0, 1e-12);  // F(x) = 1 - (1 - x/10)^2
  auto sym = *Distribution::triangular(2, 5, 8);
  EXPECT_NEAR(sym.quantile(0.5), 5.0, 1e-12);
}

TEST(Empirical, DrawsObservations) {
  auto d = *Distribution::empirical({30, 10, 20});
  EXPECT_NEAR(d.mean(), 20, 1e-12);
  EXPECT_EQ(d.quantile(0.0), 10);
  EXPECT_EQ(d.quantile(0.5), 20);
  EXPECT_EQ(d.quantile(0.99), 30);
}

TEST(Distribution, RejectsBadParameters) {
  EXPECT_FALSE(Distribution::triangular(5, 4, 10));
  EXPECT_FALSE(Distribution::triangular(-1, 0, 1));
  EXPECT_FALSE(Distribution::lognormal(0, 10));
  EXPECT_FALSE(Distribution::lognormal(10, 5));
  EXPECT_FALSE(Distribution::empirical({}));
  EXPECT_FALSE(Distribution::fixed(-2));
}

}  // namespace
}  // namespace caravan::network
