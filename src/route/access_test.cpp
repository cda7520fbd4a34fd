// Access legs: a place beyond the network joined to it by estimated road (and rail) legs whose
// figures come from the network's own links; errors for places it cannot join.
#include "route/access.h"

#include <gtest/gtest.h>

#include "network/locate.h"
#include "route/planner.h"
#include "testing/ascii_network.h"

namespace caravan::route {
namespace {
namespace nw = caravan::network;

// One character is one degree (lat 40 - row, lon 50 + column): A (40, 51), B (40, 57), C (40, 63).
//
//    A-----B=====C      road A-B, rail B-C; all in KZ
//    .
//    .  P               P (38, 54), a UN/LOCODE place that is not in the network
constexpr std::string_view kMap = " A-----B=====C";

nw::Network base() {
  testing::AsciiOptions o;
  o.countries = "ABC:KZ";
  return testing::network_from_ascii(kMap, o);
}

places::Place place(std::string code, double lat, double lon, std::uint8_t functions,
                    std::string country = "KZ") {
  places::Place p;
  p.locode = std::move(code);
  p.name = "Place " + p.locode;
  p.country = std::move(country);
  p.at = {lat, lon};
  p.has_position = true;
  p.functions = functions;
  p.source = "UN/LOCODE";
  return p;
}

TEST(Access, APlaceBeyondTheNetworkIsJoinedByEstimatedRoadLegs) {
  const auto net = base();
  auto joined = with_access(net, {{"KZPPP", place("KZPPP", 38, 54, places::kRoad), ""}});
  ASSERT_TRUE(joined) << joined.error().message;
  const auto p = joined->find_location("KZPPP");
  ASSERT_TRUE(p);
  int road = 0;
  for (std::uint32_t i = 0; i < joined->link_count(); ++i) {
    const auto& l = joined->link(LinkId{i});
    if (!l.estimated) continue;
    EXPECT_EQ(l.from, *p);
    EXPECT_EQ(l.mode, nw::Mode::Road);  // no rail function: no rail leg
    const auto& to = joined->location(l.to);
    EXPECT_NEAR(l.km.value, 1.25 * great_circle({38, 54}, to.pos).value, 1e-6);
    // The rate is the median of the country's road links (A-B: USD 0.10 per t-km).
    ASSERT_TRUE(l.usd_per_tkm);
    EXPECT_NEAR(*l.usd_per_tkm, 0.10, 1e-9);
    ++road;
  }
  EXPECT_EQ(road, 2);  // A and B have road links; C only rail
  // A shipment from the place to C: the first leg is the estimated one.
  PlanRequest r;
  r.query.from = *p;
  r.query.to = *joined->find_location("C");
  r.shipment = *cost::make_shipment(*joined, "box", 100.0, std::nullopt, std::nullopt);
  r.query.hs = r.shipment.hs;
  auto plan = route::plan(*joined, r);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_FALSE(plan->routes.empty());
  EXPECT_TRUE(joined->link(plan->routes[0].legs.front().link).estimated);
  EXPECT_FALSE(joined->link(plan->routes[0].legs.back().link).estimated);
}

TEST(Access, ARailPointIsAlsoJoinedByRailAtTheGaugeOfItsNearestRailNodes) {
  const auto net = base();
  auto joined =
      with_access(net, {{"KZRRR", place("KZRRR", 38, 60, places::kRail | places::kRoad), ""}});
  ASSERT_TRUE(joined) << joined.error().message;
  int rail = 0;
  for (std::uint32_t i = 0; i < joined->link_count(); ++i) {
    const auto& l = joined->link(LinkId{i});
    if (l.estimated && l.mode == nw::Mode::Rail) {
      EXPECT_EQ(l.gauge_mm, 1520);
      ++rail;
    }
  }
  EXPECT_EQ(rail, 2);  // B and C
}

TEST(Access, APlaceOutsideTheNetworksCountriesOrTooFarIsAnError) {
  const auto net = base();
  auto e = with_access(net, {{"JPXXX", place("JPXXX", 38, 54, places::kRoad, "JP"), ""}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::NotFound);
  EXPECT_NE(e.error().message.find("does not cover"), std::string::npos);
  AccessOptions near;
  near.max_km = Km{100};
  e = with_access(net, {{"KZFAR", place("KZFAR", 30, 54, places::kRoad), ""}}, near);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("within 100 km"), std::string::npos);
}

TEST(Access, OnlyQueriesTheNetworkDoesNotKnowGoToTheGazetteer) {
  const auto net = base();
  const places::Gazetteer g({place("KZPPP", 38, 54, places::kRoad)});
  auto found = places_beyond(net, g, {"A", "Place KZPPP", "KZPPP"}, {"from", "to", "to"});
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 1u);  // "A" is the network's; the place is named twice
  EXPECT_EQ(found->front().id, "KZPPP");
  // The gazetteer knows the network's C under another name: no access leg, an alias.
  places::Place c = place("C", 40, 63, places::kRail);
  c.name = "Sea Town";
  const places::Gazetteer g2({c});
  auto alias = places_beyond(net, g2, {"Sea Town"}, {"to"});
  ASSERT_TRUE(alias) << alias.error().message;
  ASSERT_EQ(alias->size(), 1u);
  auto joined = with_access(net, *alias);
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->location_count(), net.location_count());
  auto sea_town = nw::resolve_location(*joined, "Sea Town", "to");
  ASSERT_TRUE(sea_town);
  EXPECT_EQ(*sea_town, *net.find_location("C"));
  auto missing = places_beyond(net, g, {"Nowhereville"}, {"to"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "to");
  EXPECT_NE(missing.error().message.find("nor is it in the gazetteer"), std::string::npos);
}

}  // namespace
}  // namespace caravan::route
