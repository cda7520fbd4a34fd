#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "assign/freight_assignment.h"
#include "assign/freight_model.h"
#include "assign/solver.h"
#include "testing/ascii_network.h"

namespace caravan::assign {
namespace {

Link bpr(std::uint32_t from, std::uint32_t to, double t0, double b, double cap, double power) {
  Link l;
  l.tail = from;
  l.head = to;
  l.delay.free_time = t0;
  l.delay.b = b;
  l.delay.capacity = cap;
  l.delay.power = power;
  return l;
}

// The Braess network of the TNTP example: costs 50+x, x+10, 10x and 10+x; 6 trips 0 -> 1.
Problem braess(bool with_bridge) {
  Problem p;
  p.node_count = 4;
  p.links = {bpr(0, 2, 1e-8, 1e9, 1, 1), bpr(0, 3, 50, 0.02, 1, 1), bpr(2, 1, 50, 0.02, 1, 1),
             bpr(3, 1, 1e-8, 1e9, 1, 1)};
  if (with_bridge) p.links.push_back(bpr(2, 3, 10, 0.1, 1, 1));
  DemandClass c;
  c.demand = {{0, 1, 6.0}};
  p.classes.push_back(c);
  return p;
}

double path_cost(const Solution& s, std::initializer_list<std::size_t> links) {
  double c = 0;
  for (std::size_t a : links) c += s.time[a];
  return c;
}

TEST(Braess, AddingTheBridgeMakesEveryoneSlower) {
  Options o;
  o.gap = 1e-12;
  for (Algorithm alg : {Algorithm::B, Algorithm::FrankWolfe, Algorithm::BiconjugateFw}) {
    o.algorithm = alg;
    if (alg != Algorithm::B) o.gap = 1e-6;
    const auto without = solve(braess(false), o);
    const auto with = solve(braess(true), o);
    ASSERT_TRUE(without && with);
    const double before = path_cost(*without, {0, 2});
    const double after = path_cost(*with, {0, 2});
    EXPECT_NEAR(before, 83.0, 1e-3) << algorithm_name(alg);
    EXPECT_NEAR(after, 92.0, 1e-3) << algorithm_name(alg);
    EXPECT_NEAR(with->volume[4], 2.0, 1e-3);  // the bridge carries a third of the trips
  }
}

TEST(Braess, SystemOptimumLeavesTheBridgeEmptyAndCostsLess) {
  Options o;
  o.gap = 1e-10;
  o.objective = Objective::SystemOptimum;
  const auto so = solve(braess(true), o);
  o.objective = Objective::UserEquilibrium;
  const auto ue = solve(braess(true), o);
  ASSERT_TRUE(so && ue);
  EXPECT_LT(so->total_cost, ue->total_cost - 1.0);
  EXPECT_NEAR(so->volume[4], 0.0, 1e-6);
  EXPECT_NEAR(so->total_cost, 6 * 83.0, 1e-3);
}

TEST(DelayFunction, DerivativeAndIntegralMatchFiniteDifferences) {
  std::vector<DelayFunction> fs(3);
  fs[0] = {DelayKind::Bpr, 3.0, 100.0, 0.15, 4.0, 0.0};
  fs[1] = {DelayKind::Queue, 2.0, 100.0, 0.0, 0.0, 24.0};
  fs[2] = {DelayKind::Bpr, 1.0, 50.0, 0.5, 2.5, 0.0};
  for (const auto& f : fs) {
    for (double v : {10.0, 50.0, 90.0, 98.0, 120.0}) {
      const double h = 1e-4;
      EXPECT_NEAR(f.derivative(v), (f.time(v + h) - f.time(v - h)) / (2 * h),
                  1e-5 * (1 + f.derivative(v)));
      EXPECT_NEAR(f.integral(v + h) - f.integral(v - h), 2 * h * f.time(v), 1e-6 * (1 + f.time(v)));
      EXPECT_NEAR(f.second_derivative(v), (f.derivative(v + h) - f.derivative(v - h)) / (2 * h),
                  1e-4 * (1 + std::abs(f.second_derivative(v))));
    }
  }
}

TEST(DelayFunction, QueueDelayGrowsWithoutBoundTowardsCapacity) {
  const DelayFunction q{DelayKind::Queue, 0.0, 1000.0, 0.0, 0.0, 10.0};
  EXPECT_NEAR(q.time(500), 10.0, 1e-12);  // scale = delay at half capacity
  EXPECT_GT(q.time(900), 8 * q.time(500));
  EXPECT_GT(q.time(989), 80 * q.time(500));
  EXPECT_GT(q.time(1100), q.time(990));  // finite and increasing beyond the knee
}

// Random strongly connected networks: every algorithm reaches the same equilibrium.
Problem random_problem(unsigned seed, int classes) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Problem p;
  p.node_count = 12;
  for (std::uint32_t i = 0; i < p.node_count; ++i) {
    p.links.push_back(bpr(i, (i + 1) % p.node_count, 1 + 5 * u(rng), 0.15, 20 + 50 * u(rng), 4));
    for (int k = 0; k < 2; ++k) {
      const auto j = static_cast<std::uint32_t>(rng() % p.node_count);
      if (j != i) p.links.push_back(bpr(i, j, 1 + 9 * u(rng), 0.15 + u(rng), 10 + 40 * u(rng), 4));
    }
  }
  for (int c = 0; c < classes; ++c) {
    DemandClass dc;
    dc.name = "class" + std::to_string(c);
    dc.value_of_time = 1.0 + 3.0 * c;
    dc.money.resize(p.links.size());
    for (double& m : dc.money) m = 5 * u(rng);
    for (int k = 0; k < 15; ++k) {
      const auto o = static_cast<std::uint32_t>(rng() % p.node_count);
      const auto d = static_cast<std::uint32_t>(rng() % p.node_count);
      dc.demand.push_back({o, d, 10 + 30 * u(rng)});
    }
    p.classes.push_back(dc);
  }
  return p;
}

TEST(Solve, AllAlgorithmsAgreeOnRandomMultiClassNetworks) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    const Problem p = random_problem(seed, 1 + seed % 2);
    Options o;
    o.gap = 1e-12;
    const auto b = solve(p, o);
    ASSERT_TRUE(b);
    EXPECT_LE(b->relative_gap, 1e-12) << seed;
    EXPECT_EQ(b->stop, StopReason::Converged);
    for (Algorithm alg :
         {Algorithm::FrankWolfe, Algorithm::ConjugateFw, Algorithm::BiconjugateFw}) {
      o.algorithm = alg;
      o.gap = 1e-4;
      o.max_iterations = 3000;
      const auto f = solve(p, o);
      ASSERT_TRUE(f);
      if (alg != Algorithm::FrankWolfe) {  // plain FW may need more than the cap
        EXPECT_LE(f->relative_gap, 1e-4) << algorithm_name(alg) << " seed " << seed;
      }
      // The objective is convex: no algorithm beats the tighter solution.
      EXPECT_GE(f->objective, b->objective * (1 - 1e-12));
      EXPECT_NEAR(f->objective, b->objective, 1e-3 * b->objective);
    }
    // Conservation: every class's demand leaves its origins.
    for (std::size_t k = 0; k < p.classes.size(); ++k) {
      double demand = 0, total = 0;
      for (const auto& od : p.classes[k].demand)
        if (od.origin != od.destination) demand += od.volume;
      for (std::size_t a = 0; a < p.links.size(); ++a) total += b->class_volume[k][a];
      EXPECT_GE(total, demand * (1 - 1e-9));
    }
  }
}

TEST(Solve, TheNumberOfThreadsDoesNotChangeTheResult) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    const Problem p = random_problem(seed, 2);
    for (Algorithm alg : {Algorithm::B, Algorithm::ConjugateFw}) {
      Options o;
      o.algorithm = alg;
      o.gap = 1e-10;
      o.max_iterations = 200;
      const auto one = solve(p, o);
      o.threads = 2;
      const auto two = solve(p, o);
      o.threads = 0;  // every hardware thread
      const auto all = solve(p, o);
      ASSERT_TRUE(one && two && all);
      ASSERT_EQ(one->history.size(), two->history.size()) << seed;
      for (std::size_t i = 0; i < one->history.size(); ++i) {
        EXPECT_EQ(one->history[i].relative_gap, two->history[i].relative_gap) << seed << " " << i;
        EXPECT_EQ(one->history[i].objective, two->history[i].objective) << seed << " " << i;
      }
      EXPECT_EQ(one->volume, two->volume) << seed;
      EXPECT_EQ(one->volume, all->volume) << seed;
      EXPECT_EQ(one->relative_gap, two->relative_gap) << seed;
    }
  }
}

TEST(Solve, ReportsEveryIterationAndTheIterationCap) {
  const Problem p = random_problem(3, 1);
  Options o;
  o.algorithm = Algorithm::FrankWolfe;
  o.gap = 1e-14;
  o.max_iterations = 7;
  int calls = 0;
  o.progress = [&](const IterationReport& r) {
    ++calls;
    EXPECT_EQ(r.iteration, calls);
    EXPECT_GE(r.relative_gap, 0.0);
  };
  const auto s = solve(p, o);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->stop, StopReason::IterationLimit);
  EXPECT_EQ(calls, 7);
  EXPECT_EQ(s->history.size(), 7u);
}

TEST(Solve, DisconnectedDemandIsReportedWithItsVolume) {
  Problem p = braess(false);
  p.node_count = 5;  // node 4 has no links
  p.classes[0].demand.push_back({0, 4, 2.5});
  const auto s = solve(p, Options{});
  ASSERT_TRUE(s);
  ASSERT_EQ(s->unserved.size(), 1u);
  EXPECT_EQ(s->unserved[0].destination, 4u);
  EXPECT_DOUBLE_EQ(s->unserved[0].volume, 2.5);
}

TEST(Solve, RejectsNegativeCapacityAndUnknownNodes) {
  Problem p = braess(false);
  p.links[1].delay.capacity = -1;
  EXPECT_FALSE(solve(p, Options{}));
  p = braess(false);
  p.classes[0].demand.push_back({0, 9, 1.0});
  const auto s = solve(p, Options{});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("out of range"), std::string::npos);
}

TEST(Solve, ThroughTrafficAvoidsZones) {
  // 0 -> 1 -> 2 is short but node 1 is a zone; traffic must take 0 -> 3 -> 2.
  Problem p;
  p.node_count = 4;
  p.first_through_node = 3;
  p.links = {bpr(0, 1, 1, 0, 1, 1), bpr(1, 2, 1, 0, 1, 1), bpr(0, 3, 5, 0, 1, 1),
             bpr(3, 2, 5, 0, 1, 1)};
  DemandClass c;
  c.demand = {{0, 2, 4.0}};
  p.classes.push_back(c);
  const auto s = solve(p, Options{});
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->volume[0], 0.0);
  EXPECT_DOUBLE_EQ(s->volume[2], 4.0);
}

TEST(FreightModel, FerryCapacityBindsAndMoreCapacityLowersTotalCost) {
  // The ferry B:C is the short way; the long road E-F is the alternative.
  auto tables = testing::tables_from_ascii(R"(
    A---B:::C---D
    -           -
    E-----------F
  )");
  for (auto& l : tables.links)
    if (l.mode == network::Mode::Ferry) l.capacity_tpy = 1000.0;
  auto net = network::Network::build(std::move(tables));
  ASSERT_TRUE(net);
  const CommodityId box = *net->find_commodity("bulk");
  const std::vector<FreightDemand> demand = {
      {*net->find_location("A"), *net->find_location("D"), box, 1500.0}};
  FreightParams params;
  auto fm = build_freight_model(*net, demand, params);
  ASSERT_TRUE(fm);
  ASSERT_EQ(fm->points.size(), 1u);
  Options o;
  o.gap = 1e-10;
  const auto s = solve(fm->problem, o);
  ASSERT_TRUE(s);
  EXPECT_LE(s->relative_gap, 1e-10);
  const auto bn = bottlenecks(*fm, *s);
  ASSERT_EQ(bn.size(), 1u);
  EXPECT_GT(bn[0].ratio, 0.5);
  EXPECT_LT(bn[0].ratio, 1.0);  // the queue keeps the ferry below capacity; the rest goes by road
  EXPECT_GT(bn[0].marginal_usd_per_tonne, 0.0);
  const double before = total_cost_usd(*fm, *s);
  params.capacity_overrides = {{fm->points[0].id, 2000.0}};
  auto bigger = build_freight_model(*net, demand, params);
  ASSERT_TRUE(bigger);
  const auto s2 = solve(bigger->problem, o);
  ASSERT_TRUE(s2);
  EXPECT_LT(total_cost_usd(*bigger, *s2), before);
  params.capacity_overrides = {{"no-such-point", 1.0}};
  EXPECT_FALSE(build_freight_model(*net, demand, params));
}

TEST(FreightAssignment, CrudeInAPipelineIsNotTrafficOfACorridor) {
  // A*B pipeline and C-D road, both into XB; a corridor "through XB" counts the road's goods,
  // not the crude in the pipeline.
  testing::AsciiOptions o;
  o.countries = "AC:XA BD:XB";
  auto tables = testing::tables_from_ascii(R"(
    A*****B
    C-----D
  )",
                                           o);
  network::Corridor c;
  c.id = "through-xb";
  c.name = "through XB";
  c.require_countries = {testing::country_id(tables, "XB")};
  tables.corridors.push_back(c);
  auto net = network::Network::build(std::move(tables));
  ASSERT_TRUE(net) << net.error().message;
  FreightAssignmentRequest r;
  r.demand = {
      {*net->find_location("A"), *net->find_location("B"), *net->find_commodity("oil"), 1000.0},
      {*net->find_location("C"), *net->find_location("D"), *net->find_commodity("box"), 300.0}};
  auto out = run_freight_assignment(*net, r);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->corridors.size(), 1u);
  EXPECT_NEAR(out->corridors[0].tonnes_py, 300.0, 1e-6);
}

}  // namespace
}  // namespace caravan::assign
