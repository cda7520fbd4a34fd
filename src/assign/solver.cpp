#include "assign/solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "assign/solver_detail.h"

namespace caravan::assign {
namespace detail {

double Model::cost(std::uint32_t a, double v) const {
  const DelayFunction& f = p->links[a].delay;
  if (objective == Objective::UserEquilibrium) return f.time(v);
  return f.time(v) + v * f.derivative(v);
}

double Model::cost_derivative(std::uint32_t a, double v) const {
  const DelayFunction& f = p->links[a].delay;
  if (objective == Objective::UserEquilibrium) return f.derivative(v);
  return 2 * f.derivative(v) + v * f.second_derivative(v);
}

namespace {

Csr make_csr(const Problem& p, bool by_tail) {
  Csr c;
  c.first.assign(p.node_count + 1, 0);
  for (const Link& l : p.links) ++c.first[(by_tail ? l.tail : l.head) + 1];
  for (std::uint32_t v = 0; v < p.node_count; ++v) c.first[v + 1] += c.first[v];
  c.links.resize(p.links.size());
  c.other.resize(p.links.size());
  std::vector<std::uint32_t> pos(c.first.begin(), c.first.end() - 1);
  for (std::uint32_t a = 0; a < p.links.size(); ++a) {
    const Link& l = p.links[a];
    const std::uint32_t slot = pos[by_tail ? l.tail : l.head]++;
    c.links[slot] = a;
    c.other[slot] = by_tail ? l.head : l.tail;
  }
  return c;
}

// Marks in `seen` the nodes that class k reaches from `origin` (barred links excluded, zones other
// than the origin not passed through).
void reachable(const Model& m, std::size_t k, std::uint32_t origin, std::vector<std::uint8_t>& seen,
               std::vector<std::uint32_t>& queue) {
  std::fill(seen.begin(), seen.end(), 0);
  queue.assign(1, origin);
  seen[origin] = 1;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const std::uint32_t u = queue[i];
    if (!m.passable(u, origin)) continue;
    for (std::uint32_t j = m.out.first[u]; j < m.out.first[u + 1]; ++j) {
      const std::uint32_t v = m.out.other[j];
      if (!seen[v] && !std::isinf(m.fixed[k][m.out.links[j]])) {
        seen[v] = 1;
        queue.push_back(v);
      }
    }
  }
}

}  // namespace

Model build_model(const Problem& p, Objective objective) {
  Model m;
  m.p = &p;
  m.objective = objective;
  m.n = p.node_count;
  m.m = static_cast<std::uint32_t>(p.links.size());
  m.out = make_csr(p, true);
  m.in = make_csr(p, false);
  m.tail.resize(m.m);
  m.head.resize(m.m);
  for (std::uint32_t a = 0; a < m.m; ++a) {
    m.tail[a] = p.links[a].tail;
    m.head[a] = p.links[a].head;
  }
  m.fixed.resize(p.classes.size());
  m.origins.resize(p.classes.size());
  std::vector<std::uint8_t> seen(m.n);
  std::vector<std::uint32_t> queue;
  for (std::size_t k = 0; k < p.classes.size(); ++k) {
    const DemandClass& c = p.classes[k];
    auto& fixed = m.fixed[k];
    fixed.resize(m.m);
    for (std::uint32_t a = 0; a < m.m; ++a) {
      fixed[a] = (!c.allowed.empty() && !c.allowed[a]) ? kInf : class_fixed_cost(p, k, a);
    }
    // Demand by origin, then destination; repeated pairs add up in the order given.
    std::vector<OdVolume> pairs;
    for (const OdVolume& od : c.demand) {
      if (od.volume > 0 && od.origin != od.destination) pairs.push_back(od);
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const OdVolume& x, const OdVolume& y) {
      return std::pair(x.origin, x.destination) < std::pair(y.origin, y.destination);
    });
    for (std::size_t i = 0; i < pairs.size();) {
      const std::uint32_t o = pairs[i].origin;
      reachable(m, k, o, seen, queue);
      OriginDemand od{o, {}};
      for (; i < pairs.size() && pairs[i].origin == o;) {
        const std::uint32_t d = pairs[i].destination;
        double vol = 0.0;
        for (; i < pairs.size() && pairs[i].origin == o && pairs[i].destination == d; ++i)
          vol += pairs[i].volume;
        if (!seen[d]) {
          m.unserved.push_back({k, o, d, vol});
        } else {
          od.destinations.emplace_back(d, vol);
        }
      }
      if (!od.destinations.empty()) m.origins[k].push_back(std::move(od));
    }
  }
  return m;
}

void Dijkstra::weigh(const Model& m, std::size_t cls, const std::vector<double>& cost) {
  const std::vector<double>& fixed = m.fixed[cls];
  weight_.resize(m.m);
  for (std::uint32_t i = 0; i < m.m; ++i) {
    const std::uint32_t a = m.out.links[i];
    weight_[i] = cost[a] + fixed[a];
  }
}

void Dijkstra::run(const Model& m, std::uint32_t origin) { search(m, origin, 0); }

void Dijkstra::run_to(const Model& m, const OriginDemand& od) {
  // Zones are leaves unless every node may be passed through; a leaf is never popped, so the
  // search can stop early only when every destination is passable.
  std::uint32_t wanted = 0;
  if (++stamp_ == 0) {  // wrapped: clear the stamps
    std::fill(wanted_.begin(), wanted_.end(), 0);
    stamp_ = 1;
  }
  for (const auto& [d, vol] : od.destinations) {
    if (!m.passable(d, od.origin)) return search(m, od.origin, 0);
    if (wanted_[d] != stamp_) {
      wanted_[d] = stamp_;
      ++wanted;
    }
  }
  search(m, od.origin, wanted);
}

void Dijkstra::search(const Model& m, std::uint32_t origin, std::uint32_t wanted) {
  std::fill(dist_.begin(), dist_.end(), kInf);
  std::fill(pred_.begin(), pred_.end(), kNoLink);
  heap_.clear();
  dist_[origin] = 0.0;
  heap_.push_or_decrease(origin, 0.0);
  // Zones other than the origin are not passed through: they are leaves whose label is final as
  // soon as every node before them is, so they never enter the heap.
  while (!heap_.empty()) {
    const auto [d, u] = heap_.pop();
    if (wanted > 0 && wanted_[u] == stamp_ && --wanted == 0) break;
    for (std::uint32_t i = m.out.first[u]; i < m.out.first[u + 1]; ++i) {
      const double nd = d + weight_[i];
      const std::uint32_t v = m.out.other[i];
      if (nd < dist_[v]) {
        dist_[v] = nd;
        pred_[v] = m.out.links[i];
        if (m.passable(v, origin)) heap_.push_or_decrease(v, nd);
      }
    }
  }
}

double all_or_nothing(const Model& m, const std::vector<double>& cost,
                      std::vector<std::vector<double>>& target, Dijkstra& dijkstra) {
  double sptt = 0.0;
  target.resize(m.origins.size());
  for (std::size_t k = 0; k < m.origins.size(); ++k) {
    target[k].assign(m.m, 0.0);
    dijkstra.weigh(m, k, cost);
    for (const OriginDemand& od : m.origins[k]) {
      dijkstra.run(m, od.origin);
      for (const auto& [d, vol] : od.destinations) {
        sptt += vol * dijkstra.dist()[d];
        for (std::uint32_t v = d; v != od.origin;) {
          const std::uint32_t a = dijkstra.pred()[v];
          target[k][a] += vol;
          v = m.tail[a];
        }
      }
    }
  }
  return sptt;
}

double shortest_path_total(const Model& m, const std::vector<double>& cost, int threads) {
  std::size_t origins = 0;
  for (const auto& k : m.origins) origins += k.size();
  std::vector<double> part(origins, 0.0);
  search_every_origin(m, cost, threads, false,
                      [&](std::size_t i, std::size_t, const OriginDemand& od, const Dijkstra& d) {
                        for (const auto& [dest, vol] : od.destinations)
                          part[i] += vol * d.dist()[dest];
                      });
  double sptt = 0.0;
  for (double x : part) sptt += x;
  return sptt;
}

double total_cost(const Model& m, const std::vector<double>& cost,
                  const std::vector<std::vector<double>>& class_volume) {
  double t = 0.0;
  for (std::size_t k = 0; k < class_volume.size(); ++k) {
    for (std::uint32_t a = 0; a < m.m; ++a) {
      if (class_volume[k][a] > 0) t += class_volume[k][a] * (cost[a] + m.fixed[k][a]);
    }
  }
  return t;
}

double objective_value(const Model& m, const std::vector<double>& volume,
                       const std::vector<std::vector<double>>& class_volume) {
  double z = 0.0;
  for (std::uint32_t a = 0; a < m.m; ++a) {
    const DelayFunction& f = m.p->links[a].delay;
    z += m.objective == Objective::UserEquilibrium ? f.integral(volume[a])
                                                   : volume[a] * f.time(volume[a]);
  }
  for (std::size_t k = 0; k < class_volume.size(); ++k) {
    for (std::uint32_t a = 0; a < m.m; ++a) {
      if (class_volume[k][a] > 0) z += class_volume[k][a] * m.fixed[k][a];
    }
  }
  return z;
}

void finish(const Model& m, std::vector<std::vector<double>> class_volume, int threads,
            std::optional<double> known_gap, Solution& s) {
  s.volume.assign(m.m, 0.0);
  for (const auto& cv : class_volume) {
    for (std::uint32_t a = 0; a < m.m; ++a) s.volume[a] += cv[a];
  }
  s.time.resize(m.m);
  std::vector<double> cost(m.m), time_only(m.m);
  double beckmann = 0.0;
  for (std::uint32_t a = 0; a < m.m; ++a) {
    s.time[a] = m.p->links[a].delay.time(s.volume[a]);
    cost[a] = m.cost(a, s.volume[a]);
    beckmann += m.p->links[a].delay.integral(s.volume[a]);
  }
  double fixed = 0.0;
  for (std::size_t k = 0; k < class_volume.size(); ++k) {
    for (std::uint32_t a = 0; a < m.m; ++a) {
      if (class_volume[k][a] > 0) fixed += class_volume[k][a] * m.fixed[k][a];
    }
  }
  s.beckmann = beckmann + fixed;
  s.total_cost = total_cost(m, s.time, class_volume);
  s.objective = objective_value(m, s.volume, class_volume);
  if (known_gap) {
    s.relative_gap = *known_gap;
  } else {
    const double sptt = shortest_path_total(m, cost, threads);
    const double tstt = total_cost(m, cost, class_volume);
    s.relative_gap = tstt > 0 ? std::max(0.0, (tstt - sptt) / tstt) : 0.0;
  }
  s.class_volume = std::move(class_volume);
}

}  // namespace detail

Result<Solution> solve(const Problem& p, const Options& options) {
  if (auto st = validate(p); !st) return st.error();
  const auto start = std::chrono::steady_clock::now();
  const detail::Model m = detail::build_model(p, options.objective);
  Solution s;
  s.unserved = m.unserved;
  switch (options.algorithm) {
    case Algorithm::AllOrNothing: {
      std::vector<double> cost(m.m);
      for (std::uint32_t a = 0; a < m.m; ++a) cost[a] = m.cost(a, 0.0);
      detail::Dijkstra dijkstra(m.n);
      detail::all_or_nothing(m, cost, s.class_volume, dijkstra);
      s.iterations = 1;
      s.stop = StopReason::IterationLimit;
      break;
    }
    case Algorithm::FrankWolfe:
    case Algorithm::ConjugateFw:
    case Algorithm::BiconjugateFw:
      detail::solve_frank_wolfe(m, options, s);
      break;
    case Algorithm::B:
      detail::solve_algorithm_b(m, options, s);
      break;
  }
  const StopReason stop = s.stop;
  auto history = std::move(s.history);
  const int iterations = s.iterations;
  // Algorithm B measures its last gap on the final volumes; the others are measured here.
  std::optional<double> known_gap;
  if (options.algorithm == Algorithm::B && !history.empty())
    known_gap = history.back().relative_gap;
  detail::finish(m, std::move(s.class_volume), worker_count(options.threads), known_gap, s);
  s.history = std::move(history);
  s.iterations = iterations;
  s.stop = stop;
  if (stop != StopReason::Converged && s.relative_gap <= options.gap &&
      options.algorithm != Algorithm::AllOrNothing)
    s.stop = StopReason::Converged;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return s;
}

std::string_view algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::AllOrNothing:
      return "aon";
    case Algorithm::FrankWolfe:
      return "fw";
    case Algorithm::ConjugateFw:
      return "cfw";
    case Algorithm::BiconjugateFw:
      return "bfw";
    case Algorithm::B:
      return "b";
  }
  return "?";
}

std::string_view stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::Converged:
      return "converged";
    case StopReason::IterationLimit:
      return "iteration_limit";
    case StopReason::TimeLimit:
      return "time_limit";
  }
  return "?";
}

}  // namespace caravan::assign
