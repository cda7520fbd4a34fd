// The OSM rail simplification: degree-2 chains contracted across ways, kept where a station sits
// or the line changes, junctions kept, service tracks left out, stations beside the tracks
// snapped, and the graph as tables that build.
#include "network/rail_import.h"

#include <gtest/gtest.h>

#include "testing/ascii_network.h"

namespace caravan::network {
namespace {

// Nodes 1..7 along a parallel, 0.01 degree (about 1.1 km at the equator) apart; 8 is north of 3.
//
//        8
//        |          W3 (3-8), a branch
//   1-2-3-4-5       W1 (1-2-3), W2 (3-4-5); W4 (5-6-7) a siding (service=siding)
//           5-6-7
RailInput line() {
  RailInput in;
  for (int i = 1; i <= 7; ++i) in.positions[i] = {0.0, 0.01 * i};
  in.positions[8] = {0.01, 0.03};
  auto way = [](std::int64_t id, std::vector<std::int64_t> nodes) {
    RailWay w;
    w.id = id;
    w.nodes = std::move(nodes);
    w.usage = "main";
    return w;
  };
  in.ways = {way(1, {1, 2, 3}), way(2, {3, 4, 5})};
  return in;
}

RailImportOptions options() {
  RailImportOptions o;
  o.country = "LI";
  o.source_date = "2013-08-03";
  return o;
}

TEST(RailImport, AChainOfTwoWaysBecomesOneEdgeWithItsGeometry) {
  auto g = simplify_rail(line(), options());
  ASSERT_TRUE(g) << g.error().message;
  ASSERT_EQ(g->edges.size(), 1u);
  EXPECT_EQ(g->nodes.size(), 2u);
  EXPECT_EQ(g->edges[0].geometry.size(), 5u);
  EXPECT_NEAR(g->edges[0].km, great_circle({0, 0.01}, {0, 0.05}).value, 1e-9);
  EXPECT_EQ(g->edges[0].gauge_mm, 1435);  // the default for ways without a gauge tag
}

TEST(RailImport, AStationAJunctionOrAChangeOfLineKeepsTheNode) {
  auto in = line();
  in.stations.push_back({3, "Middle", "station", {0, 0.03}});
  auto g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  EXPECT_EQ(g->edges.size(), 2u);
  EXPECT_EQ(g->nodes.size(), 3u);
  in = line();
  in.ways[1].electrified = true;  // the line changes at 3
  g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  EXPECT_EQ(g->edges.size(), 2u);
  in = line();
  RailWay branch;
  branch.id = 3;
  branch.nodes = {3, 8};
  in.ways.push_back(branch);  // a junction at 3
  g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  EXPECT_EQ(g->edges.size(), 3u);
  EXPECT_EQ(g->nodes.size(), 4u);
}

TEST(RailImport, ServiceTracksAreLeftOutUnlessAsked) {
  auto in = line();
  RailWay siding;
  siding.id = 4;
  siding.nodes = {5, 6, 7};
  siding.service = "siding";
  in.ways.push_back(siding);
  auto g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  EXPECT_EQ(g->edges.size(), 1u);
  auto o = options();
  o.keep_service_tracks = true;
  g = simplify_rail(in, o);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->edges.size(), 2u);  // the siding's usage differs: node 5 stays
}

TEST(RailImport, AStationBesideTheTracksIsJoinedToTheNearestNodeOrLeftOut) {
  auto in = line();
  in.stations.push_back({100, "Beside", "station", {0.003, 0.02}});  // ~330 m from node 2
  in.stations.push_back({101, "Far", "halt", {0.2, 0.02}});          // ~22 km away
  auto g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  EXPECT_EQ(g->stations_snapped, 1u);
  EXPECT_EQ(g->stations_dropped, 1u);
  bool found = false;
  for (const auto& n : g->nodes) found = found || (n.station && n.name == "Beside" && n.osm == 2);
  EXPECT_TRUE(found);
}

TEST(RailImport, NoRailwayIsAnErrorNotAnEmptyNetwork) {
  RailInput in;
  auto g = simplify_rail(in, options());
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("nothing to import"), std::string::npos);
}

TEST(RailImport, TheTablesBuildANetworkWithTheCataloguesFiguresAndSources) {
  auto in = line();
  in.stations.push_back({1, "West", "station", {0, 0.01}});
  in.stations.push_back({5, "East", "station", {0, 0.05}});
  auto g = simplify_rail(in, options());
  ASSERT_TRUE(g);
  testing::AsciiOptions ao;
  auto catalogue = testing::tables_from_ascii("A=====B", ao);
  // The ASCII catalogue's emission classes are named by mode; give it the rail ones the
  // importer looks for.
  catalogue.emission_classes.push_back({"rail_electric", "electric", 20, {}});
  catalogue.emission_classes.push_back({"rail_diesel", "diesel", 30, {}});
  auto t = rail_tables(*g, options(), catalogue);
  ASSERT_TRUE(t) << t.error().message;
  ASSERT_EQ(t->links.size(), 1u);
  EXPECT_TRUE(t->links[0].usd_per_tkm.has_value());  // the catalogue's rail median
  EXPECT_NEAR(t->links[0].hours.value, t->links[0].km.value / 60.0, 1e-9);  // main: 60 km/h
  auto net = Network::build(*t);
  ASSERT_TRUE(net) << net.error().message;
  EXPECT_TRUE(net->find_location("OSM-1"));
  EXPECT_EQ(net->location(*net->find_location("OSM-5")).name, "East");
}

}  // namespace
}  // namespace caravan::network
