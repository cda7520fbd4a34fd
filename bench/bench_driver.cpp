// A small driver for callgrind: runs one kind of query a given number of times with
// instrumentation on only around the queries (valgrind --tool=callgrind --instr-atstart=no).
//
//   caravan_bench_driver embedded single|avoid|alternatives|pareto [repeats]
//   caravan_bench_driver grid <side> <pairs> caravan|weigh|prepare|boost-stop|boost-all
#include <cstdio>
#include <cstdlib>
#include <string>

#include "embedded_query.h"
#include "grid_fixture.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: caravan_bench_driver embedded single|avoid|alternatives|pareto [repeats]\n"
               "       caravan_bench_driver grid <side> <pairs> "
               "caravan|weigh|prepare|boost-stop|boost-all\n");
  return 2;
}

int embedded(const std::string& kind, int repeats) {
  using namespace caravan;
  const auto variant = bench::parse_variant(kind);
  if (!variant) return usage();
  const auto& net = bench::eurasia();
  const auto request = bench::flagship_request(net, *variant);
  std::size_t routes = 0;
  double first_cost = 0.0;
  CALLGRIND_START_INSTRUMENTATION;
  for (int i = 0; i < repeats; ++i) {
    auto r = route::plan(net, request);
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      return 1;
    }
    routes = r->routes.size();
    if (!r->routes.empty()) first_cost = r->routes.front().cost().value;
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  std::printf("embedded %s x%d: %zu route(s), best cost %.0f USD\n", kind.c_str(), repeats, routes,
              first_cost);
  return 0;
}

int grid(int side, int pairs, const std::string& kind) {
  using namespace caravan;
  auto g = bench::make_grid(side, pairs);
  double sum = 0.0;
  std::size_t settled = 0;
  CALLGRIND_START_INSTRUMENTATION;
  for (std::size_t i = 0; i < g->pairs.size(); ++i) {
    if (kind == "caravan") {
      if (auto p = route::best_path(g->prepared[i])) sum += p->weight;
    } else if (kind == "weigh") {
      sum += static_cast<double>(
          cost::weigh_all(*g->net, cost::DataCostModel(g->shipment, cost::Params{})).size());
    } else if (kind == "prepare") {
      sum += static_cast<double>(bench::prepare_pair(*g, i).sources.size());
    } else if (kind == "boost-stop" || kind == "boost-all") {
      sum += bench::boost_dijkstra(*g, i, kind == "boost-stop", settled);
    } else {
      return usage();
    }
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  std::printf("grid side %d, %zu nodes, %d pairs, %s: sum of weights %.6f, settled %zu\n", side,
              g->net->graph().node_count(), pairs, kind.c_str(), sum, settled);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string what = argv[1];
  if (what == "embedded") return embedded(argv[2], argc > 3 ? std::atoi(argv[3]) : 1);
  if (what == "grid" && argc == 5) return grid(std::atoi(argv[2]), std::atoi(argv[3]), argv[4]);
  return usage();
}
