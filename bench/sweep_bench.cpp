// Sweep throughput: cells per second on the embedded network for route-only cells and for cells
// with a 200-sample Monte Carlo, with 1 and with 2 worker threads on the same cells (goal: 2
// threads at least 1.8x one). The store is an in-memory one, so the numbers are the engine's.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "api/feature.h"
#include "io/sweep_store.h"
#include "sweep/sweep.h"

namespace {
using namespace caravan;
using nlohmann::json;

class NullStore : public sweep::Store {
 public:
  Result<std::set<std::size_t>> done() override { return std::set<std::size_t>{}; }
  Status save(const sweep::Cell&, const sweep::CellResult&) override { return Ok{}; }
};

const network::Network& net() {
  static const auto n = [] {
    auto r = api::open_network(api::default_network_dir());
    if (!r) std::exit(1);
    return std::move(*r);
  }();
  return n;
}

std::vector<sweep::Cell> cells() {
  sweep::SweepConfig c;
  c.axes.origins = {"Stepnogorsk", "Almaty", "Karaganda", "Aktau"};
  c.axes.destinations = {"Yokohama", "Hamburg", "Busan", "Shanghai", "Istanbul"};
  c.axes.months = {1, 4, 7, 10};
  c.axes.tonnes = {1000};
  return *sweep::expand(c);
}

void run_sweep(benchmark::State& state, int samples) {
  const auto all = cells();
  api::Context ctx;
  ctx.net = &net();
  ctx.network_dir = api::default_network_dir();
  const auto* route = api::find_feature("route");
  sweep::CellRunner runner = [&](const sweep::Cell& c) {
    json rq = {{"from", c.origin}, {"to", c.destination}, {"tonnes", c.tonnes}, {"month", c.month}};
    if (samples > 0) rq.update({{"reliability_samples", samples}, {"seed", c.seed % (1ULL << 53)}});
    sweep::CellResult r;
    auto a = api::run(*route, ctx, rq);
    if (!a) r.error = a.error().message;
    return r;
  };
  sweep::RunOptions o;
  o.threads = static_cast<unsigned>(state.range(0));
  NullStore store;
  for (auto _ : state) benchmark::DoNotOptimize(sweep::run(all, runner, store, o));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
  state.counters["cells"] = static_cast<double>(all.size());
}

void BM_SweepRoute(benchmark::State& state) { run_sweep(state, 0); }
void BM_SweepRouteReliability(benchmark::State& state) { run_sweep(state, 200); }

// One small feature call through the codec (parse the JSON request, run, build the JSON answer):
// the C++ side of what a Python call costs.
void BM_LocateThroughCodec(benchmark::State& state) {
  api::Context ctx;
  ctx.net = &net();
  const auto* f = api::find_feature("locate");
  const json rq = {{"q", "Aktau"}, {"limit", 1}};
  for (auto _ : state) benchmark::DoNotOptimize(api::run(*f, ctx, rq));
}

BENCHMARK(BM_SweepRoute)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SweepRouteReliability)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LocateThroughCodec)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
