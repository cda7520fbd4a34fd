// Tests of the Monte Carlo reliability sampler against distributions known in closed form.
#include "sim/monte_carlo.h"

#include <gtest/gtest.h>

#include <cmath>

#include "route/planner.h"
#include "testing/ascii_network.h"
#include "testing/eurasia.h"

namespace caravan::sim {
namespace {
namespace nw = caravan::network;

struct Fixture {
  nw::Network net;
  route::PlanResult plan;
};

// A-B by rail (2 chars = 200 km at 40 km/h: 5 h), plus what `edit` adds.
Fixture make(const std::function<void(nw::Tables&)>& edit, std::string_view map = "A==B") {
  auto t = testing::tables_from_ascii(map);
  edit(t);
  Fixture f{std::move(*nw::Network::build(t)), {}};
  route::PlanRequest r;
  r.query.from = *f.net.find_location("A");
  r.query.to = *f.net.find_location("B");
  r.shipment = *cost::make_shipment(f.net, "box", 20.0, std::nullopt, std::nullopt);
  f.plan = std::move(*route::plan(f.net, r));
  return f;
}

ReliabilityOptions options(int samples, std::uint64_t seed = 1) {
  ReliabilityOptions o;
  o.samples = samples;
  o.seed = seed;
  o.month = 3;
  return o;
}

TEST(Reliability, APermitIsRefusedWithItsProbabilityAndDelaysByItsDistribution) {
  // A regime on anyone's goods in A-B's country: refused 20% of the time (then applied for again),
  // each application a triangular(10, 20, 60) delay: mean 30 h.
  auto f = make([](nw::Tables& t) {
    nw::Policy p;
    p.id = "permit";
    p.issuer = "XA";
    p.anyone = true;
    p.effect = nw::PolicyEffect::Permit;
    p.countries = {CountryId{0}};
    p.refusal_probability.low = p.refusal_probability.high = 0.2;
    p.delay_hours_min.low = 10.0;
    p.delay_hours_mode.low = 20.0;
    p.delay_hours_max.low = 60.0;
    p.from = make_date(2000, 1, 1);
    t.policies.push_back(p);
  });
  const auto& it = f.plan.routes[0];
  EXPECT_NEAR(it.hours().value, 5.0 + 30.0, 1e-9);  // routing: the delay's mean, once
  EXPECT_NEAR(it.risk, 0.2, 1e-9);                  // and the refusal's chance
  auto r = reliability(f.plan.prepared, it, options(200000));
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->disruption_probability, 0.2, 0.005);  // what the route's risk said
  EXPECT_NEAR(r->mean_hours, 5.0 + 30.0 * 1.2, 0.3);   // a refusal costs a second application
}

TEST(Reliability, TriangularWaitMatchesItsMeanAndMedian) {
  auto f = make([](nw::Tables& t) { t.links[0].wait = {Hours{0}, Hours{0}, Hours{30}}; });
  auto r = reliability(f.plan.prepared, f.plan.routes[0], options(200000));
  ASSERT_TRUE(r);
  // 5 h running + triangular(0, 0, 30): mean 10, median 30 (1 - sqrt(0.5)) = 8.787.
  const double sd = std::sqrt(30.0 * 30.0 / 18.0);  // variance (a^2+b^2+c^2-ab-ac-bc)/18
  EXPECT_NEAR(r->mean_hours, 15.0, 4 * sd / std::sqrt(200000.0));
  EXPECT_NEAR(r->p50_hours, 5.0 + 30.0 * (1 - std::sqrt(0.5)), 0.15);
  EXPECT_NEAR(r->planned_hours, 15.0, 1e-9);
  EXPECT_EQ(r->disruption_probability, 0.0);
}

TEST(Reliability, MonthlyLognormalAppliesOnlyInItsMonths) {
  auto f = make([](nw::Tables& t) {
    t.distributions.push_back(*nw::Distribution::lognormal(48, 120));
    t.links[0].wait_dist[12] = 0;  // December only
  });
  auto march = reliability(f.plan.prepared, f.plan.routes[0], options(20000));
  ASSERT_TRUE(march);
  EXPECT_NEAR(march->p50_hours, 5.0, 1e-9);  // no wait outside December
  auto o = options(100000);
  o.month = 12;
  auto dec = reliability(f.plan.prepared, f.plan.routes[0], o);
  ASSERT_TRUE(dec);
  EXPECT_NEAR(dec->p50_hours, 5.0 + 48.0, 1.0);
  EXPECT_NEAR(dec->p90_hours, 5.0 + 120.0, 3.0);
}

TEST(Reliability, ALinkClosedWhenTheCargoGetsThereIsWaitedFor) {
  // A-B closed in March. Leaving on 31 March (day 89 of the year, 00:00) the cargo waits for
  // 1 April, then runs 5 h; leaving on 6 April it runs at once.
  auto f = make([](nw::Tables& t) { t.links[0].closed_months = 1u << 2; });
  auto o = options(1000);
  o.day_of_year = 89;
  auto held = reliability(f.plan.prepared, f.plan.routes[0], o);
  ASSERT_TRUE(held);
  EXPECT_NEAR(held->p50_hours, 24.0 + 5.0, 1e-9);
  EXPECT_NEAR(held->max_hours, 24.0 + 5.0, 1e-9);
  o.day_of_year = 95;
  auto open = reliability(f.plan.prepared, f.plan.routes[0], o);
  ASSERT_TRUE(open);
  EXPECT_NEAR(open->max_hours, 5.0, 1e-9);
}

TEST(Reliability, SameSeedSameResultWhateverTheThreadCount) {
  auto f = make([](nw::Tables& t) { t.links[0].wait = {Hours{1}, Hours{2}, Hours{9}}; });
  auto o1 = options(5000, 42);
  o1.threads = 1;
  o1.keep_samples = true;
  auto o2 = o1;
  o2.threads = 2;
  auto a = reliability(f.plan.prepared, f.plan.routes[0], o1);
  auto b = reliability(f.plan.prepared, f.plan.routes[0], o2);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->hours, b->hours);
  auto o3 = o1;
  o3.seed = 43;
  auto c = reliability(f.plan.prepared, f.plan.routes[0], o3);
  EXPECT_NE(a->hours, c->hours);
}

TEST(Reliability, DelayEventHitsWithItsProbability) {
  auto f = make([](nw::Tables& t) {
    nw::DisruptionEvent e;
    e.id = "storm";
    e.target_kind = nw::TargetKind::Location;
    e.target = 1;  // B
    e.probability = 0.2;
    e.duration = *nw::Distribution::fixed(100);
    t.disruptions.push_back(e);
  });
  const int n = 100000;
  auto r = reliability(f.plan.prepared, f.plan.routes[0], options(n));
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->disruption_probability, 0.2, 4 * std::sqrt(0.2 * 0.8 / n));
  EXPECT_NEAR(r->mean_hours, 5.0 + 0.2 * 100, 4 * 100 * std::sqrt(0.2 * 0.8 / n));
  EXPECT_EQ(r->reroute_probability, 0.0);
}

TEST(Reliability, ClosureReroutesWhenAnotherRouteExists) {
  // Rail A=B (5 h); road A-C-B as the alternative (400 km at 60 km/h = 6.67 h).
  auto g = make(
      [](nw::Tables& t) {
        nw::DisruptionEvent e;
        e.id = "rail-closed";
        e.target_kind = nw::TargetKind::Link;
        for (std::uint32_t i = 0; i < t.links.size(); ++i)
          if (t.links[i].mode == nw::Mode::Rail) e.target = i;
        e.probability = 0.3;
        e.closure = true;
        e.duration = *nw::Distribution::fixed(500);
        t.disruptions.push_back(e);
      },
      "A==B\n-  -\nC--D");
  const int n = 50000;
  auto r = reliability(g.plan.prepared, g.plan.routes[0], options(n));
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->reroute_probability, 0.3, 4 * std::sqrt(0.3 * 0.7 / n));
  EXPECT_LT(r->max_hours, 100.0);  // rerouted by road, never waiting out the 500 h closure
}

TEST(Reliability, DeadlineGivesOnTimeProbabilityAndPenalty) {
  auto f = make([](nw::Tables& t) { t.links[0].wait = {Hours{0}, Hours{10}, Hours{20}}; });
  auto o = options(100000);
  o.deadline_hours = 15.0;  // 5 h running + symmetric triangular(0, 10, 20): P(on time) = 0.5
  o.penalty_usd_per_day = 2400;
  auto r = reliability(f.plan.prepared, f.plan.routes[0], o);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->on_time_probability, 0.5, 0.01);
  // E[max(0, W - 10)] for triangular(0, 10, 20) = 10/6 h; penalty 100 USD/h.
  EXPECT_NEAR(r->expected_delay_cost_usd, 100.0 * 10.0 / 6.0, 5.0);
}

// One definition of risk (cost::passage_risk, docs/routing.md "Risk"): the chance that at least
// one disruption hits the shipment. The route's risk and the Monte Carlo's disrupted share measure
// the same thing and must agree.
//
//   A==B==C~~D        A, B in KZ; C in CN; D in JP; the sea link C~D passes a chokepoint
//
// Passages: KZ at the origin 2%, B 5%, entering CN 3%, the strait 4%, entering JP 1%.
// Events: a delay at C 20% in March only, a closure of CN 10% all year (no way round: the cargo
// waits it out), a closure of the strait 15% in June only (out of season in March).
network::Tables risky_tables() {
  testing::AsciiOptions ao;
  ao.countries = "AB:KZ C:CN D:JP";
  auto t = testing::tables_from_ascii("A==B==C~~D", ao);
  t.countries[testing::country_id(t, "KZ").value].disruption_probability = 0.02;
  t.countries[testing::country_id(t, "CN").value].disruption_probability = 0.03;
  t.countries[testing::country_id(t, "JP").value].disruption_probability = 0.01;
  t.locations[1].disruption_probability = 0.05;  // B
  nw::Chokepoint strait;
  strait.id = "strait";
  strait.disruption_probability = 0.04;
  t.chokepoints.push_back(strait);
  for (auto& l : t.links)
    if (l.mode == nw::Mode::Sea) l.chokepoints = {ChokepointId{0}};
  auto event = [&](std::string id, nw::TargetKind kind, std::uint32_t target, double p,
                   std::uint16_t months, bool closure) {
    nw::DisruptionEvent e;
    e.id = std::move(id);
    e.target_kind = kind;
    e.target = target;
    e.probability = p;
    e.months = months;
    e.closure = closure;
    e.duration = *nw::Distribution::fixed(48);
    t.disruptions.push_back(e);
  };
  event("c-delay", nw::TargetKind::Location, 2, 0.2, 1u << 2, false);
  event("cn-closure", nw::TargetKind::Country, testing::country_id(t, "CN").value, 0.1, 0x0FFF,
        true);
  event("strait-june", nw::TargetKind::Chokepoint, 0, 0.15, 1u << 5, true);
  return t;
}

TEST(Reliability, TheDisruptedShareConvergesToTheRouteRisk) {
  const auto net = std::move(*nw::Network::build(risky_tables()));
  route::PlanRequest r;
  r.query.from = *net.find_location("A");
  r.query.to = *net.find_location("D");
  r.query.depart = make_date(2026, 3, 10);
  r.shipment = *cost::make_shipment(net, "box", 20.0, std::nullopt, std::nullopt);
  auto plan = route::plan(net, r);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->routes.size(), 1u);
  const auto& it = plan->routes[0];
  // By hand: every source that can hit in March, independent.
  const double none = 0.98 * 0.95 * 0.97 * 0.96 * 0.99 * 0.8 * 0.9;
  EXPECT_NEAR(it.risk, 1 - none, 1e-9);
  const int n = 200000;
  ReliabilityRequest rel;
  rel.samples = n;
  auto mc = reliability(plan->prepared, it, options_for(r, rel));
  ASSERT_TRUE(mc);
  EXPECT_NEAR(mc->disruption_probability, it.risk, 4 * std::sqrt(it.risk * (1 - it.risk) / n));

  // In June the delay at C is out of season and the strait's closure in it; with no departure
  // month, each seasonal event counts its chance spread over the year, and the Monte Carlo
  // departs on any day of the year.
  for (int month : {6, 0}) {
    r.query.depart.reset();
    r.params.month = month;
    auto p2 = route::plan(net, r);
    ASSERT_TRUE(p2);
    const auto& it2 = p2->routes[0];
    const double c_delay = month == 6 ? 1.0 : 1 - 0.2 / 12;
    const double strait = month == 6 ? 0.85 : 1 - 0.15 / 12;
    EXPECT_NEAR(it2.risk, 1 - 0.98 * 0.95 * 0.97 * 0.96 * 0.99 * 0.9 * c_delay * strait, 1e-9)
        << "month " << month;
    auto mc2 = reliability(p2->prepared, it2, options_for(r, rel));
    ASSERT_TRUE(mc2);
    EXPECT_NEAR(mc2->disruption_probability, it2.risk, 4 * std::sqrt(it2.risk * (1 - it2.risk) / n))
        << "month " << month;
  }
}

// The same on the embedded network: the flagship shipment on each corridor (before the one
// definition, the China land bridge said risk 9.3% and sampled 0.0%, the northern route 4.9% and
// 26.6%). A sample's dwell may carry it into another month than the plan's mean times do, hence
// a point of tolerance beside the sampling error.
TEST(Reliability, OnTheEmbeddedCorridorsTheDisruptedShareIsTheRouteRisk) {
  const auto& net = testing::eurasia();
  auto base = route::make_plan_request(net, "KZ-STEPNOGORSK", "JPYOK", "rare-earth-oxide", 1000.0);
  ASSERT_TRUE(base);
  base->query.depart = make_date(2026, 11, 15);
  auto results = route::compare(net, *base, route::corridor_variants(net));
  ASSERT_TRUE(results);
  int checked = 0;
  for (const auto& v : *results) {
    if (!v.route) continue;
    ReliabilityRequest rel;
    rel.samples = 40000;
    auto mc = reliability(*v.prepared, *v.route, options_for(*base, rel));
    ASSERT_TRUE(mc);
    const double r = v.route->risk;
    EXPECT_NEAR(mc->disruption_probability, r, 0.01 + 4 * std::sqrt(r * (1 - r) / rel.samples))
        << v.variant.id;
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST(Reliability, BadOptionsAreErrors) {
  auto f = make([](nw::Tables&) {});
  auto o = options(0);
  EXPECT_FALSE(reliability(f.plan.prepared, f.plan.routes[0], o));
  o = options(10);
  o.month = 13;
  EXPECT_FALSE(reliability(f.plan.prepared, f.plan.routes[0], o));
  o.month = -1;
  EXPECT_FALSE(reliability(f.plan.prepared, f.plan.routes[0], o));
}

}  // namespace
}  // namespace caravan::sim
