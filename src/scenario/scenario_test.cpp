// Tests of scenario overlays: each directive's effect, errors with line and field, and the
// embedded scenario library.
#include "scenario/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/network_reader.h"
#include "route/planner.h"
#include "testing/ascii_network.h"

namespace caravan::scenario {
namespace {
namespace nw = caravan::network;

nw::Tables base() {
  testing::AsciiOptions o;
  o.countries = "AD:KZ B:CN EF:AZ";
  return testing::tables_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                    o);
}

std::string error_of(std::string_view text) {
  auto s = apply(base(), text, "t.scenario");
  return s ? "" : s.error().message;
}

TEST(Scenario, AddsARegimeAndEndsOne) {
  const std::string add =
      "name \"China refuses\"\nsource id=s1 title=t url=https://example.org date=2026 "
      "reliability=W\nadd policy id=cn-no-transit issuer=CN kind=transit_ban binds=any "
      "countries=CN hs_prefixes=2846 effect=forbid from=2026-01-01 description=\"refuses "
      "transit\" sources=*:s1\n";
  auto s = apply(base(), add, "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->tables.policies.size(), 1u);
  auto net = *nw::Network::build(s->tables);
  route::PlanRequest r;
  r.query.from = *net.find_location("A");
  r.query.to = *net.find_location("D");
  r.shipment = *cost::make_shipment(net, "box", 10.0, std::nullopt, std::nullopt);
  r.shipment.hs = r.query.hs = "284690";
  r.query.depart = make_date(2026, 3, 1);
  auto plan = route::plan(net, r);
  ASSERT_TRUE(plan && !plan->routes.empty());
  EXPECT_EQ(testing::describe(net, plan->routes[0].path.arcs), "A-E E-F F-D");  // round China
  auto ended = apply(base(), add + "end policy=cn-no-transit date=2026-02-01\n", "t.scenario");
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(format_date(*ended->tables.policies[0].to), "2026-01-31");
  EXPECT_NE(error_of(add + "end policy=nope date=2026-02-01\n").find("no regime 'nope'"),
            std::string::npos);
  EXPECT_NE(error_of(add + "add policy id=cn-no-transit issuer=CN kind=transit_ban binds=any "
                           "effect=forbid from=2026-01-01 description=x sources=*:s1\n")
                .find("duplicate regime id"),
            std::string::npos);
}

TEST(Scenario, ClosesACountryForACommodityAsATransitRule) {
  auto s = apply(base(), "name \"x\"\nclose country=CN commodity=2846\n", "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->extra.transit_rules.size(), 1u);
  EXPECT_EQ(s->extra.transit_rules[0].hs_prefix, "2846");
  EXPECT_TRUE(s->extra.avoid_countries.empty());
}

TEST(Scenario, SetAndScaleChangeTheTables) {
  auto s = apply(base(),
                 "name \"x\"\n"
                 "set link=AB-0 field=capacity_teu_py value=1234 sources=*:test\n"
                 "set border=A>B field=hours value=1|2|3 sources=*:test\n"
                 "scale borders field=hours factor=0.5\n"
                 "month value=12\n",
                 "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(*s->tables.links[0].capacity_teu_py, 1234);
  EXPECT_EQ(s->month, 12);
  for (const auto& b : s->tables.borders) {
    if (b.from.value == 0 && b.to.value == 1) {
      EXPECT_DOUBLE_EQ(b.hours.max.value, 1.5);
    }
  }
}

TEST(Scenario, ClosesALocationForOneCommodityOnly) {
  auto s =
      apply(base(), "name \"x\"\nclose location=B commodity=2846\nclose link=EF-4\n", "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(constraints_for(*s, "284690").avoid_locations.size(), 1u);  // rare-earth oxide: closed
  EXPECT_TRUE(constraints_for(*s, "100199").avoid_locations.empty());   // wheat: open
  EXPECT_EQ(constraints_for(*s, "100199").avoid_links.size(), 1u);      // closed for all cargo
}

TEST(Scenario, SetsADistribution) {
  auto s = apply(
      base(),
      "name \"x\"\nset link=AB-0 field=wait_distribution value=lognormal|48|120 sources=*:test\n"
      "set border=A>B field=hours_distribution value=empirical|10|20|60 sources=*:test\n",
      "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  const auto& l = s->tables.links[0];
  ASSERT_NE(l.wait_dist[7], nw::kNoDist);
  EXPECT_NEAR(s->tables.distributions[l.wait_dist[7]].quantile(0.9), 120, 1e-9);
  EXPECT_EQ(
      error_of(
          "name \"x\"\nset link=AB-0 field=wait_distribution value=lognormal|48 sources=*:test\n")
          .substr(0, 33),
      "t.scenario:2: field 'value': expe");
  EXPECT_NE(error_of("name \"x\"\nset link=AB-0 field=wait_distribution value=lognormal|120|48 "
                     "sources=*:test\n")
                .find("median <= p90"),
            std::string::npos);
}

TEST(Scenario, AddsAPortAndALink) {
  auto s = apply(base(),
                 "name \"new port\"\n"
                 "source id=s1 title=\"a study\" url=https://example.org date=2026 reliability=S\n"
                 "add location id=P name=Port country=KZ lat=40 lon=60 kind=seaport sources=*:s1\n"
                 "add link id=rail-a-p from=A to=P mode=rail gauge_mm=1520 km=50 speed_kmh=40 "
                 "handling=container "
                 "tariff_usd_per_tkm=0.05 emission_class=rail sources=*:s1\n",
                 "t.scenario");
  ASSERT_TRUE(s) << s.error().message;
  auto net = nw::Network::build(s->tables);
  ASSERT_TRUE(net) << net.error().message;
  EXPECT_TRUE(net->find_location("P"));
  EXPECT_TRUE(net->find_link("rail-a-p"));
}

TEST(Scenario, ErrorsNameTheLineAndTheField) {
  EXPECT_EQ(error_of("name \"x\"\n\nclose country=CX\n"),
            "t.scenario:3: field 'country': unknown country 'CX' (did you mean CN, AZ, KZ?)");
  EXPECT_EQ(error_of("name \"x\"\nset link=AB-0 field=capacity_teu_py value=-5 sources=*:test\n"),
            "t.scenario:2: field 'value': value -5 is out of range [0, 1e+10]");
  EXPECT_EQ(error_of("name \"x\"\nset link=AB-0 field=capacity_teu_py value=5\n"),
            "t.scenario:2: field 'sources': a figure needs its source (sources=*:SOURCE_ID)");
  EXPECT_EQ(error_of("name \"x\"\nclose link=nope\n"),
            "t.scenario:2: field 'link': unknown link 'nope'");
  EXPECT_EQ(error_of("name \"x\"\nfly to=moon\n").substr(0, 35),
            "t.scenario:2: field 'fly': unknown ");
  EXPECT_EQ(error_of("close country=CN\n"),
            "t.scenario:1: field 'name': a scenario needs a `name \"...\"` line");
  EXPECT_NE(error_of("name \"x\"\nadd location id=P name=Port country=KZ lat=95 lon=60 "
                     "kind=seaport sources=*:test\n")
                .find("t.scenario:2: field 'lat'"),
            std::string::npos);
  EXPECT_EQ(error_of("name \"x\"\nset border=B>E field=hours value=1|2|3 sources=*:test\n"),
            "t.scenario:2: field 'border': no border B>E in the network");
}

TEST(Scenario, TheEmbeddedLibraryLoadsAndEveryScenarioSaysWhy) {
  const std::string dir = std::string(CARAVAN_DATA_DIR) + "/eurasia";
  auto tables = io::read_tables(dir);
  ASSERT_TRUE(tables) << tables.error().message;
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/scenarios")) {
    if (e.path().extension() != ".scenario") continue;
    auto s = load(*tables, e.path().string());
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_FALSE(s->why.empty()) << e.path();
    EXPECT_TRUE(nw::Network::build(s->tables)) << e.path();
    ++n;
  }
  EXPECT_GE(n, 8);
}

}  // namespace
}  // namespace caravan::scenario
