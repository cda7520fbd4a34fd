// Internals shared by the assignment algorithms: the problem in CSR form with per-class link
// costs, Dijkstra, all-or-nothing loading and the objective.
#pragma once
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "assign/problem.h"
#include "assign/solver.h"

namespace caravan::assign::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNoLink = UINT32_MAX;

struct Csr {
  std::vector<std::uint32_t> first;  // size nodes + 1
  std::vector<std::uint32_t> links;  // link ids grouped by node
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

// One-to-all Dijkstra for a class, on `cost[a] + fixed[cls][a]`.
class Dijkstra {
 public:
  explicit Dijkstra(std::uint32_t n) : dist_(n, kInf), pred_(n, kNoLink) {}
  void run(const Model& m, std::size_t cls, std::uint32_t origin, const std::vector<double>& cost);
  const std::vector<double>& dist() const { return dist_; }
  const std::vector<std::uint32_t>& pred() const { return pred_; }

 private:
  std::vector<double> dist_;
  std::vector<std::uint32_t> pred_;
  std::vector<std::pair<double, std::uint32_t>> heap_;
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

// Fills the solution's figures (times, objective, gap) from class volumes; returns the gap.
void finish(const Model& m, std::vector<std::vector<double>> class_volume, Solution& s);

// Algorithms; each fills class_volume, history, iterations and stop of `s`.
void solve_frank_wolfe(const Model& m, const Options& o, Solution& s);
void solve_algorithm_b(const Model& m, const Options& o, Solution& s);

}  // namespace caravan::assign::detail
