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

// Sea access, on a small maritime layer:
//
//    A~~~~B           sea link A-B (KZ ports, lat 40, lon 51 and 55)
//    n0---n1--suez--n2         lanes at the ports, then through a tagged passage
//                     |
//                     n3   P (38, 60.5): a Japanese port, a country the network does not cover
//
// P is joined by estimated sailings from the network's seaports nearest by sea, through the
// passage, which becomes the network's chokepoint of that id; a port far from every lane is an
// error naming the nearest lane node and its distance.
struct SeaWorld {
  nw::Network net;
  sea::SeaData sea;
};
SeaWorld sea_world() {
  auto t = testing::tables_from_ascii(" A~~~~B", {});
  for (auto& l : t.locations) l.kind = nw::LocationKind::Seaport;
  nw::Chokepoint suez;
  suez.id = "suez";
  suez.name = "Suez Canal";
  t.chokepoints.push_back(suez);
  auto net = nw::Network::build(std::move(t));
  EXPECT_TRUE(net) << net.error().message;
  std::vector<LatLon> nodes = {{40, 51}, {40, 55}, {40, 60}, {38, 60}};
  auto lane = [&](std::uint32_t a, std::uint32_t b, std::string pass = "") {
    return sea::LaneInput{a, b, great_circle(nodes[a], nodes[b]), std::move(pass)};
  };
  sea::Passage p;
  p.id = p.marnet_pass = "suez";
  p.name = "Suez Canal";
  auto layer = sea::SeaNetwork::build(nodes, {lane(0, 1), lane(1, 2, "suez"), lane(2, 3)}, {p},
                                      "test lanes");
  EXPECT_TRUE(layer) << layer.error().message;
  sea::SeaData data{std::move(*layer), {}};
  sea::VesselClass box;
  box.id = "box";
  box.per_teu = true;
  box.cargo = "container";
  box.speed_kn = {15, 15};
  box.usd_per_unit_1000nm = {100, 100};
  sea::VesselClass bulk = box;
  bulk.id = "bulk";
  bulk.per_teu = false;
  bulk.cargo = "dry bulk";
  bulk.usd_per_unit_1000nm = {10, 10};
  data.vessels = {box, bulk};
  return {std::move(*net), std::move(data)};
}

TEST(Access, APortBeyondTheNetworksCountriesIsJoinedBySeaOverTheLayer) {
  const auto w = sea_world();
  AccessOptions o;
  o.sea = &w.sea;
  auto joined =
      with_access(w.net, {{"JPXXX", place("JPXXX", 38, 60.5, places::kPort, "JP"), ""}}, o);
  ASSERT_TRUE(joined) << joined.error().message;
  const auto jp = joined->find_country("JP");
  ASSERT_TRUE(jp);
  int sea_legs = 0;
  for (std::uint32_t i = 0; i < joined->link_count(); ++i) {
    const auto& l = joined->link(LinkId{i});
    if (!l.estimated) continue;
    ++sea_legs;
    EXPECT_EQ(l.mode, nw::Mode::Sea) << l.id;
    EXPECT_GT(l.geometry.size(), 3u) << l.id;  // drawn along the lanes
    ASSERT_EQ(l.chokepoints.size(), 1u) << l.id;
    EXPECT_EQ(joined->chokepoint(l.chokepoints[0]).id, "suez");
    EXPECT_EQ(l.countries.front(), *jp);
    // The lanes' length: longer than the great circle, priced at the class's 100 USD/TEU/1000 nm.
    const double gc = great_circle(LatLon{38, 60.5}, joined->location(l.to).pos).value;
    EXPECT_GT(l.km.value, gc);
    EXPECT_NEAR(*l.usd_per_teu, 100 * l.km.value / 1.852 / 1000, 1e-6);
    EXPECT_NEAR(l.hours.value, l.km.value / 1.852 / 15, 1e-6);
  }
  EXPECT_EQ(sea_legs, 2);  // both seaports (at most sea_ports)
  // And it routes: A to the port, by sea.
  PlanRequest r;
  r.query.from = *joined->find_location("A");
  r.query.to = *joined->find_location("JPXXX");
  r.shipment.teu = Teu{1};
  r.shipment.tonnes = Tonnes{10};
  auto plan_out = plan(*joined, r);
  ASSERT_TRUE(plan_out) << plan_out.error().message;
  ASSERT_FALSE(plan_out->routes.empty());
  // Without a layer it cannot be joined; far from every lane it is an error naming the nearest.
  EXPECT_FALSE(with_access(w.net, {{"JPXXX", place("JPXXX", 38, 60.5, places::kPort, "JP"), ""}}));
  auto far = with_access(w.net, {{"JPFAR", place("JPFAR", 0, 0, places::kPort, "JP"), ""}}, o);
  ASSERT_FALSE(far);
  EXPECT_NE(far.error().message.find("km from the nearest sea lane (node 0 at 40"),
            std::string::npos)
      << far.error().message;
}

}  // namespace
}  // namespace caravan::route
