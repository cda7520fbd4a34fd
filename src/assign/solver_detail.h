// Internals shared by the assignment algorithms: the problem in CSR form with per-class link
// costs, Dijkstra, all-or-nothing loading and the objective.
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "assign/problem.h"
#include "assign/solver.h"
#include "core/node_heap.h"
#include "core/parallel.h"

namespace caravan::assign::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNoLink = UINT32_MAX;

struct Csr {
  std::vector<std::uint32_t> first;  // size nodes + 1
  std::vector<std::uint32_t> links;  // link ids grouped by node
  std::vector<std::uint32_t> other;  // per slot: the link's other end (head in `out`, tail in `in`)
};

struct OriginDemand {
  std::uint32_t origin = 0;
  std::vector<std::pair<std::uint32_t, double>> destinations;  // node, volume
};

struct Model {
  const Problem* p = nullptr;
  Objective objective = Objective::UserEquilibrium;
  std::uint32_t n = 0, m = 0;
  Csr out, in;
  std::vector<std::uint32_t> tail, head;  // per link, copied out of the problem for locality
  std::vector<std::vector<double>>
      fixed;  // per class, per link: time-unit fixed cost; kInf: barred
  std::vector<std::vector<OriginDemand>> origins;  // per class: served demand by origin
  std::vector<Unserved> unserved;

  // The link cost the algorithm equilibrates (time for UE, marginal social time for SO), without
  // the class's fixed part, and its derivative in the volume.
  double cost(std::uint32_t a, double v) const;
  double cost_derivative(std::uint32_t a, double v) const;
  bool passable(std::uint32_t node, std::uint32_t origin) const {
    return node == origin || node >= p->first_through_node;
  }
};

// Builds the model; demand that no path serves at free flow goes to `unserved`.
Model build_model(const Problem& p, Objective objective);

// One-to-all Dijkstra for a class, on `cost[a] + fixed[cls][a]`. `weigh` lays the weights out in
// the order of the out-CSR once per class and cost vector; `run` then searches from any origin.
class Dijkstra {
 public:
  explicit Dijkstra(std::uint32_t n) : dist_(n, kInf), pred_(n, kNoLink), wanted_(n, 0), heap_(n) {}
  void weigh(const Model& m, std::size_t cls, const std::vector<double>& cost);
  void run(const Model& m, std::uint32_t origin);
  // Stops once every destination's label is final (the other labels may not be).
  void run_to(const Model& m, const OriginDemand& od);
  const std::vector<double>& dist() const { return dist_; }
  const std::vector<std::uint32_t>& pred() const { return pred_; }

 private:
  // Searches from `origin`; stops when `wanted` stamped nodes have been settled (0: never).
  void search(const Model& m, std::uint32_t origin, std::uint32_t wanted);
  std::vector<double> dist_, weight_;
  std::vector<std::uint32_t> pred_, wanted_;  // wanted_: stamp of the run_to that needs the node
  std::uint32_t stamp_ = 0;
  NodeHeap heap_;
};

// All-or-nothing: loads each class's demand on shortest paths at `cost` into `target[cls]`
// (overwritten) and returns the total shortest-path cost (sum of demand x path cost).
double all_or_nothing(const Model& m, const std::vector<double>& cost,
                      std::vector<std::vector<double>>& target, Dijkstra& dijkstra);

// Total cost: sum over classes and links of x * (cost + fixed).
double total_cost(const Model& m, const std::vector<double>& cost,
                  const std::vector<std::vector<double>>& class_volume);
// The objective being minimised (Beckmann for UE, total cost for SO) at the given volumes.
double objective_value(const Model& m, const std::vector<double>& volume,
                       const std::vector<std::vector<double>>& class_volume);

// One shortest-path search at `cost` from every origin of every class (origins in class order,
// numbered i = 0, 1, ...), on `threads` workers that each take a fixed block of origins; calls
// fn(i, class, origin demand, search) after each search. `full` false lets a search stop once its
// destinations' labels are final.
template <class F>
void search_every_origin(const Model& m, const std::vector<double>& cost, int threads, bool full,
                         F&& fn) {
  std::vector<std::pair<std::size_t, const OriginDemand*>> items;
  for (std::size_t k = 0; k < m.origins.size(); ++k)
    for (const OriginDemand& od : m.origins[k]) items.emplace_back(k, &od);
  const int workers = std::max(1, std::min<int>(threads, static_cast<int>(items.size())));
  run_workers(workers, [&](int w) {
    Dijkstra dijkstra(m.n);
    std::size_t weighed = SIZE_MAX;
    const auto [begin, end] = worker_block(items.size(), w, workers);
    for (std::size_t i = begin; i < end; ++i) {
      const auto [k, od] = items[i];
      if (k != weighed) dijkstra.weigh(m, weighed = k, cost);
      if (full) {
        dijkstra.run(m, od->origin);
      } else {
        dijkstra.run_to(m, *od);
      }
      fn(i, k, *od, dijkstra);
    }
  });
}

// Sum over classes, origins and destinations of demand x shortest-path cost at `cost`: the lower
// bound of the relative gap. One Dijkstra per origin, on `threads` workers; the sum is taken in a
// fixed order, so the result does not depend on the number of threads.
double shortest_path_total(const Model& m, const std::vector<double>& cost, int threads);

// Fills the solution's figures (times, objective, gap) from class volumes; the gap is measured
// unless the algorithm already measured it on these volumes (`known_gap`).
void finish(const Model& m, std::vector<std::vector<double>> class_volume, int threads,
            std::optional<double> known_gap, Solution& s);

// Algorithms; each fills class_volume, history, iterations and stop of `s`.
void solve_frank_wolfe(const Model& m, const Options& o, Solution& s);
void solve_algorithm_b(const Model& m, const Options& o, Solution& s);

}  // namespace caravan::assign::detail
