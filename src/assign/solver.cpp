#include "assign/solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

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
  std::vector<std::uint32_t> pos(c.first.begin(), c.first.end() - 1);
  for (std::uint32_t a = 0; a < p.links.size(); ++a) {
    const Link& l = p.links[a];
    c.links[pos[by_tail ? l.tail : l.head]++] = a;
  }
  return c;
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
  m.fixed.resize(p.classes.size());
  m.origins.resize(p.classes.size());
  std::vector<double> free_cost(m.m);
  for (std::uint32_t a = 0; a < m.m; ++a) free_cost[a] = m.cost(a, 0.0);
  Dijkstra dijkstra(m.n);
  for (std::size_t k = 0; k < p.classes.size(); ++k) {
    const DemandClass& c = p.classes[k];
    auto& fixed = m.fixed[k];
    fixed.resize(m.m);
    for (std::uint32_t a = 0; a < m.m; ++a) {
      fixed[a] = (!c.allowed.empty() && !c.allowed[a]) ? kInf : class_fixed_cost(p, k, a);
    }
    std::map<std::uint32_t, std::map<std::uint32_t, double>> by_origin;
    for (const OdVolume& od : c.demand) {
      if (od.volume > 0 && od.origin != od.destination)
        by_origin[od.origin][od.destination] += od.volume;
    }
    for (auto& [o, dests] : by_origin) {
      dijkstra.run(m, k, o, free_cost);
      OriginDemand od{o, {}};
      for (auto& [d, vol] : dests) {
        if (std::isinf(dijkstra.dist()[d])) {
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

void Dijkstra::run(const Model& m, std::size_t cls, std::uint32_t origin,
                   const std::vector<double>& cost) {
  std::fill(dist_.begin(), dist_.end(), kInf);
  std::fill(pred_.begin(), pred_.end(), kNoLink);
  const std::vector<double>& fixed = m.fixed[cls];
  auto greater = [](const auto& x, const auto& y) { return x.first > y.first; };
  heap_.clear();
  dist_[origin] = 0.0;
  heap_.emplace_back(0.0, origin);
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    const auto [d, u] = heap_.back();
    heap_.pop_back();
    if (d > dist_[u] || !m.passable(u, origin)) continue;
    for (std::uint32_t i = m.out.first[u]; i < m.out.first[u + 1]; ++i) {
      const std::uint32_t a = m.out.links[i];
      const double nd = d + cost[a] + fixed[a];
      const std::uint32_t v = m.p->links[a].head;
      if (nd < dist_[v]) {
        dist_[v] = nd;
        pred_[v] = a;
        heap_.emplace_back(nd, v);
        std::push_heap(heap_.begin(), heap_.end(), greater);
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
    for (const OriginDemand& od : m.origins[k]) {
      dijkstra.run(m, k, od.origin, cost);
      for (const auto& [d, vol] : od.destinations) {
        sptt += vol * dijkstra.dist()[d];
        for (std::uint32_t v = d; v != od.origin;) {
          const std::uint32_t a = dijkstra.pred()[v];
          target[k][a] += vol;
          v = m.p->links[a].tail;
        }
      }
    }
  }
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

void finish(const Model& m, std::vector<std::vector<double>> class_volume, Solution& s) {
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
  Dijkstra dijkstra(m.n);
  std::vector<std::vector<double>> aon;
  const double sptt = all_or_nothing(m, cost, aon, dijkstra);
  const double tstt = total_cost(m, cost, class_volume);
  s.relative_gap = tstt > 0 ? std::max(0.0, (tstt - sptt) / tstt) : 0.0;
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
  detail::finish(m, std::move(s.class_volume), s);
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
