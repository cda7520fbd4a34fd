// The maritime layer: passages from tags and boxes, avoiding them, snapping, A* against a plain
// Dijkstra, and the sea-route use-case's answers and errors.
#include "sea/sea_route.h"

#include <gtest/gtest.h>

#include <cmath>
#include <queue>
#include <random>

namespace caravan::sea {
namespace {

// Lat/lon degrees; lengths are great-circle km.
//
//   lat 0:     A ------ B ==suez== C ------ D
//              |                            |
//   lat -20:   E ----[cape box]---- F ----- G
//
//   lat 40:    H ---- I   (a lake: not connected, never snapped to)
struct World {
  SeaData data;
  places::Gazetteer places;
};

Passage tagged(std::string id) {
  Passage p;
  p.id = p.marnet_pass = std::move(id);
  p.name = p.id + " canal";
  return p;
}

World world(bool arctic_default = false) {
  std::vector<LatLon> nodes = {{0, 0},    {0, 10},   {0, 12}, {0, 22}, {-20, 0},
                               {-20, 11}, {-20, 22}, {40, 5}, {40, 6}};
  enum { A, B, C, D, E, F, G, H, I };
  auto lane = [&](std::uint32_t a, std::uint32_t b, std::string pass = "") {
    return LaneInput{a, b, great_circle(nodes[a], nodes[b]), std::move(pass)};
  };
  std::vector<LaneInput> lanes = {lane(A, B), lane(B, C, "suez"), lane(C, D), lane(A, E),
                                  lane(E, F), lane(F, G),         lane(G, D), lane(H, I)};
  Passage cape;
  cape.id = "cape";
  cape.name = "Cape";
  cape.min_lon = 5, cape.max_lon = 6, cape.min_lat = -21, cape.max_lat = -19;
  cape.has_box = true;
  cape.avoided_by_default = arctic_default;
  auto net = SeaNetwork::build(nodes, lanes, {tagged("suez"), cape}, "test");
  EXPECT_TRUE(net);
  std::vector<places::Place> pl;
  auto add = [&](std::string code, std::string name, LatLon at) {
    places::Place p;
    p.locode = std::move(code);
    p.name = std::move(name);
    p.at = at;
    p.has_position = true;
    p.functions = places::kPort;
    pl.push_back(p);
  };
  add("XXAAA", "Aport", {0.1, -0.1});
  add("XXDDD", "Dport", {0.1, 22.1});
  add("XXINL", "Inland", {20, 11});
  VesselClass v;
  v.id = "box";
  v.name = "Box ship";
  v.cargo = "container";
  v.speed_kn = {15, 15};
  v.per_teu = true;
  v.usd_per_unit_1000nm = {100, 200};
  v.g_co2_per_tkm = {10, 10};
  return {SeaData{std::move(*net), {v}}, places::Gazetteer(pl)};
}

TEST(SeaNetwork, TagsLanesFromTheFileAndFromABoxTheyCross) {
  const auto w = world();
  const auto& sea = w.data.network;
  EXPECT_EQ(sea.lanes_in(*sea.find_passage("suez")), 1u);
  EXPECT_EQ(sea.lanes_in(*sea.find_passage("cape")), 1u);  // E-F only
  EXPECT_EQ(sea.find_passage("SUEZ"), sea.find_passage("suez"));
  EXPECT_EQ(sea.find_passage("Suez canal"), sea.find_passage("suez"));
  EXPECT_FALSE(sea.find_passage("suezz"));
}

TEST(SeaNetwork, TheShortestWayUsesTheCanalAndAvoidingItGoesRoundTheCape) {
  const auto w = world();
  const auto& sea = w.data.network;
  const SeaNodeId a{0}, d{3};
  auto p = shortest_sea_path(sea, a, d);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->nodes.size(), 4u);
  ASSERT_EQ(p->passages.size(), 1u);
  EXPECT_EQ(sea.passages()[p->passages[0].value].id, "suez");
  EXPECT_NEAR(p->length.value, great_circle({0, 0}, {0, 22}).value, 0.01);  // float lengths
  std::vector<bool> avoid(sea.passages().size(), false);
  avoid[sea.find_passage("suez")->value] = true;
  p = shortest_sea_path(sea, a, d, avoid);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->passages.size(), 1u);
  EXPECT_EQ(sea.passages()[p->passages[0].value].id, "cape");
  avoid[sea.find_passage("cape")->value] = true;
  EXPECT_FALSE(shortest_sea_path(sea, a, d, avoid));
}

// The nearest targets by sea, one search: through the canal, or round the Cape when it is
// avoided; a target's own distance counts; the paths are the shortest ones.
TEST(SeaNetwork, TheNearestTargetsBySeaAreTheShortestPathsToThem) {
  const auto w = world();
  const auto& sea = w.data.network;
  const SeaNodeId a{0}, b{1}, d{3}, g{6};
  const std::vector<std::pair<SeaNodeId, double>> targets = {{d, 0}, {b, 0}, {g, 5}};
  auto r = nearest_by_sea(sea, a, targets, 2);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].target, 1u);  // B
  EXPECT_EQ(r[1].target, 0u);  // D, through the canal
  const auto direct = shortest_sea_path(sea, a, d);
  EXPECT_EQ(r[1].path.nodes, direct->nodes);
  EXPECT_EQ(r[1].path.passages, direct->passages);
  EXPECT_DOUBLE_EQ(r[1].km, r[1].path.length.value);
  std::vector<bool> avoid(sea.passages().size(), false);
  avoid[sea.find_passage("suez")->value] = true;
  r = nearest_by_sea(sea, a, targets, 2, avoid);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].target, 2u);  // G (5 km of its own), before D round the Cape
  EXPECT_NEAR(r[1].km, shortest_sea_path(sea, a, g, avoid)->length.value + 5, 1e-9);
  EXPECT_EQ(nearest_by_sea(sea, a, targets, 5, avoid).size(), 3u);
}

TEST(SeaNetwork, SnapsToTheMainPartNotToALake) {
  const auto w = world();
  const auto s = w.data.network.snap({40, 5.2});  // beside H, in the lake
  EXPECT_NE(s.node.value, 7u);
  EXPECT_NE(s.node.value, 8u);
  EXPECT_EQ(s.node.value, 1u);  // B is the nearest node of the main part
}

// A* with the great-circle bound gives the same lengths as a plain Dijkstra on random networks.
TEST(SeaNetwork, AStarMatchesDijkstraOnRandomNetworks) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 30; ++trial) {
    std::uniform_real_distribution<double> lat(-60, 60), lon(-180, 180), stretch(1.0, 1.4);
    const std::uint32_t n = 60;
    std::vector<LatLon> nodes;
    for (std::uint32_t i = 0; i < n; ++i) nodes.push_back({lat(rng), lon(rng)});
    std::vector<LaneInput> lanes;
    for (std::uint32_t i = 1; i < n; ++i) {  // a spanning tree, then random chords
      const auto j = static_cast<std::uint32_t>(rng() % i);
      lanes.push_back({i, j, great_circle(nodes[i], nodes[j]) * stretch(rng), ""});
    }
    for (int k = 0; k < 90; ++k) {
      const auto i = static_cast<std::uint32_t>(rng() % n),
                 j = static_cast<std::uint32_t>(rng() % n);
      lanes.push_back({i, j, great_circle(nodes[i], nodes[j]) * stretch(rng), ""});
    }
    auto sea = SeaNetwork::build(nodes, lanes, {}, "random");
    ASSERT_TRUE(sea);
    // The oracle: Dijkstra over the lane list.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> adj(n);
    for (const auto& l : lanes) {
      if (l.a == l.b) continue;
      adj[l.a].push_back({l.b, l.length.value});
      adj[l.b].push_back({l.a, l.length.value});
    }
    const auto from = static_cast<std::uint32_t>(rng() % n);
    std::vector<double> dist(n, INFINITY);
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
    dist[from] = 0;
    pq.push({0, from});
    while (!pq.empty()) {
      auto [d, u] = pq.top();
      pq.pop();
      if (d > dist[u]) continue;
      for (auto [v, len] : adj[u])
        if (d + len < dist[v]) pq.push({dist[v] = d + len, v});
    }
    for (std::uint32_t to = 0; to < n; ++to) {
      const auto p = shortest_sea_path(*sea, SeaNodeId{from}, SeaNodeId{to});
      ASSERT_TRUE(p);
      EXPECT_NEAR(p->length.value, dist[to], 1e-3 * (1 + dist[to])) << trial << " " << to;
    }
  }
}

TEST(SeaRoute, PricesPerTeuWhenNoCargoIsGivenAndForTheCargoWhenItIs) {
  const auto w = world();
  SeaRouteRequest req;
  req.from = "Aport";
  req.to = "XXDDD";
  auto r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->path);
  EXPECT_TRUE(r->per_unit);
  const double nm = nautical_miles(r->total);
  EXPECT_NEAR(r->cost_usd.low, 100 * nm / 1000, 1e-6);
  EXPECT_NEAR(r->cost_usd.high, 200 * nm / 1000, 1e-6);
  EXPECT_NEAR(r->sailing_hours.low, nm / 15, 1e-6);
  req.tonnes = Tonnes{400};  // 20 TEU at 20 t per TEU
  r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->per_unit);
  EXPECT_NEAR(r->cost_usd.low, 20 * 100 * nm / 1000, 1e-6);
  EXPECT_NEAR(r->co2_kg.low, 400 * r->total.value * 10 / 1000, 1e-6);
}

TEST(SeaRoute, AvoidingTheCanalReportsTheDetourAgainstTheShortest) {
  const auto w = world();
  SeaRouteRequest req;
  req.from = "XXAAA";
  req.to = "XXDDD";
  req.avoid = {"suez"};
  auto r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->path);
  ASSERT_TRUE(r->unconstrained);
  EXPECT_GT(r->total.value, r->unconstrained->value);
  req.avoid = {"suez", "cape"};
  r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->path);
  EXPECT_NE(r->reason.find("suez canal, Cape"), std::string::npos) << r->reason;
}

TEST(SeaRoute, APassageAvoidedByDefaultIsUsedOnlyWhenAllowed) {
  const auto w = world(/*arctic_default=*/true);
  SeaRouteRequest req;
  req.from = "XXAAA";
  req.to = "XXDDD";
  req.avoid = {"suez"};
  auto r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->path);  // the cape is off unless allowed
  ASSERT_EQ(r->avoided_by_default.size(), 1u);
  req.allow = {"cape"};
  r = plan_sea_route(w.data, w.places, req);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->path);
}

TEST(SeaRoute, BadRequestsNameTheirField) {
  const auto w = world();
  SeaRouteRequest req;
  req.from = "XXAAA";
  req.to = "XXDDD";
  req.avoid = {"suezz"};
  auto r = plan_sea_route(w.data, w.places, req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "avoid");
  EXPECT_NE(r.error().message.find("known: suez, cape"), std::string::npos);
  req.avoid = {};
  req.vessel = "tanker";
  r = plan_sea_route(w.data, w.places, req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "vessel");
  req.vessel = "";
  req.to = "Inland";  // 20 degrees from the nearest lane
  r = plan_sea_route(w.data, w.places, req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "to");
  EXPECT_NE(r.error().message.find("from the nearest sea node"), std::string::npos);
  req.max_snap = Km{5000};
  EXPECT_TRUE(plan_sea_route(w.data, w.places, req));
}

}  // namespace
}  // namespace caravan::sea
