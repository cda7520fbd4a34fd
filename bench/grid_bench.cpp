// Single-objective query time on a generated grid of up to a million expanded-graph nodes,
// route::best_path against Boost Graph's dijkstra_shortest_paths on the same graph, the same arc
// weights (Prepared::scalar) and the same origin/destination pairs, in the same run.
//
//   BM_GridBestPath/side:N        route::best_path (stops when the destination is settled)
//   BM_GridBoostStop/side:N       Boost Dijkstra stopped when the destination is settled
//   BM_GridBoostAll/side:N        Boost Dijkstra one-to-all
//   BM_GridInterleaved/side:N     best_path and Boost stop-at-target on each pair, in alternating
//                                 order, with the per-query times and their ratio as counters
//   BM_GridPrepare/side:N         route::prepare for one pair (per-query work in the product,
//   O(arcs)) BM_GridWeighAll/side:N        cost::weigh_all (per-query work in route::plan, O(arcs))
//
// One iteration of the three search benchmarks answers every pair once; time is per iteration and
// the `per_query` counter is the mean time of one query. At the end the binary prints the ratio
// caravan / Boost per query (median over repetitions when --benchmark_repetitions is given).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "grid_fixture.h"
#include "grid_network.h"

namespace caravan::bench {
namespace {

constexpr int kPairs = 16;
constexpr int kSides[] = {224, 707};  // ~100k and ~1M expanded-graph nodes

// One grid at a time (the million-node one takes about 1.5 GB with its compiled queries).
Grid& grid(int side) {
  static std::unique_ptr<Grid> g;
  if (!g || g->side != side) {
    g.reset();
    g = make_grid(side, kPairs);
    // Check once, untimed, that both engines find the same optimum on every pair.
    for (std::size_t i = 0; i < g->pairs.size(); ++i) {
      const auto path = route::best_path(g->prepared[i]);
      std::size_t settled = 0;
      const double stop = boost_dijkstra(*g, i, true, settled);
      const double all = boost_dijkstra(*g, i, false, settled);
      const double ours = path ? path->weight : -1.0;
      if (std::abs(ours - stop) > 1e-9 * stop || std::abs(ours - all) > 1e-9 * all) {
        std::fprintf(stderr, "pair %zu: caravan %.9g, boost %.9g / %.9g\n", i, ours, stop, all);
        std::abort();
      }
    }
    std::fprintf(stderr,
                 "grid side %d: %zu locations, %zu nodes, %zu arcs; Network::build %.2f s, "
                 "weigh_all %.3f s; "
                 "%d pairs checked: best_path == Boost\n",
                 side, g->net->location_count(), g->net->graph().node_count(),
                 g->net->graph().arc_count(), g->build_seconds, g->weigh_seconds, kPairs);
  }
  return *g;
}

void set_counters(benchmark::State& state, const Grid& g, double queries_per_iteration) {
  state.counters["nodes"] = static_cast<double>(g.net->graph().node_count());
  state.counters["arcs"] = static_cast<double>(g.net->graph().arc_count());
  state.counters["per_query"] =
      benchmark::Counter(queries_per_iteration, benchmark::Counter::kIsIterationInvariantRate |
                                                    benchmark::Counter::kInvert);
}

void BM_GridBestPath(benchmark::State& state) {
  const Grid& g = grid(static_cast<int>(state.range(0)));
  for (auto _ : state)
    for (const auto& p : g.prepared) benchmark::DoNotOptimize(route::best_path(p));
  set_counters(state, g, kPairs);
}

void boost_bench(benchmark::State& state, bool stop) {
  const Grid& g = grid(static_cast<int>(state.range(0)));
  std::size_t settled = 0;
  for (auto _ : state)
    for (std::size_t i = 0; i < g.pairs.size(); ++i)
      benchmark::DoNotOptimize(boost_dijkstra(g, i, stop, settled));
  set_counters(state, g, kPairs);
  state.counters["settled"] =
      static_cast<double>(settled) / static_cast<double>(state.iterations() * kPairs);
}
void BM_GridBoostStop(benchmark::State& state) { boost_bench(state, true); }
void BM_GridBoostAll(benchmark::State& state) { boost_bench(state, false); }

// Both engines on each pair in turn (caravan, then Boost stopped at the target), timed per query,
// so that both see the same machine state; the ratio counter is caravan time / Boost time.
void BM_GridInterleaved(benchmark::State& state) {
  const Grid& g = grid(static_cast<int>(state.range(0)));
  using Clock = std::chrono::steady_clock;
  double ours = 0.0, theirs = 0.0;
  std::size_t settled = 0;
  for (auto _ : state) {
    double iteration = 0.0;
    // The engine that runs second on a pair finds the shared arc costs (`scalar`) of that region
    // in cache, so the order alternates: caravan first on even pairs, Boost first on odd ones.
    for (std::size_t i = 0; i < g.pairs.size(); ++i) {
      const auto caravan = [&] { benchmark::DoNotOptimize(route::best_path(g.prepared[i])); };
      const auto boost = [&] { benchmark::DoNotOptimize(boost_dijkstra(g, i, true, settled)); };
      const auto t0 = Clock::now();
      if (i % 2 == 0) {
        caravan();
      } else {
        boost();
      }
      const auto t1 = Clock::now();
      if (i % 2 == 0) {
        boost();
      } else {
        caravan();
      }
      const auto t2 = Clock::now();
      const double first = std::chrono::duration<double>(t1 - t0).count();
      const double second = std::chrono::duration<double>(t2 - t1).count();
      ours += i % 2 == 0 ? first : second;
      theirs += i % 2 == 0 ? second : first;
      iteration += first + second;
    }
    state.SetIterationTime(iteration);
  }
  pair_counters(state, kPairs, "caravan_ms", ours, "boost_stop_ms", theirs);
}

void BM_GridPrepare(benchmark::State& state) {
  Grid& g = grid(static_cast<int>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(prepare_pair(g, i++ % g.pairs.size()));
  set_counters(state, g, 1);
}

void BM_GridWeighAll(benchmark::State& state) {
  const Grid& g = grid(static_cast<int>(state.range(0)));
  const cost::DataCostModel model(g.shipment, cost::Params{});
  for (auto _ : state) benchmark::DoNotOptimize(cost::weigh_all(*g.net, model));
  set_counters(state, g, 1);
}

// Keeps the console output and remembers the time per query of each search benchmark.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(isatty(fileno(stdout)) ? OO_ColorTabular : OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.error_occurred || r.iterations == 0) continue;
      const bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
      if (r.run_type == Run::RT_Aggregate && !median) continue;
      auto& slot = per_query_[r.run_name.function_name][r.run_name.args];
      if (median || !slot.median)
        slot = {r.real_accumulated_time / static_cast<double>(r.iterations) / kPairs, median};
      if (auto it = r.counters.find("ratio");
          it != r.counters.end() && (median || !interleaved_.count(r.run_name.args)))
        interleaved_[r.run_name.args] = {r.counters.at("caravan_ms").value,
                                         r.counters.at("boost_stop_ms").value, it->second.value};
      if (auto it = r.counters.find("nodes"); it != r.counters.end())
        nodes_[r.run_name.args] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios() const {
    auto find = [&](const std::string& fn, const std::string& args) {
      auto f = per_query_.find(fn);
      if (f == per_query_.end()) return -1.0;
      auto a = f->second.find(args);
      return a == f->second.end() ? -1.0 : a->second.seconds;
    };
    auto it = per_query_.find("BM_GridBestPath");
    if (it == per_query_.end()) return;
    std::printf(
        "\nPer query, caravan route::best_path vs Boost dijkstra_shortest_paths (same graph, "
        "weights, pairs):\n");
    for (const auto& [args, t] : it->second) {
      const double stop = find("BM_GridBoostStop", args), all = find("BM_GridBoostAll", args);
      std::printf("  %-10s %9.0f nodes  caravan %8.2f ms", args.c_str(),
                  nodes_.count(args) ? nodes_.at(args) : 0.0, t.seconds * 1e3);
      if (stop > 0)
        std::printf("  boost stop-at-target %8.2f ms  ratio %.2f", stop * 1e3, t.seconds / stop);
      if (all > 0)
        std::printf("  boost one-to-all %8.2f ms  ratio %.2f", all * 1e3, t.seconds / all);
      std::printf("\n");
    }
    for (const auto& [args, x] : interleaved_)
      std::printf(
          "  %-10s interleaved per pair: caravan %8.2f ms  boost stop-at-target %8.2f ms  ratio "
          "%.2f\n",
          args.c_str(), x[0], x[1], x[2]);
  }

 private:
  struct Slot {
    double seconds = 0.0;
    bool median = false;
  };
  std::map<std::string, std::map<std::string, Slot>> per_query_;
  std::map<std::string, double> nodes_;
  std::map<std::string, std::array<double, 3>> interleaved_;
};

}  // namespace
}  // namespace caravan::bench

int main(int argc, char** argv) {
  using namespace caravan::bench;
  // Grouped by size so that each grid is built once.
  for (int side : kSides) {
    for (auto [name, fn] : {std::pair{"BM_GridBestPath", &BM_GridBestPath},
                            std::pair{"BM_GridBoostStop", &BM_GridBoostStop},
                            std::pair{"BM_GridBoostAll", &BM_GridBoostAll}})
      benchmark::RegisterBenchmark(name, fn)
          ->ArgName("side")
          ->Arg(side)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    benchmark::RegisterBenchmark("BM_GridInterleaved", &BM_GridInterleaved)
        ->ArgName("side")
        ->Arg(side)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime();
    benchmark::RegisterBenchmark("BM_GridPrepare", &BM_GridPrepare)
        ->ArgName("side")
        ->Arg(side)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_GridWeighAll", &BM_GridWeighAll)
        ->ArgName("side")
        ->Arg(side)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
