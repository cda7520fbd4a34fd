// Algorithm B (Dial, Transportation Research B 40, 2006): one acyclic bush per class and origin;
// flow moves from the longest to the shortest used path segment to every node by a Newton step,
// and the bush grows by links that shorten its longest paths, or its shortest paths while running
// up the longest-path labels (the strict criterion of tap-b, Boyles et al.).
#include <algorithm>
#include <chrono>
#include <cmath>

#include "assign/solver_detail.h"

namespace caravan::assign::detail {
namespace {

constexpr std::uint32_t kNoPos = UINT32_MAX;
constexpr double kInnerFactor = 0.1;  // inner tolerance: this fraction of the last relative gap
constexpr int kPasses = 1;            // shift passes per bush right after its update
constexpr int kSweeps = 20;           // extra shift sweeps over all bushes per iteration
// While the gap is above kEarlyGap the bushes still change every iteration and equilibrating them
// tightly is wasted: kEarlySweeps only. With kPasses 1 this takes 11% fewer instructions to a gap
// of 1e-4 on Chicago-Sketch than 3 passes and 20 sweeps throughout, and 3% fewer to 1e-12
// (callgrind; docs/performance.md).
constexpr int kEarlySweeps = 1;
constexpr double kEarlyGap = 1e-5;

struct Bush {
  std::size_t cls = 0;
  const OriginDemand* demand = nullptr;
  std::vector<std::uint8_t> in;      // per link: part of the bush
  std::vector<double> flow;          // per link: this bush's volume
  std::vector<std::uint32_t> order;  // reachable nodes, topological order, origin first
  std::vector<std::uint32_t> pos;    // per node: its index in `order`, kNoPos when unreachable
  // The bush's links grouped by head, heads in topological order: the in-links of order[i] are
  // links[first[i] .. first[i+1]), their tails in `tails`. Rebuilt when the bush changes; labels
  // scan only this.
  std::vector<std::uint32_t> links, tails, first;
};

class Solver {
 public:
  Solver(const Model& m, const Options& o)
      : m_(m),
        o_(o),
        volume_(m.m, 0.0),
        cost_(m.m),
        min_(m.n),
        max_(m.n),
        min_pred_(m.n),
        max_pred_(m.n),
        indegree_(m.n, 0),
        threads_(worker_count(o.threads)) {}

  void run(Solution& sol);

 private:
  double class_cost(const Bush& b, std::uint32_t a) const { return cost_[a] + m_.fixed[b.cls][a]; }
  void init_bushes();
  void topological_order(Bush& b);  // then group_links
  void group_links(Bush& b);
  void order_by_max_labels(Bush& b);  // after labels(b, false)
  // Min labels over every bush link; max labels over every bush link (`used_only` false) or over
  // the links carrying flow (true).
  void labels(const Bush& b, bool used_only);
  bool update_bush(Bush& b);
  double shift_flows(Bush& b);  // returns the largest relative excess cost seen
  void shift_volume(Bush& b, std::uint32_t a, double delta);
  void refresh_volumes();
  double gap(double* objective);

  const Model& m_;
  const Options& o_;
  std::vector<Bush> bushes_;
  std::vector<double> volume_, cost_;
  std::vector<double> min_, max_;
  std::vector<std::uint32_t> min_pred_, max_pred_, indegree_, stack_;
  std::vector<std::uint32_t> seg_min_, seg_max_, sorted_;
  std::vector<std::pair<double, std::uint32_t>> keyed_;
  int threads_ = 1;
  double inner_tolerance_ = 1e-3;
  double last_gap_ = 1.0;
};

void Solver::init_bushes() {
  for (std::uint32_t a = 0; a < m_.m; ++a) cost_[a] = m_.cost(a, 0.0);
  for (std::size_t k = 0; k < m_.origins.size(); ++k) {
    for (const OriginDemand& od : m_.origins[k]) {
      Bush b;
      b.cls = k;
      b.demand = &od;
      bushes_.push_back(std::move(b));
    }
  }
  // Each bush starts as its origin's shortest-path tree at free flow, carrying all its demand.
  search_every_origin(m_, cost_, threads_, true,
                      [&](std::size_t i, std::size_t, const OriginDemand& od, const Dijkstra& d) {
                        Bush& b = bushes_[i];
                        b.in.assign(m_.m, 0);
                        b.flow.assign(m_.m, 0.0);
                        for (std::uint32_t v = 0; v < m_.n; ++v) {
                          if (d.pred()[v] != kNoLink) b.in[d.pred()[v]] = 1;
                          if (!std::isinf(d.dist()[v])) b.order.push_back(v);
                        }
                        for (const auto& [dest, vol] : od.destinations) {
                          for (std::uint32_t v = dest; v != od.origin;) {
                            const std::uint32_t a = d.pred()[v];
                            b.flow[a] += vol;
                            v = m_.tail[a];
                          }
                        }
                      });
  for (Bush& b : bushes_) topological_order(b);
  refresh_volumes();
}

void Solver::refresh_volumes() {
  std::fill(volume_.begin(), volume_.end(), 0.0);
  for (const Bush& b : bushes_)
    for (std::uint32_t a : b.links) volume_[a] += b.flow[a];
  for (std::uint32_t a = 0; a < m_.m; ++a) cost_[a] = m_.cost(a, volume_[a]);
}

void Solver::topological_order(Bush& b) {
  const std::uint32_t origin = b.demand->origin;
  for (std::uint32_t v : b.order) indegree_[v] = 0;
  for (std::uint32_t v : b.order) {
    for (std::uint32_t i = m_.out.first[v]; i < m_.out.first[v + 1]; ++i) {
      if (b.in[m_.out.links[i]]) ++indegree_[m_.out.other[i]];
    }
  }
  const std::size_t count = b.order.size();
  b.order.clear();
  stack_.assign(1, origin);
  while (!stack_.empty()) {
    const std::uint32_t v = stack_.back();
    stack_.pop_back();
    b.order.push_back(v);
    for (std::uint32_t i = m_.out.first[v]; i < m_.out.first[v + 1]; ++i) {
      const std::uint32_t h = m_.out.other[i];
      if (b.in[m_.out.links[i]] && --indegree_[h] == 0) stack_.push_back(h);
    }
  }
  CARAVAN_ASSERT(b.order.size() == count, "bush is not acyclic or lost a node");
  (void)count;
  b.pos.resize(m_.n, kNoPos);
  for (std::uint32_t i = 0; i < b.order.size(); ++i) b.pos[b.order[i]] = i;
  group_links(b);
}

// Sorting by the max labels (ties by the old position) is a topological order of the grown bush:
// an old link has max[head] >= max[tail] + c >= max[tail], and the old order on ties; an added link
// has max[tail] + c < max[head]. Labels move little between iterations, so links added later mostly
// run forward in this order and need no new sort.
void Solver::order_by_max_labels(Bush& b) {
  keyed_.clear();
  for (std::uint32_t i = 0; i < b.order.size(); ++i) keyed_.push_back({max_[b.order[i]], i});
  keyed_[0].first = -kInf;  // the origin first, whatever its label
  std::sort(keyed_.begin(), keyed_.end());
  sorted_.clear();
  for (const auto& [label, i] : keyed_) sorted_.push_back(b.order[i]);
  b.order.swap(sorted_);
  for (std::uint32_t i = 0; i < b.order.size(); ++i) b.pos[b.order[i]] = i;
  group_links(b);
  for (std::size_t e = 0; e < b.links.size(); ++e) {
    CARAVAN_ASSERT(b.pos[b.tails[e]] < b.pos[m_.head[b.links[e]]], "bush order is not topological");
  }
}

void Solver::group_links(Bush& b) {
  b.links.clear();
  b.tails.clear();
  b.first.assign(1, 0);
  for (std::uint32_t j : b.order) {
    for (std::uint32_t e = m_.in.first[j]; e < m_.in.first[j + 1]; ++e) {
      if (b.in[m_.in.links[e]]) {
        b.links.push_back(m_.in.links[e]);
        b.tails.push_back(m_.in.other[e]);
      }
    }
    b.first.push_back(static_cast<std::uint32_t>(b.links.size()));
  }
}

void Solver::labels(const Bush& b, bool used_only) {
  const std::uint32_t origin = b.demand->origin;
  const double* fixed = m_.fixed[b.cls].data();
  min_[origin] = max_[origin] = 0.0;
  min_pred_[origin] = max_pred_[origin] = kNoLink;
  for (std::size_t i = 1; i < b.order.size(); ++i) {
    const std::uint32_t j = b.order[i];
    double lo = kInf, hi = -kInf;
    std::uint32_t lo_a = kNoLink, hi_a = kNoLink;
    for (std::uint32_t e = b.first[i]; e < b.first[i + 1]; ++e) {
      const std::uint32_t a = b.links[e];
      const std::uint32_t t = b.tails[e];
      const double c = cost_[a] + fixed[a];
      if (min_[t] + c < lo) {
        lo = min_[t] + c;
        lo_a = a;
      }
      if ((!used_only || b.flow[a] > 0.0) && max_[t] + c > hi) {
        hi = max_[t] + c;
        hi_a = a;
      }
    }
    min_[j] = lo;
    min_pred_[j] = lo_a;
    max_[j] = hi;
    max_pred_[j] = hi_a;
  }
}

bool Solver::update_bush(Bush& b) {
  const std::uint32_t origin = b.demand->origin;
  labels(b, false);
  // A link (t, h) belongs in the bush when it shortens the longest path to h (Dial's rule,
  // max[t] + c < max[h]) or the shortest path to h while running up the max labels
  // (min[t] + c < min[h] and max[t] < max[h], the strict criterion of Boyles' tap-b). Either way
  // max[t] < max[h]: max labels never decrease along bush links, so the bush stays acyclic.
  const auto qualifies = [&](std::uint32_t t, std::uint32_t h, double c) {
    return max_[t] + c < max_[h] - 1e-14 * max_[h] ||
           (max_[t] < max_[h] && min_[t] + c < min_[h] - 1e-14 * min_[h]);
  };
  // Drop unused links that are neither on the shortest-path tree (which keeps every node
  // reachable) nor qualify again (dropping and re-adding them every iteration would slow
  // convergence to linear).
  bool removed = false;
  for (std::uint32_t a : b.links) {
    if (b.flow[a] > 0.0) continue;
    const std::uint32_t t = m_.tail[a], h = m_.head[a];
    if (min_pred_[h] != a && !qualifies(t, h, class_cost(b, a))) {
      b.in[a] = 0;
      removed = true;
    }
  }
  bool added = false, backward = false;
  for (std::uint32_t a = 0; a < m_.m; ++a) {
    if (b.in[a]) continue;
    const std::uint32_t t = m_.tail[a], h = m_.head[a];
    if (b.pos[t] == kNoPos || b.pos[h] == kNoPos || h == origin) continue;
    if (!m_.passable(t, origin) || std::isinf(m_.fixed[b.cls][a])) continue;
    if (qualifies(t, h, class_cost(b, a))) {
      b.in[a] = 1;
      added = true;
      backward = backward || b.pos[t] > b.pos[h];
    }
  }
  // The order stays topological unless an added link runs against it; otherwise only the grouped
  // list changes.
  if (backward) {
    order_by_max_labels(b);
  } else if (added || removed) {
    group_links(b);
  }
  return added;
}

void Solver::shift_volume(Bush& b, std::uint32_t a, double delta) {
  b.flow[a] += delta;
  volume_[a] += delta;
  cost_[a] = m_.cost(a, volume_[a]);
}

double Solver::shift_flows(Bush& b) {
  labels(b, true);
  double worst = 0.0;
  for (std::size_t idx = b.order.size(); idx-- > 1;) {
    const std::uint32_t j = b.order[idx];
    if (max_pred_[j] == kNoLink || max_pred_[j] == min_pred_[j]) continue;
    if (max_[j] - min_[j] <= 1e-14 * max_[j]) continue;
    // Walk both paths back to where they diverge (the later node in topological order first).
    seg_min_.clear();
    seg_max_.clear();
    std::uint32_t p = j, q = j;
    do {
      if (b.pos[p] >= b.pos[q]) {
        const std::uint32_t a = min_pred_[p];
        seg_min_.push_back(a);
        p = m_.tail[a];
      } else {
        const std::uint32_t a = max_pred_[q];
        seg_max_.push_back(a);
        q = m_.tail[a];
      }
    } while (p != q);
    double c_min = 0, c_max = 0, d = 0, bottleneck = kInf;
    for (std::uint32_t a : seg_min_) {
      c_min += class_cost(b, a);
      d += m_.cost_derivative(a, volume_[a]);
    }
    for (std::uint32_t a : seg_max_) {
      c_max += class_cost(b, a);
      d += m_.cost_derivative(a, volume_[a]);
      bottleneck = std::min(bottleneck, b.flow[a]);
    }
    const double excess = c_max - c_min;
    if (!(excess > 1e-14 * c_max) || !(bottleneck > 0.0)) continue;
    worst = std::max(worst, excess / std::max(max_[j], 1e-300));
    const double delta = d > 0.0 ? std::min(bottleneck, excess / d) : bottleneck;
    for (std::uint32_t a : seg_min_) shift_volume(b, a, delta);
    for (std::uint32_t a : seg_max_) {
      if (b.flow[a] - delta <= 1e-12 * delta) {  // the bottleneck: exactly empty
        shift_volume(b, a, -b.flow[a]);
        b.flow[a] = 0.0;
      } else {
        shift_volume(b, a, -delta);
      }
    }
  }
  return worst;
}

double Solver::gap(double* objective) {
  refresh_volumes();
  // The objective's link part, then the fixed costs and the total cost, summed over each bush's
  // own links (a bush carries no flow elsewhere).
  *objective = objective_value(m_, volume_, {});
  double tstt = 0.0;
  for (const Bush& b : bushes_) {
    const std::vector<double>& fixed = m_.fixed[b.cls];
    for (std::uint32_t a : b.links) {
      if (b.flow[a] > 0.0) {
        *objective += b.flow[a] * fixed[a];
        tstt += b.flow[a] * (cost_[a] + fixed[a]);
      }
    }
  }
  const double sptt = shortest_path_total(m_, cost_, threads_);
  return tstt > 0 ? std::max(0.0, (tstt - sptt) / tstt) : 0.0;
}

void Solver::run(Solution& sol) {
  const auto start = std::chrono::steady_clock::now();
  init_bushes();
  for (int it = 1;; ++it) {
    if (it > 1) {
      // Grow each bush and equilibrate it, then sweep all bushes again: the bushes interact
      // through the link costs, and extra sweeps cut the outer iterations several-fold.
      for (Bush& b : bushes_) {
        update_bush(b);
        for (int pass = 0; pass < kPasses; ++pass) {
          if (shift_flows(b) <= inner_tolerance_) break;
        }
      }
      // A bush whose last pass found nothing to shift is skipped until the next iteration.
      std::vector<std::uint8_t> settled(bushes_.size(), 0);
      const int sweeps = last_gap_ > kEarlyGap ? kEarlySweeps : kSweeps;
      for (int sweep = 0; sweep < sweeps; ++sweep) {
        double worst = 0.0;
        for (std::size_t i = 0; i < bushes_.size(); ++i) {
          if (settled[i]) continue;
          const double w = shift_flows(bushes_[i]);
          settled[i] = w <= inner_tolerance_;
          worst = std::max(worst, w);
        }
        if (worst <= inner_tolerance_) break;
      }
    }
    double objective = 0.0;
    const double g = gap(&objective);
    inner_tolerance_ = std::max(1e-15, g * kInnerFactor);
    last_gap_ = g;
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const IterationReport rep{it, g, objective, secs};
    sol.history.push_back(rep);
    if (o_.progress) o_.progress(rep);
    sol.iterations = it;
    if (g <= o_.gap) {
      sol.stop = StopReason::Converged;
      break;
    }
    if (it >= o_.max_iterations) {
      sol.stop = StopReason::IterationLimit;
      break;
    }
    if (secs >= o_.max_seconds) {
      sol.stop = StopReason::TimeLimit;
      break;
    }
  }
  sol.class_volume.assign(m_.origins.size(), std::vector<double>(m_.m, 0.0));
  for (const Bush& b : bushes_)
    for (std::uint32_t a = 0; a < m_.m; ++a) sol.class_volume[b.cls][a] += b.flow[a];
}

}  // namespace

void solve_algorithm_b(const Model& m, const Options& o, Solution& sol) {
  Solver solver(m, o);
  solver.run(sol);
}

}  // namespace caravan::assign::detail
