// Time-dependent routing: ASCII-map scenarios (a departure in an open month that meets a closed
// link later), and brute-force oracles on random small networks with closures and month-dependent
// times: a time-expanded dynamic programme over whole hours, for the single objective (every
// objective) and for the Pareto set.
#include "route/timetable.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "route/pareto.h"
#include "route/planner.h"
#include "testing/ascii_network.h"
#include "testing/random_network.h"

namespace caravan::route {
namespace {
namespace nw = caravan::network;
using testing::describe;

PlanRequest request(const nw::Network& net, std::string_view from, std::string_view to,
                    double value_usd, Date depart, Objective objective = Objective::Cost) {
  PlanRequest r;
  r.query.from = *net.find_location(from);
  r.query.to = *net.find_location(to);
  r.query.objective = objective;
  r.shipment = *cost::make_shipment(net, "box", 100.0, std::nullopt, value_usd);
  r.query.hs = r.shipment.hs;
  r.query.depart = depart;
  return r;
}

// The Caspian in miniature: the ferry B:C is closed in November. From A the train reaches B in
// 62.5 hours; leaving on 30 October, it gets there on 1 November.
//
//   A=====B::C=====D        1 character = 500 km; rail 40 km/h, ferry 15 km/h
//   =              =
//   E==============F        the long way round, by rail only
constexpr std::string_view kCaspian = R"(
    A=====B::C=====D
    =              =
    E==============F
  )";
constexpr std::string_view kNoWayRound = "A=====B::C=====D";

nw::Network caspian(std::string_view map) {
  testing::AsciiOptions o;
  o.km_per_char = 500;
  auto t = testing::tables_from_ascii(map, o);
  for (auto& l : t.links)
    if (l.mode == nw::Mode::Ferry) l.closed_months = 1u << 10;  // November
  return std::move(*nw::Network::build(t));
}

TEST(TimeDependent, AnOpenMonthAtDepartureStillMeetsTheClosureLater) {
  const auto net = caspian(kCaspian);
  // Leaving on 1 October the cargo crosses in October: the ferry.
  auto early = plan(net, request(net, "A", "D", 1e5, make_date(2026, 10, 1)));
  ASSERT_TRUE(early && !early->routes.empty());
  EXPECT_EQ(describe(net, early->routes[0].path.arcs), "A=B B:C C=D");
  EXPECT_EQ(early->routes[0].held_hours, 0.0);

  // Leaving on 30 October it reaches the ferry in November. Cheap goods wait for December (the
  // wait costs their inventory, less than the long way round) ...
  auto cheap = plan(net, request(net, "A", "D", 1e5, make_date(2026, 10, 30)));
  ASSERT_TRUE(cheap && !cheap->routes.empty());
  const auto& held = cheap->routes[0];
  EXPECT_EQ(describe(net, held.path.arcs), "A=B B:C C=D");
  ASSERT_EQ(held.legs.size(), 3u);
  const auto& ferry = held.legs[1];
  EXPECT_EQ(format_date(add_hours(*held.depart, ferry.reach_hours)), "2026-11-01");
  EXPECT_EQ(format_date(add_hours(*held.depart, ferry.reach_hours + ferry.hold_hours)),
            "2026-12-01");
  EXPECT_NEAR(held.held_hours, ferry.hold_hours, 1e-9);
  EXPECT_GT(held.total.waiting.value, ferry.hold_hours - 1e-9);  // the hold is waiting time

  // ... dear goods go round: a month of their inventory costs more than the detour.
  auto dear = plan(net, request(net, "A", "D", 1e8, make_date(2026, 10, 30)));
  ASSERT_TRUE(dear && !dear->routes.empty());
  EXPECT_EQ(describe(net, dear->routes[0].path.arcs), "A=E E=F F=D");
  EXPECT_EQ(dear->routes[0].held_hours, 0.0);

  // Without a departure date no closure applies (the static network).
  auto r = request(net, "A", "D", 1e8, make_date(2026, 10, 30));
  r.query.depart.reset();
  EXPECT_EQ(describe(net, plan(net, r)->routes[0].path.arcs), "A=B B:C C=D");
}

TEST(TimeDependent, WithNoWayRoundTheCargoWaitsForTheLinkToReopen) {
  const auto net = caspian(kNoWayRound);
  for (auto objective : {Objective::Cost, Objective::Time, Objective::Co2}) {
    auto res = plan(net, request(net, "A", "D", 1e8, make_date(2026, 10, 30), objective));
    ASSERT_TRUE(res && !res->routes.empty()) << name(objective);
    const auto& it = res->routes[0];
    EXPECT_EQ(describe(net, it.path.arcs), "A=B B:C C=D");
    EXPECT_EQ(format_date(add_hours(*it.depart, it.legs[1].reach_hours + it.legs[1].hold_hours)),
              "2026-12-01");
  }
  // The Pareto set and the alternatives see the same closure.
  auto r = request(net, "A", "D", 1e5, make_date(2026, 10, 30));
  r.pareto = true;
  auto front = plan(net, r);
  ASSERT_TRUE(front && front->routes.size() == 1u);
  EXPECT_GT(front->routes[0].held_hours, 24 * 29.0);
  r.pareto = false;
  r.alternatives = 3;
  auto alts = plan(net, r);
  ASSERT_TRUE(alts && !alts->routes.empty());
  for (const auto& it : alts->routes) EXPECT_GT(it.held_hours, 24 * 29.0);
}

TEST(TimeDependent, WhenBothMustWaitTheSlowCheapWayWins) {
  // The ferry B:C is closed in November. Leaving on 10 November, the fast train (A=B, 50 h) and
  // the slow ship (A~D~E~B, 100 h, a third of the freight) both reach B in November and wait for
  // December: the ship's extra inventory is spent waiting either way, so the ship is cheaper. A
  // search that compared labels by cost and arrival alone would drop the ship at B (it arrives
  // later and, for goods this dear, has cost more so far).
  //
  //   A====B::C        1 character = 500 km
  //   ~    ~
  //   D~~~~E
  const auto net = caspian(R"(
    A====B::C
    ~    ~
    D~~~~E
  )");
  auto res = plan(net, request(net, "A", "C", 1e8, make_date(2026, 11, 10)));
  ASSERT_TRUE(res && !res->routes.empty());
  EXPECT_EQ(describe(net, res->routes[0].path.arcs), "A~D D~E E~B B:C");
  // Leaving in October, the train makes the ferry before the closure: speed pays.
  res = plan(net, request(net, "A", "C", 1e8, make_date(2026, 10, 20)));
  ASSERT_TRUE(res && !res->routes.empty());
  EXPECT_EQ(describe(net, res->routes[0].path.arcs), "A=B B:C");
}

TEST(TimeDependent, RegimesApplyOnTheDayTheCargoGetsThere) {
  // A transit ban on XB from 5 November. B is 50 hours from A: leaving on 1 November the cargo
  // is through XB before the ban starts; leaving on 4 November it would still be there on the
  // 5th, so it goes round by XC.
  //
  //   A==B==C      1 character = 1,000 km; A and C in XA, B in XB, D and E in XC
  //   =     =
  //   D=====E
  testing::AsciiOptions o;
  o.km_per_char = 1000;
  o.countries = "AC:XA B:XB DE:XC";
  auto t = testing::tables_from_ascii(R"(
    A==B==C
    =     =
    D=====E
  )",
                                      o);
  nw::Policy ban;
  ban.id = "xb-ban";
  ban.issuer = "XB";
  ban.kind = nw::PolicyKind::TransitBan;
  ban.binds = nw::kAnyParty;
  ban.anyone = true;
  ban.countries = {testing::country_id(t, "XB")};
  ban.effect = nw::PolicyEffect::Forbid;
  ban.from = make_date(2026, 11, 5);
  t.policies.push_back(ban);
  const auto net = std::move(*nw::Network::build(t));
  auto early = plan(net, request(net, "A", "C", 1e8, make_date(2026, 11, 1)));
  ASSERT_TRUE(early && !early->routes.empty());
  EXPECT_EQ(describe(net, early->routes[0].path.arcs), "A=B B=C");
  auto late = plan(net, request(net, "A", "C", 1e8, make_date(2026, 11, 4)));
  ASSERT_TRUE(late && !late->routes.empty());
  EXPECT_EQ(describe(net, late->routes[0].path.arcs), "A=D D=E E=C");
}

// ---- Oracles ----

// A random network whose every duration is a whole number of hours, with closures (a link closed
// in one of the months the journey may meet) and month-dependent waits.
nw::Tables random_td_tables(std::uint32_t seed, int n, int m) {
  auto t = testing::random_tables(seed, n, m);
  std::mt19937 rng(seed * 7919u + 1);
  auto pick = [&](int k) { return std::uniform_int_distribution<int>(0, k - 1)(rng); };
  for (auto& l : t.links) {
    l.hours = Hours{std::round(l.hours.value)};
    l.wait = {};
    // Closed in one or two of February, March and April (the journey leaves in late January).
    if (pick(2) == 0)
      l.closed_months = static_cast<std::uint16_t>((pick(2) ? 3u : 1u) << (1 + pick(2)));
    if (pick(3) == 0) {
      for (int mo = 1; mo <= 12; ++mo) {
        l.wait_dist[mo] = static_cast<std::uint32_t>(t.distributions.size());
        t.distributions.push_back(*nw::Distribution::fixed(mo % 2 ? 0.0 : 24.0 * (1 + pick(5))));
      }
    }
  }
  for (auto& x : t.transfers) {
    const double h = std::round(x.hours.mode.value);
    x.hours = {Hours{h}, Hours{h}, Hours{h}};
  }
  for (auto& b : t.borders) {
    const double h = std::round(b.hours.mode.value);
    b.hours = {Hours{h}, Hours{h}, Hours{h}};
  }
  return t;
}

constexpr int kHorizonHours = 4000;

// The arc's scalar and hours if taken at hour `t`, or nullopt when it cannot be.
std::optional<std::pair<double, int>> take(const Prepared& p, std::uint32_t a, int t) {
  const auto& w = weights_at(p, ArcId{a}, p.tt.epoch_at(t));
  if (!w.usable()) return std::nullopt;
  return std::pair{scalar_weight(w, p.query.objective, p.query.value_of_time_usd_per_hour),
                   static_cast<int>(std::lround(w.hours().value))};
}

// Minimum scalar over every schedule (any hold of whole hours anywhere), by dynamic programming
// over (hour, node): holds cost their scalar per hour.
double brute_best(const Prepared& p) {
  const auto& g = p.net->graph();
  const std::size_t n = g.node_count();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double omega =
      scalar_weight(p.tt.hold(1.0), p.query.objective, p.query.value_of_time_usd_per_hour);
  std::vector<std::vector<double>> v(kHorizonHours + 1, std::vector<double>(n, kInf));
  for (auto s : p.sources) v[0][s] = 0;
  double best = kInf;
  for (int t = 0; t <= kHorizonHours; ++t) {
    auto& cur = v[t];
    if (t > 0)
      for (std::size_t x = 0; x < n; ++x) cur[x] = std::min(cur[x], v[t - 1][x] + omega);
    // Arcs of zero hours stay in the hour: relax them to a fixpoint.
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
        const auto u = g.arcs[a].tail.value, h = g.arcs[a].head.value;
        if (!(cur[u] < kInf) || transition(p, p.start_state, ArcId{a}) == UINT32_MAX) continue;
        const auto step = take(p, a, t);
        if (!step || step->second != 0) continue;
        if (cur[u] + step->first < cur[h] - 1e-12) {
          cur[h] = cur[u] + step->first;
          changed = true;
        }
      }
    }
    for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
      const auto u = g.arcs[a].tail.value, h = g.arcs[a].head.value;
      if (!(cur[u] < kInf) || transition(p, p.start_state, ArcId{a}) == UINT32_MAX) continue;
      const auto step = take(p, a, t);
      if (!step || step->second == 0 || t + step->second > kHorizonHours) continue;
      auto& next = v[t + step->second][h];
      next = std::min(next, cur[u] + step->first);
    }
    for (auto x : p.targets) best = std::min(best, cur[x]);
  }
  return best;
}

Result<Prepared> compile_td(const nw::Network& net, const PlanRequest& r) {
  cost::Params params = r.params;
  params.month = month_of(*r.query.depart);
  const cost::DataCostModel model(r.shipment, params);
  return prepare(net, cost::weigh_all(net, model), r.query,
                 build_timetable(net, r.query, r.shipment, params));
}

class RandomTimeDependent : public ::testing::TestWithParam<int> {};

TEST_P(RandomTimeDependent, BestPathMatchesTheTimeExpandedOptimumForEveryObjective) {
  auto net = nw::Network::build(random_td_tables(static_cast<std::uint32_t>(GetParam()), 6, 10));
  ASSERT_TRUE(net) << net.error().message;
  int held = 0;
  for (auto obj : {Objective::Cost, Objective::Time, Objective::Co2, Objective::Risk,
                   Objective::Generalized}) {
    auto r = request(*net, "L0", "L5", 2e5 * (1 + GetParam() % 5),
                     make_date(2027, 1, 26 + GetParam() % 5), obj);
    r.query.value_of_time_usd_per_hour = 40;
    auto p = compile_td(*net, r);
    ASSERT_TRUE(p);
    ASSERT_TRUE(p->time_dependent());
    const double brute = brute_best(*p);
    const auto found = best_path(*p);
    if (!std::isfinite(brute)) {
      EXPECT_FALSE(found.has_value()) << name(obj);
      continue;
    }
    ASSERT_TRUE(found.has_value()) << name(obj);
    EXPECT_NEAR(found->weight, brute, 1e-6 * std::max(1.0, brute)) << "objective " << name(obj);
    // The itinerary re-adds the same scalar.
    double again = 0;
    for (const auto& ta : timed_arcs(*p, *found))
      again += scalar_weight(ta.w, obj, r.query.value_of_time_usd_per_hour);
    EXPECT_NEAR(again, found->weight, 1e-6 * std::max(1.0, brute));
    for (double h : found->hold) held += h > 0;
  }
  RecordProperty("holds", held);
}

// The exact non-dominated set over (cost, hours, CO2, risk) among every schedule, by dynamic
// programming over (hour, node) with the non-dominated (cost, CO2, risk) at each.
std::vector<Criteria> brute_front(const Prepared& p) {
  const auto& g = p.net->graph();
  const std::size_t n = g.node_count();
  using Vec = std::array<double, 3>;
  auto dom = [](const Vec& a, const Vec& b) {
    return a[0] <= b[0] + 1e-9 && a[1] <= b[1] + 1e-9 && a[2] <= b[2] + 1e-12;
  };
  auto add = [&](std::vector<Vec>& set, const Vec& x) {
    for (const auto& y : set)
      if (dom(y, x)) return false;
    std::erase_if(set, [&](const Vec& y) { return dom(x, y); });
    set.push_back(x);
    return true;
  };
  std::vector<std::vector<std::vector<Vec>>> v(kHorizonHours + 1, std::vector<std::vector<Vec>>(n));
  for (auto s : p.sources) v[0][s].push_back({0, 0, p.start_risk});
  std::vector<Criteria> out;
  const double rate = p.tt.hold_usd_per_hour;
  for (int t = 0; t <= kHorizonHours; ++t) {
    auto& cur = v[t];
    if (t > 0)
      for (std::size_t x = 0; x < n; ++x)
        for (const auto& y : v[t - 1][x]) add(cur[x], {y[0] + rate, y[1], y[2]});
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
        const auto u = g.arcs[a].tail.value, h = g.arcs[a].head.value;
        if (cur[u].empty() || transition(p, p.start_state, ArcId{a}) == UINT32_MAX) continue;
        const auto& w = weights_at(p, ArcId{a}, p.tt.epoch_at(t));
        if (!w.usable() || std::lround(w.hours().value) != 0) continue;
        const auto from = cur[u];
        for (const auto& y : from)
          changed =
              add(cur[h], {y[0] + w.cost().value, y[1] + w.co2.value, y[2] + w.risk}) || changed;
      }
    }
    for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
      const auto u = g.arcs[a].tail.value, h = g.arcs[a].head.value;
      if (cur[u].empty() || transition(p, p.start_state, ArcId{a}) == UINT32_MAX) continue;
      const auto& w = weights_at(p, ArcId{a}, p.tt.epoch_at(t));
      const long d = std::lround(w.hours().value);
      if (!w.usable() || d == 0 || t + d > kHorizonHours) continue;
      for (const auto& y : cur[u])
        add(v[t + d][h], {y[0] + w.cost().value, y[1] + w.co2.value, y[2] + w.risk});
    }
    for (auto x : p.targets)
      for (const auto& y : cur[x]) out.push_back({y[0], static_cast<double>(t), y[1], y[2]});
  }
  std::vector<Criteria> front;
  for (std::size_t i = 0; i < out.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < out.size() && !dominated; ++j)
      dominated = i != j && dominates(out[j], out[i]) && (out[j] != out[i] || j < i);
    if (!dominated) front.push_back(out[i]);
  }
  return front;
}

TEST_P(RandomTimeDependent, ParetoSetMatchesTheTimeExpandedFront) {
  auto net = nw::Network::build(random_td_tables(static_cast<std::uint32_t>(GetParam()), 5, 8));
  ASSERT_TRUE(net) << net.error().message;
  auto r = request(*net, "L0", "L4", 2e5 * (1 + GetParam() % 5),
                   make_date(2027, 1, 26 + GetParam() % 5));
  auto p = compile_td(*net, r);
  ASSERT_TRUE(p);
  auto front = brute_front(*p);
  const auto res = pareto_paths(*p);
  ASSERT_FALSE(res.truncated);
  std::vector<Criteria> got;
  for (const auto& path : res.paths) got.push_back(criteria_of(*p, path));
  // The engine's front and the brute force's agree up to rounding: compare as sets, each point
  // of one matched by an equal point of the other.
  auto near = [](const Criteria& a, const Criteria& b) {
    for (int k = 0; k < 4; ++k)
      if (std::abs(a[k] - b[k]) > 1e-6 * std::max(1.0, std::abs(b[k]))) return false;
    return true;
  };
  for (const auto& g : got)
    EXPECT_TRUE(
        std::any_of(front.begin(), front.end(), [&](const Criteria& f) { return near(g, f); }))
        << "engine point not in the brute-force front: cost " << g[0] << " hours " << g[1];
  for (const auto& f : front)
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [&](const Criteria& g) { return near(g, f); }))
        << "brute-force point missed: cost " << f[0] << " hours " << f[1];
}

TEST(TimeDependent, PastTheLabelLimitTheSearchSaysItsRouteIsNotProven) {
  const auto net = caspian(kCaspian);
  auto r = request(net, "A", "D", 1e5, make_date(2026, 10, 30));
  auto p = compile_td(net, r);
  ASSERT_TRUE(p);
  const auto exact = best_path(*p);
  ASSERT_TRUE(exact);
  EXPECT_TRUE(exact->exact);
  p->max_td_work = 3;
  const auto rough = best_path(*p);
  ASSERT_TRUE(rough);
  EXPECT_FALSE(rough->exact);
  EXPECT_GE(rough->weight, exact->weight - 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomTimeDependent, ::testing::Range(1, 31));

}  // namespace
}  // namespace caravan::route
