// Benchmarks of the simulation module: Monte Carlo legs per second, the event queue with 1,000
// pending events (hold model), and the M/M/1 model of 1 million customers (compared with SimPy by
// bench/mm1_compare.sh).
#include <benchmark/benchmark.h>

#include <random>

#include "io/network_reader.h"
#include "route/planner.h"
#include "sim/des.h"
#include "sim/event_queue.h"
#include "sim/monte_carlo.h"
#include "sim/rng.h"

namespace caravan {
namespace {

struct Flagship {
  network::Network net;
  route::PlanResult plan;
};

// The Middle Corridor route of the flagship shipment: the longest route, with ferry waits,
// border dwell and disruption events.
const Flagship& flagship() {
  static const Flagship f = [] {
    Flagship x{*io::load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia"), {}};
    route::PlanRequest r;
    r.query.from = *x.net.find_location("KZ-STEPNOGORSK");
    r.query.to = *x.net.find_location("JPYOK");
    r.shipment =
        *cost::make_shipment(x.net, "rare-earth-oxide", 1000.0, std::nullopt, std::nullopt);
    r.query.hs = r.shipment.hs;
    r.query.constraints.avoid_countries = {*x.net.find_country("CN"), *x.net.find_country("RU"),
                                           *x.net.find_country("IR")};
    r.params.month = 12;
    x.plan = std::move(*route::plan(x.net, r));
    return x;
  }();
  return f;
}

void BM_MonteCarloLegs(benchmark::State& state) {
  const auto& f = flagship();
  sim::ReliabilityOptions o;
  o.samples = 200000;
  o.month = 12;
  o.threads = static_cast<int>(state.range(0));
  std::uint64_t legs = 0;
  for (auto _ : state) {
    auto r = sim::reliability(f.plan.prepared, f.plan.routes[0], o);
    legs += r->legs_sampled;
    benchmark::DoNotOptimize(r->mean_hours);
  }
  state.counters["legs_per_s"] =
      benchmark::Counter(static_cast<double>(legs), benchmark::Counter::kIsRate);
  state.counters["legs_per_route"] = static_cast<double>(f.plan.routes[0].path.arcs.size());
}
BENCHMARK(BM_MonteCarloLegs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EventQueueHold(benchmark::State& state) {
  // Classic hold model: pop the earliest event, push one at now + Exp(1): the queue keeps
  // `pending` events.
  const auto pending = static_cast<std::size_t>(state.range(0));
  sim::EventQueue q;
  sim::Rng rng(7);
  for (std::size_t i = 0; i < pending; ++i) q.push(rng.exponential(1.0), 0);
  std::uint64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 100000; ++i) {
      const auto e = q.pop();
      q.push(e.time + rng.exponential(1.0), 0);
    }
    events += 100000;
  }
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventQueueHold)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_MM1Customers(benchmark::State& state) {
  // M/M/1, lambda = 0.5, mu = 1: run until 1,000,000 customers have arrived.
  sim::SimConfig c;
  sim::ResourceSpec r;
  r.id = "server";
  r.service = *network::Distribution::exponential(1.0);
  c.resources.push_back(r);
  sim::StreamSpec s;
  s.id = "customers";
  s.interarrival = *network::Distribution::exponential(2.0);
  s.route.push_back(sim::Step{0, {}});
  s.max_shipments = static_cast<int>(state.range(0));
  c.streams.push_back(s);
  c.horizon_hours = 1e9;
  c.sample_every_hours = 0;
  double wq = 0;
  for (auto _ : state) {
    auto res = sim::simulate(c);
    if (!res) {
      state.SkipWithError(res.error().message.c_str());
      return;
    }
    wq = res->resources[0].wait_hours.mean;  // used after the loop: not optimised away
  }
  state.counters["mean_wait"] = wq;
  state.counters["customers_per_s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM1Customers)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace caravan

BENCHMARK_MAIN();
