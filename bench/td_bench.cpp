// Time-dependent routing against the static query, in the same run on the same network.
//
//   BM_EmbeddedTd/<variant>/static|dated   route::plan of the flagship shipment (single objective,
//                                           5 alternatives, Pareto) without and with a departure
//                                           date (2026-10-15: the Caspian ferries' monthly waits
//                                           and the regimes that change within 400 days)
//   BM_GridTd/side:N/td_permille:K/objective:O
//                                           best_path on the generated grid whose links are K per
//                                           mille closed in one month and as many with
//                                           month-dependent waits:
//                                           the static query (January's closures and waits on
//                                           every arc, as --month 1 was) and the
//                                           time-dependent one (departing 2026-01-15), each pair
//                                           in turn, alternating which goes first; counters give
//                                           both times per query and their ratio. Objective 1 is
//                                           time (one label per node: FIFO time-dependent
//                                           Dijkstra), 0 is cost (labels over cost and arrival
//                                           time)
//   BM_GridTdPlan/side:N/td_permille:K/objective:O
//                                           the same on the whole query a user runs (route::plan:
//                                           weighing, timetable, prepare, search, itinerary)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cost/shipment.h"
#include "embedded_query.h"
#include "grid_network.h"
#include "route/timetable.h"

namespace caravan::bench {
namespace {

void BM_EmbeddedTd(benchmark::State& state, Variant variant, bool dated) {
  const auto& net = eurasia();
  auto request = flagship_request(net, variant);
  if (dated) request.query.depart = make_date(2026, 10, 15);
  std::size_t routes = 0;
  for (auto _ : state) {
    auto result = route::plan(net, request);
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      break;
    }
    routes = result->routes.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["routes"] = static_cast<double>(routes);
}
BENCHMARK_CAPTURE(BM_EmbeddedTd, single_static, Variant::Single, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedTd, single_dated, Variant::Single, true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedTd, alternatives_5_static, Variant::Alternatives5, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedTd, alternatives_5_dated, Variant::Alternatives5, true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedTd, pareto_static, Variant::Pareto, false)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EmbeddedTd, pareto_dated, Variant::Pareto, true)
    ->Unit(benchmark::kMicrosecond);

constexpr int kPairs = 8;

struct TdGrid {
  int side = 0, permille = 0, objective = 0;
  std::unique_ptr<network::Network> net;
  std::vector<route::Prepared> fixed, dated;  // per pair: static and time-dependent
  std::size_t rows = 0, epochs = 0;
};

TdGrid& td_grid(int side, int permille, int objective) {
  static std::unique_ptr<TdGrid> g;
  if (g && g->side == side && g->permille == permille && g->objective == objective) return *g;
  g.reset();
  g = std::make_unique<TdGrid>();
  g->side = side;
  g->permille = permille;
  g->objective = objective;
  auto net = network::Network::build(grid_tables(side, 20240601u, permille / 1000.0));
  if (!net) {
    std::fprintf(stderr, "grid: %s\n", net.error().message.c_str());
    std::abort();
  }
  g->net = std::make_unique<network::Network>(std::move(*net));
  const auto shipment = *cost::make_shipment(*g->net, "box", 1000.0, std::nullopt, std::nullopt);
  // The static query is the one of the departure month (January): its closures and waits all
  // along the route, as --month did before departure dates.
  cost::Params january;
  january.month = 1;
  auto weights = cost::weigh_all(*g->net, cost::DataCostModel(shipment, january));
  for (const auto& [from, to] : random_pairs(g->net->location_count(), kPairs, 7u)) {
    route::Query q;
    q.from = from;
    q.to = to;
    q.hs = shipment.hs;
    q.objective = objective == 0 ? route::Objective::Cost : route::Objective::Time;
    auto p = route::prepare(*g->net, std::move(weights), q);
    weights = std::move(p->weights);
    p->weights = {};
    g->fixed.push_back(std::move(*p));
    q.depart = make_date(2026, 1, 15);
    auto tt = route::build_timetable(*g->net, q, shipment, january);
    auto d = route::prepare(*g->net, std::move(weights), q, std::move(tt));
    weights = std::move(d->weights);
    d->weights = {};
    g->rows = d->tt.rows();
    g->epochs = d->tt.epochs();
    g->dated.push_back(std::move(*d));
  }
  std::fprintf(stderr,
               "td grid side %d: %zu nodes, %zu arcs, %zu time-dependent arcs, %zu epochs\n", side,
               g->net->graph().node_count(), g->net->graph().arc_count(), g->rows, g->epochs);
  return *g;
}

void BM_GridTd(benchmark::State& state) {
  TdGrid& g = td_grid(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                      static_cast<int>(state.range(2)));
  using Clock = std::chrono::steady_clock;
  double fixed = 0, dated = 0;
  double held = 0, differ = 0;
  for (auto _ : state) {
    double iteration = 0;
    for (std::size_t i = 0; i < g.fixed.size(); ++i) {
      std::optional<route::Path> a, b;
      const auto t0 = Clock::now();
      if (i % 2 == 0)
        a = route::best_path(g.fixed[i]);
      else
        b = route::best_path(g.dated[i]);
      const auto t1 = Clock::now();
      if (i % 2 == 0)
        b = route::best_path(g.dated[i]);
      else
        a = route::best_path(g.fixed[i]);
      const auto t2 = Clock::now();
      const double first = std::chrono::duration<double>(t1 - t0).count();
      const double second = std::chrono::duration<double>(t2 - t1).count();
      fixed += i % 2 == 0 ? first : second;
      dated += i % 2 == 0 ? second : first;
      iteration += first + second;
      if (a && b && a->arcs != b->arcs) ++differ;
      if (b)
        for (double h : b->hold) held += h > 0;
    }
    state.SetIterationTime(iteration);
  }
  pair_counters(state, kPairs, "dated_ms", dated, "static_ms", fixed);
  state.counters["routes_changed"] = differ / static_cast<double>(state.iterations());
  state.counters["holds"] = held / static_cast<double>(state.iterations());
  state.counters["nodes"] = static_cast<double>(g.net->graph().node_count());
}
// Grid side (~100k and ~1M nodes) x share of time-dependent links, per mille of each kind x
// objective (0 cost, 1 time).
BENCHMARK(BM_GridTd)
    ->ArgNames({"side", "td_permille", "objective"})
    ->ArgsProduct({{224, 707}, {1, 10, 50}, {1, 0}})
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

// The whole query a user runs (route::plan: weigh every arc, the timetable when dated, prepare,
// search, explain the route) on the million-node grid: static (January, as --month 1) against
// dated (departing 2026-01-15), each pair in turn, alternating which goes first.
void BM_GridTdPlan(benchmark::State& state) {
  const int side = static_cast<int>(state.range(0));
  const int permille = static_cast<int>(state.range(1));
  static std::unique_ptr<network::Network> net;
  static int built = -1;
  if (built != side * 1000 + permille) {
    net.reset();
    auto n = network::Network::build(grid_tables(side, 20240601u, permille / 1000.0));
    if (!n) {
      std::fprintf(stderr, "grid: %s\n", n.error().message.c_str());
      std::abort();
    }
    net = std::make_unique<network::Network>(std::move(*n));
    built = side * 1000 + permille;
  }
  route::PlanRequest base;
  base.shipment = *cost::make_shipment(*net, "box", 1000.0, std::nullopt, std::nullopt);
  base.query.hs = base.shipment.hs;
  base.query.objective = state.range(2) == 0 ? route::Objective::Cost : route::Objective::Time;
  base.params.month = 1;
  const auto pairs = random_pairs(net->location_count(), kPairs, 7u);
  using Clock = std::chrono::steady_clock;
  double fixed = 0, dated = 0;
  for (auto _ : state) {
    double iteration = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      route::PlanRequest a = base, b = base;
      a.query.from = b.query.from = pairs[i].first;
      a.query.to = b.query.to = pairs[i].second;
      b.query.depart = make_date(2026, 1, 15);
      double ta = 0, tb = 0;
      for (int k = 0; k < 2; ++k) {
        const bool is_dated = (k == 0) == (i % 2 == 1);
        const auto t0 = Clock::now();
        auto r = route::plan(*net, is_dated ? b : a);
        const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
        if (!r) {
          state.SkipWithError(r.error().message.c_str());
          return;
        }
        benchmark::DoNotOptimize(r);
        (is_dated ? tb : ta) = dt;
      }
      fixed += ta;
      dated += tb;
      iteration += ta + tb;
    }
    state.SetIterationTime(iteration);
  }
  pair_counters(state, kPairs, "dated_ms", dated, "static_ms", fixed);
}
BENCHMARK(BM_GridTdPlan)
    ->ArgNames({"side", "td_permille", "objective"})
    ->ArgsProduct({{707}, {1, 10, 50}, {1, 0}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseManualTime();

}  // namespace
}  // namespace caravan::bench

BENCHMARK_MAIN();
