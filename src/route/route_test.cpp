// Scenario tests (ASCII maps) and brute-force oracles for the route planner.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "route/alternatives.h"
#include "route/pareto.h"
#include "route/planner.h"
#include "testing/ascii_network.h"
#include "testing/eurasia.h"
#include "testing/random_network.h"

namespace caravan::route {
namespace {
namespace nw = caravan::network;
using testing::describe;
using testing::network_from_ascii;

PlanRequest request(const nw::Network& net, std::string_view from, std::string_view to,
                    Objective objective = Objective::Cost, std::string_view commodity = "box") {
  PlanRequest r;
  r.query.from = *net.find_location(from);
  r.query.to = *net.find_location(to);
  r.query.objective = objective;
  r.shipment = *cost::make_shipment(net, std::string(commodity), 100.0, std::nullopt, std::nullopt);
  r.query.hs = r.shipment.hs;
  return r;
}

std::string best(const nw::Network& net, const PlanRequest& r) {
  auto res = plan(net, r);
  if (!res) return "error: " + res.error().message;
  if (res->routes.empty()) return "none: " + res->no_route_reason;
  return describe(net, res->routes.front().path.arcs);
}

TEST(CheapestPath, TakesTheLongerRailRouteWhenItIsCheaper) {
  const auto net = network_from_ascii(R"(
    A----------B
    =          =
    C==========D
  )");
  EXPECT_EQ(best(net, request(net, "A", "B")), "A=C C=D D=B");
}

TEST(FastestPath, TakesTheRoadWhenItIsFaster) {
  const auto net = network_from_ascii(R"(
    A----------B
    =          =
    C==========D
  )");
  EXPECT_EQ(best(net, request(net, "A", "B", Objective::Time)), "A-B");
}

TEST(GaugeBreak, TrainsCannotRunOntoTheOtherGauge) {
  const auto no_change = network_from_ascii("A===B###C");
  EXPECT_TRUE(
      best(no_change, request(no_change, "A", "C")).starts_with("none: the network has no route"));
  testing::AsciiOptions o;
  o.gauge_change_at = "B";
  const auto net = network_from_ascii("A===B###C", o);
  auto res = plan(net, request(net, "A", "C"));
  ASSERT_TRUE(res && res->routes.size() == 1);
  const auto& it = res->routes.front();
  EXPECT_EQ(describe(net, it.path.arcs), "A=B B#C");
  ASSERT_EQ(it.gauge_breaks.size(), 1u);
  EXPECT_EQ(net.location(it.stops[it.gauge_breaks[0]].at).id, "B");
  EXPECT_EQ(it.transshipments, 1);
  // The gauge change costs what the transfer row says: 5 USD/t for 100 t, plus inventory.
  EXPECT_NEAR(it.total.handling.value, 500.0, 1e-9);
}

TEST(Borders, ARouteIntoAnotherCountryPaysTheBorder) {
  testing::AsciiOptions o;
  o.countries = "AB:KZ C:CN";
  o.border_hours = 30;
  const auto net = network_from_ascii("A===B===C", o);
  auto res = plan(net, request(net, "A", "C"));
  ASSERT_TRUE(res && res->routes.size() == 1);
  const auto& it = res->routes.front();
  ASSERT_EQ(it.border_legs.size(), 1u);
  EXPECT_NEAR(it.total.border_time.value, 30.0, 1e-9);
  EXPECT_NEAR(it.total.border.value, 100.0, 1e-9);
  ASSERT_EQ(it.countries.size(), 2u);
  EXPECT_EQ(net.country(it.countries[1]).iso2, "CN");
}

TEST(Borders, EveryChangeOfCountryIsACrossing) {
  // A-B by road into XB (a land border row), B~C by sea into XC (no border row: customs at the
  // ports).
  testing::AsciiOptions o;
  o.countries = "A:XA B:XB C:XC";
  const auto net = network_from_ascii("A---B~~~C", o);
  auto res = plan(net, request(net, "A", "C"));
  ASSERT_TRUE(res && !res->routes.empty());
  const auto& it = res->routes[0];
  ASSERT_EQ(it.crossings.size(), 2u);
  EXPECT_EQ(net.country(it.crossings[0].from).iso2, "XA");
  EXPECT_EQ(net.country(it.crossings[0].to).iso2, "XB");
  EXPECT_TRUE(it.crossings[0].border.has_value());
  EXPECT_EQ(net.country(it.crossings[1].to).iso2, "XC");
  EXPECT_FALSE(it.crossings[1].border.has_value());
  EXPECT_EQ(it.crossings[1].leg, 1u);
}

TEST(Constraints, AvoidingACountryTakesTheDetour) {
  const auto net2 =
      network_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                         testing::AsciiOptions{100, "AD:KZ B:CN EF:AZ", "", 5, 2, 10});
  auto r = request(net2, "A", "D");
  EXPECT_EQ(best(net2, r), "A=B B=D");
  r.query.constraints.avoid_countries = {*net2.find_country("CN")};
  EXPECT_EQ(best(net2, r), "A-E E-F F-D");
  r.query.constraints.avoid_countries.push_back(*net2.find_country("AZ"));
  const auto answer = best(net2, r);
  EXPECT_TRUE(
      answer.find("dropping any one of these alone would allow one: avoiding CN; avoiding AZ") !=
      std::string::npos)
      << answer;
}

TEST(Constraints, TransitRuleForbidsTransitButNotDestination) {
  const auto net = network_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                      testing::AsciiOptions{100, "AD:KZ B:CN EF:AZ", "", 5, 2, 10});
  auto r = request(net, "A", "D");
  r.query.constraints.transit_rules.push_back({"9999", *net.find_country("CN"), "test"});
  EXPECT_EQ(best(net, r), "A-E E-F F-D");
  // A rule for another HS code does not apply.
  r.query.constraints.transit_rules = {{"2846", *net.find_country("CN"), "test"}};
  EXPECT_EQ(best(net, r), "A=B B=D");
  // Into China itself is not transit.
  r = request(net, "A", "B");
  r.query.constraints.transit_rules.push_back({"9999", *net.find_country("CN"), "test"});
  EXPECT_EQ(best(net, r), "A=B");
}

TEST(Constraints, ViaForcesTheDetourAndContradictionsAreErrors) {
  const auto net = network_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                      testing::AsciiOptions{100, "AD:KZ B:CN EF:AZ", "", 5, 2, 10});
  auto r = request(net, "A", "D");
  r.query.constraints.via = {*net.find_location("F")};
  EXPECT_EQ(best(net, r), "A-E E-F F-D");
  r.query.constraints.avoid_countries = {*net.find_country("AZ")};
  auto res = plan(net, r);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, ErrorCode::Unsatisfiable);
  EXPECT_NE(res.error().message.find("via F lies in AZ"), std::string::npos);
}

TEST(Constraints, TransshipmentCapIsRespected) {
  testing::AsciiOptions o;
  o.gauge_change_at = "B";
  // Cheap: rail with a gauge change at B (1 transshipment). Dear: road all the way (0).
  const auto net = network_from_ascii(R"(
    A===B###C
    -       -
    D-------E
  )",
                                      o);
  auto r = request(net, "A", "C");
  EXPECT_EQ(best(net, r), "A=B B#C");
  r.query.constraints.max_transshipments = 0;
  EXPECT_EQ(best(net, r), "A-D D-E E-C");
}

TEST(Constraints, RequiredCountryAndViaAny) {
  const auto net = network_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                      testing::AsciiOptions{100, "AD:KZ B:CN EF:AZ", "", 5, 2, 10});
  auto r = request(net, "A", "D");
  r.query.constraints.require_countries = {*net.find_country("AZ")};
  EXPECT_EQ(best(net, r), "A-E E-F F-D");
  r.query.constraints.require_countries.clear();
  r.query.constraints.via_any = {*net.find_location("E"), *net.find_location("F")};
  EXPECT_EQ(best(net, r), "A-E E-F F-D");
}

TEST(Closures, AClosedLinkIsNotUsedInItsMonth) {
  auto t = testing::tables_from_ascii(R"(
    A===B
    -   -
    C---D
  )");
  for (auto& l : t.links)
    if (l.mode == nw::Mode::Rail) l.closed_months = 1u << 11;  // December
  auto net = std::move(*nw::Network::build(t));
  auto r = request(net, "A", "B");
  EXPECT_EQ(best(net, r), "A=B");
  r.params.month = 12;
  EXPECT_EQ(best(net, r), "A-C C-D D-B");
}

TEST(Alternatives, SayHowTheyDifferAndOverlapLittle) {
  // Rail A=C=D=B is cheapest; the road A-B is the alternative: another mode, no shared track.
  testing::AsciiOptions o;
  o.countries = "AB:XA CD:XB";
  const auto net = network_from_ascii(R"(
    A----------B
    =          =
    C==========D
  )",
                                      o);
  auto r = request(net, "A", "B");
  r.alternatives = 3;
  auto res = plan(net, r);
  ASSERT_TRUE(res && res->routes.size() >= 2);
  const auto d = differences(net, res->routes[0], res->routes[1]);
  const auto has = [&](const std::string& s) {
    return std::find(d.begin(), d.end(), s) != d.end();
  };
  EXPECT_TRUE(has("avoids XB")) << testing::describe(net, res->routes[1].path.arcs);
  EXPECT_TRUE(has("by road"));
  EXPECT_TRUE(has("shares 0% of its length with the best route"));
  // No two kept routes share 80% or more of their length.
  for (std::size_t i = 1; i < res->routes.size(); ++i) {
    const auto di = differences(net, res->routes[0], res->routes[i]);
    ASSERT_FALSE(di.empty());
    const int share = std::stoi(di.back().substr(std::string("shares ").size()));
    EXPECT_LT(share, 80);
  }
}

TEST(Compare, VariantsWithTheSameRouteAreShownOnce) {
  const auto net = network_from_ascii(R"(
    A----------B
    =          =
    C==========D
  )");
  const auto r = request(net, "A", "B");
  std::vector<Variant> variants = {
      {"one", "no constraint", {}}, {"two", "also none", {}}, {"road", "no rail", {}}};
  variants[2].extra.avoid_modes = {nw::Mode::Rail};
  auto res = compare(net, r, variants);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->size(), 3u);
  merge_identical(*res);
  ASSERT_EQ(res->size(), 2u);
  EXPECT_EQ((*res)[0].variant.id, "one");
  ASSERT_EQ((*res)[0].same_route.size(), 1u);
  EXPECT_EQ((*res)[0].same_route[0].id, "two");
  EXPECT_EQ((*res)[1].variant.id, "road");
}

TEST(Alternatives, AreDistinctAndInIncreasingCost) {
  const auto net = network_from_ascii(R"(
    A===B===D
    -   -   -
    E---F---G
  )");
  auto r = request(net, "A", "D");
  r.alternatives = 4;
  auto res = plan(net, r);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->routes.size(), 4u);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < res->routes.size(); ++i) {
    EXPECT_TRUE(seen.insert(describe(net, res->routes[i].path.arcs)).second);
    if (i) {
      EXPECT_LE(res->routes[i - 1].cost().value, res->routes[i].cost().value + 1e-9);
    }
  }
  EXPECT_EQ(describe(net, res->routes[0].path.arcs), "A=B B=D");
}

TEST(WhyNot, ExplainsDominanceAndRules) {
  const auto net = network_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                      testing::AsciiOptions{100, "AD:KZ B:CN EF:AZ", "", 5, 2, 10});
  auto r = request(net, "A", "D");
  auto w = why_not(net, r, *net.find_location("F"));
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->possible);
  EXPECT_TRUE(w->via_route.has_value());
  // Road via F (900 km) is dearer than rail via B (600 km) and no faster: 15 h of running either
  // way plus two borders, so the rail route dominates it.
  ASSERT_TRUE(w->dominated_by.has_value()) << w->reason;
  EXPECT_EQ(describe(net, w->dominated_by->path.arcs), "A=B B=D");
  r.query.constraints.avoid_countries = {*net.find_country("AZ")};
  w = why_not(net, r, *net.find_location("F"));
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->possible);
  EXPECT_NE(w->reason.find("AZ"), std::string::npos) << w->reason;
}

// ---- Oracles: brute-force enumeration on random small networks ----

struct Enumerated {
  std::vector<std::vector<ArcId>> paths;
};

Enumerated enumerate_paths(const Prepared& p) {
  Enumerated out;
  const auto& g = p.net->graph();
  std::set<std::uint64_t> on_path;  // (node, state): a via may bring a route back past a node
  std::vector<ArcId> stack;
  std::function<void(std::uint32_t, std::uint32_t)> dfs = [&](std::uint32_t v,
                                                              std::uint32_t state) {
    if (out.paths.size() > 200000) return;
    if (p.is_target[v] && is_final_state(p, state)) {
      out.paths.push_back(stack);
      return;
    }
    for (std::uint32_t a = g.first_out[v]; a < g.first_out[v + 1]; ++a) {
      const auto head = g.arcs[a].head.value;
      const auto ns = transition(p, state, ArcId{a});
      if (ns == UINT32_MAX) continue;
      const std::uint64_t key = (std::uint64_t{head} << 32) | ns;
      if (!on_path.insert(key).second) continue;
      stack.push_back(ArcId{a});
      dfs(head, ns);
      stack.pop_back();
      on_path.erase(key);
    }
  };
  for (auto s : p.sources) {
    const std::uint64_t key = (std::uint64_t{s} << 32) | p.start_state;
    on_path.insert(key);
    dfs(s, p.start_state);
    on_path.erase(key);
  }
  return out;
}

class RandomNetworks : public ::testing::TestWithParam<int> {};

TEST_P(RandomNetworks, BestPathMatchesBruteForceForEveryObjective) {
  auto net =
      nw::Network::build(testing::random_tables(static_cast<std::uint32_t>(GetParam()), 7, 12));
  ASSERT_TRUE(net) << net.error().message;
  for (auto obj : {Objective::Cost, Objective::Time, Objective::Co2, Objective::Risk,
                   Objective::Generalized}) {
    auto r = request(*net, "L0", "L6", obj);
    r.query.value_of_time_usd_per_hour = 50;
    if (GetParam() % 3 == 0) r.query.constraints.max_transshipments = 1;
    if (GetParam() % 4 == 1) r.query.constraints.via = {*net->find_location("L3")};
    cost::DataCostModel model(r.shipment, r.params);
    auto p = prepare(*net, cost::weigh_all(*net, model), r.query);
    ASSERT_TRUE(p);
    const auto all = enumerate_paths(*p);
    double brute = std::numeric_limits<double>::infinity();
    for (const auto& path : all.paths) {
      double w = 0;
      for (auto a : path) w += p->scalar[a.value];
      brute = std::min(brute, w);
    }
    const auto found = best_path(*p);
    if (all.paths.empty()) {
      EXPECT_FALSE(found.has_value());
      continue;
    }
    ASSERT_TRUE(found.has_value());
    EXPECT_NEAR(found->weight, brute, 1e-6 * std::max(1.0, brute)) << "objective " << name(obj);
  }
}

TEST_P(RandomNetworks, ParetoSetMatchesBruteForce) {
  auto net =
      nw::Network::build(testing::random_tables(static_cast<std::uint32_t>(GetParam()), 7, 12));
  ASSERT_TRUE(net);
  auto r = request(*net, "L0", "L6");
  cost::DataCostModel model(r.shipment, r.params);
  auto p = prepare(*net, cost::weigh_all(*net, model), r.query);
  ASSERT_TRUE(p);
  const auto all = enumerate_paths(*p);
  std::vector<Criteria> brute;
  for (const auto& path : all.paths) brute.push_back(criteria_of(*p, Path{path, 0, {}, {}, true}));
  std::vector<Criteria> front;
  for (std::size_t i = 0; i < brute.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < brute.size() && !dominated; ++j) {
      if (i == j) continue;
      const bool le = dominates(brute[j], brute[i]);
      const bool equal = brute[j] == brute[i];
      dominated = le && (!equal || j < i);
    }
    if (!dominated) front.push_back(brute[i]);
  }
  const auto res = pareto_paths(*p);
  ASSERT_FALSE(res.truncated);
  std::vector<Criteria> got;
  for (const auto& path : res.paths) got.push_back(criteria_of(*p, path));
  std::sort(front.begin(), front.end());
  std::sort(got.begin(), got.end());
  ASSERT_EQ(got.size(), front.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    for (int k = 0; k < 4; ++k)
      EXPECT_NEAR(got[i][k], front[i][k], 1e-6 * std::max(1.0, front[i][k]));
}

TEST_P(RandomNetworks, DistancesSatisfyTheOptimalityCondition) {
  // d(v) <= d(u) + w(u, v) on every allowed arc, for distances from the origin (LEMON's check):
  // each node's best path weight is computed as a separate single-target query.
  auto net =
      nw::Network::build(testing::random_tables(static_cast<std::uint32_t>(GetParam()), 7, 12));
  ASSERT_TRUE(net);
  auto r = request(*net, "L0", "L6");
  cost::DataCostModel model(r.shipment, r.params);
  auto p = prepare(*net, cost::weigh_all(*net, model), r.query);
  ASSERT_TRUE(p);
  const auto& g = net->graph();
  std::vector<double> d(g.node_count(), std::numeric_limits<double>::infinity());
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    Prepared q = *p;
    q.is_target.assign(g.node_count(), 0);
    q.is_target[v] = 1;
    q.targets = {v};
    if (auto path = best_path(q)) d[v] = path->weight;
  }
  for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
    if (!p->allowed[a]) continue;
    const auto u = g.arcs[a].tail.value, v = g.arcs[a].head.value;
    if (std::isinf(d[u])) continue;
    EXPECT_LE(d[v], d[u] + p->scalar[a] + 1e-6);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomNetworks, ::testing::Range(1, 41));

// Bulk pays bulk rates (rates.csv), not container rates: grain from Bishkek to Istanbul cost more
// than the grain (USD 339 a tonne for goods worth 266) when Kazakh, Georgian and Turkish rail
// charged it the mixed-cargo CPMM rate. The published build-up is about USD 120-230 a tonne
// (docs/research/validation-2026-12/NOTES.md).
TEST(EmbeddedRates, GrainFromBishkekToIstanbulCostsLessThanTheGrain) {
  const auto& net = testing::eurasia();
  auto r = make_plan_request(net, "Bishkek", "Istanbul", "grain", 1000.0);
  ASSERT_TRUE(r);
  auto p = plan(net, *r);
  ASSERT_TRUE(p && !p->routes.empty());
  const double per_t = p->routes[0].cost().value / 1000.0;
  EXPECT_LT(per_t, 230.0);
  EXPECT_LT(per_t, r->shipment.value.value / 1000.0);
  // A container of the same grain still pays the container rate per TEU.
  auto boxed = make_plan_request(net, "Bishkek", "Istanbul", "general-container", 1000.0);
  ASSERT_TRUE(boxed);
  auto q = plan(net, *boxed);
  ASSERT_TRUE(q && !q->routes.empty());
  EXPECT_GT(q->routes[0].cost().value, p->routes[0].cost().value);
}

}  // namespace
}  // namespace caravan::route
