// The simulator checked against queueing theory and conservation.
#include "sim/des.h"

#include <gtest/gtest.h>

#include "sim/event_queue.h"

namespace caravan::sim {
namespace {
namespace nw = caravan::network;

SimConfig single_server(nw::Distribution interarrival, nw::Distribution service, double horizon) {
  SimConfig c;
  ResourceSpec r;
  r.id = "server";
  r.service = std::move(service);
  c.resources.push_back(r);
  StreamSpec s;
  s.id = "customers";
  s.interarrival = std::move(interarrival);
  s.route.push_back(Step{0, {}});
  c.streams.push_back(s);
  c.horizon_hours = horizon;
  c.warmup_hours = horizon * 0.01;
  c.sample_every_hours = 0;
  return c;
}

TEST(EventQueue, PopsInTimeOrderAndTiesInInsertionOrder) {
  EventQueue q;
  q.push(3, 0, 1);
  q.push(1, 0, 2);
  q.push(3, 0, 3);
  q.push(2, 0, 4);
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().a);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{2, 4, 1, 3}));
}

TEST(Des, MM1MatchesQueueingTheory) {
  // lambda = 0.5/h, mu = 1/h, rho = 0.5: Wq = rho / (mu - lambda) = 1 h, Lq = lambda Wq = 0.5.
  auto c = single_server(*nw::Distribution::exponential(2.0), *nw::Distribution::exponential(1.0),
                         1'000'000);
  auto r = simulate(c);
  ASSERT_TRUE(r) << r.error().message;
  const auto& s = r->resources[0];
  ASSERT_GT(s.wait_hours.n, 400000u);
  EXPECT_NEAR(s.wait_hours.mean, 1.0, 0.03);  // ~500k customers: sampling error ~1%
  EXPECT_NEAR(s.mean_queue, 0.5, 0.015);
  EXPECT_NEAR(s.utilisation, 0.5, 0.01);
}

TEST(Des, MD1MatchesPollaczekKhinchine) {
  // Deterministic service 1 h, lambda = 0.5: Wq = rho / (2 mu (1 - rho)) = 0.5 h, Lq = 0.25.
  auto c =
      single_server(*nw::Distribution::exponential(2.0), *nw::Distribution::fixed(1.0), 1'000'000);
  auto r = simulate(c);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->resources[0].wait_hours.mean, 0.5, 0.02);
  EXPECT_NEAR(r->resources[0].mean_queue, 0.25, 0.01);
}

TEST(Des, EveryShipmentThatEnteredLeftOrIsStillInTheSystem) {
  auto c = single_server(*nw::Distribution::exponential(1.0), *nw::Distribution::exponential(0.95),
                         20000);
  StreamSpec second;
  second.id = "trucks";
  second.interarrival = *nw::Distribution::fixed(5);
  second.route = {Step{-1, *nw::Distribution::triangular(1, 2, 6)}, Step{0, {}}};
  c.streams.push_back(second);
  c.warmup_hours = 0;
  auto r = simulate(c);
  ASSERT_TRUE(r);
  for (const auto& s : r->streams) {
    EXPECT_GT(s.entered, 0u);
    EXPECT_EQ(s.entered, s.completed + s.in_system);
    EXPECT_EQ(s.completed, s.transit_hours.n);
  }
}

TEST(Des, FerrySailsWhenFull) {
  // One wagon an hour, a ferry for 10 wagons, 5 h crossing, two vessels: every wagon waits for
  // the nine after it: waits 9, 8, ..., 0 h, mean 4.5 h; sailings every 10 h.
  SimConfig c;
  ResourceSpec f;
  f.id = "ferry";
  f.kind = ResourceSpec::Kind::Ferry;
  f.servers = 2;
  f.capacity_units = 10;
  f.service = *nw::Distribution::fixed(5);
  c.resources.push_back(f);
  StreamSpec s;
  s.id = "wagons";
  s.interarrival = *nw::Distribution::fixed(1);
  s.route = {Step{0, {}}};
  c.streams.push_back(s);
  c.horizon_hours = 1000.5;
  c.sample_every_hours = 0;
  auto r = simulate(c);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->resources[0].wait_hours.mean, 4.5, 0.01);
  EXPECT_EQ(r->resources[0].sailings, 100u);
  EXPECT_NEAR(r->resources[0].utilisation, 1.0, 1e-9);
  EXPECT_NEAR(r->streams[0].transit_hours.mean, 9.5, 0.01);
}

TEST(Des, ClosedMonthHoldsTheQueueUntilReopening) {
  auto c = single_server(*nw::Distribution::fixed(24), *nw::Distribution::fixed(1), 24 * 90);
  c.warmup_hours = 0;
  c.resources[0].closed_months = 1u << 1;  // February
  auto r = simulate(c);
  ASSERT_TRUE(r);
  // Shipments arriving in February (28 of them, the first at 00:00 on 1 February) wait until
  // 1 March: the longest waits 28 days.
  EXPECT_NEAR(r->resources[0].wait_hours.max, 28 * 24, 1e-6);
  EXPECT_GE(r->resources[0].max_queue, 27);
}

TEST(Des, BadConfigurationsAreErrors) {
  auto c = single_server(*nw::Distribution::fixed(1), *nw::Distribution::fixed(1), 100);
  c.resources[0].kind = ResourceSpec::Kind::Ferry;
  c.resources[0].capacity_units = 0;
  auto r = simulate(c);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("can never sail"), std::string::npos);
  c.resources[0].capacity_units = 0.5;
  EXPECT_NE(simulate(c).error().message.find("can never board"), std::string::npos);
  c = single_server(*nw::Distribution::fixed(1), *nw::Distribution::fixed(1), 100);
  c.resources[0].closed_months = 0x0FFF;
  EXPECT_FALSE(simulate(c));
  c = single_server(*nw::Distribution::fixed(0), *nw::Distribution::fixed(1), 100);
  EXPECT_FALSE(simulate(c));
}

TEST(Des, StopsAtTheEventLimitAndSaysSo) {
  auto c =
      single_server(*nw::Distribution::exponential(1.0), *nw::Distribution::exponential(0.5), 1e6);
  c.max_events = 1000;
  auto r = simulate(c);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->hit_event_limit);
  EXPECT_EQ(r->events, 1000u);
}

TEST(Des, SameSeedSameResult) {
  auto c =
      single_server(*nw::Distribution::exponential(2.0), *nw::Distribution::exponential(1.0), 5000);
  auto a = simulate(c), b = simulate(c);
  c.seed = 2;
  auto d = simulate(c);
  EXPECT_EQ(a->resources[0].wait_hours.mean, b->resources[0].wait_hours.mean);
  EXPECT_NE(a->resources[0].wait_hours.mean, d->resources[0].wait_hours.mean);
}

}  // namespace
}  // namespace caravan::sim

namespace caravan::sim {
namespace {
TEST(Des, MaxShipmentsStopsTheStreamAndTheRunDrains) {
  auto c = single_server(*network::Distribution::exponential(2.0),
                         *network::Distribution::exponential(1.0), 1e9);
  c.warmup_hours = 0;
  c.streams[0].max_shipments = 100000;
  auto r = simulate(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->streams[0].entered, 100000u);
  EXPECT_EQ(r->streams[0].completed, 100000u);
  EXPECT_NEAR(r->resources[0].wait_hours.mean, 1.0, 0.06);
}
// The median is read before the P90's selection moves elements above it: the Aktau ferry's
// waits printed "mean 83 h, median 165 h" when it was read after.
TEST(Summary, MedianAndP90OfAShuffledRange) {
  std::vector<double> v(1000);
  for (int i = 0; i < 1000; ++i) v[i] = (i * 7919) % 1000;  // 0..999, shuffled
  const auto s = summarise(v);
  EXPECT_EQ(s.n, 1000u);
  EXPECT_DOUBLE_EQ(s.mean, 499.5);
  EXPECT_DOUBLE_EQ(s.p50, 500);
  EXPECT_DOUBLE_EQ(s.p90, 900);
  EXPECT_DOUBLE_EQ(s.max, 999);
  std::vector<double> one{3.0};
  EXPECT_DOUBLE_EQ(summarise(one).p50, 3.0);
  EXPECT_DOUBLE_EQ(summarise(one).p90, 3.0);
}

}  // namespace
}  // namespace caravan::sim
