// Query time on the embedded Eurasia network: the flagship shipment (1000 t of rare-earth oxide,
// Stepnogorsk -> Yokohama, objective cost) through route::plan, which is the whole per-query work
// of the product (weigh_all + prepare + search + itineraries), as one route, avoiding CN/RU/IR, as
// 5 alternatives and as the Pareto set. BM_EmbeddedPrepare and BM_EmbeddedBestPath split the
// single-objective plan into its compile and search parts.
#include <benchmark/benchmark.h>

#include "embedded_query.h"

namespace caravan::bench {
namespace {

void BM_EmbeddedPlan(benchmark::State& state, Variant variant) {
  const auto& net = eurasia();
  const auto request = flagship_request(net, variant);
  std::size_t routes = 0, labels = 0;
  bool truncated = false;
  for (auto _ : state) {
    auto result = route::plan(net, request);
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      break;
    }
    routes = result->routes.size();
    labels = result->labels;
    truncated = result->truncated;
    benchmark::DoNotOptimize(result);
  }
  state.counters["routes"] = static_cast<double>(routes);
  if (variant == Variant::Pareto) {
    state.counters["labels"] = static_cast<double>(labels);
    state.counters["truncated"] = truncated ? 1.0 : 0.0;
  }
}
BENCHMARK_CAPTURE(BM_EmbeddedPlan, single, Variant::Single)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedPlan, avoid_CN_RU_IR, Variant::AvoidCnRuIr)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedPlan, alternatives_5, Variant::Alternatives5)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedPlan, pareto, Variant::Pareto)->Unit(benchmark::kMicrosecond);

void BM_EmbeddedPrepare(benchmark::State& state) {
  const auto& net = eurasia();
  const auto request = flagship_request(net, Variant::Single);
  const cost::DataCostModel model(request.shipment, request.params);
  for (auto _ : state)
    benchmark::DoNotOptimize(route::prepare(net, cost::weigh_all(net, model), request.query));
  state.counters["arcs"] = static_cast<double>(net.graph().arc_count());
}
BENCHMARK(BM_EmbeddedPrepare)->Unit(benchmark::kMicrosecond);

void BM_EmbeddedBestPath(benchmark::State& state) {
  const auto& net = eurasia();
  const auto request = flagship_request(net, Variant::Single);
  auto p = route::prepare(
      net, cost::weigh_all(net, cost::DataCostModel(request.shipment, request.params)),
      request.query);
  if (!p) {
    state.SkipWithError(p.error().message.c_str());
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(route::best_path(*p));
  state.counters["nodes"] = static_cast<double>(net.graph().node_count());
}
BENCHMARK(BM_EmbeddedBestPath)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace caravan::bench

BENCHMARK_MAIN();
