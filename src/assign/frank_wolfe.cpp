// Frank-Wolfe and its conjugate (CFW) and biconjugate (BFW) variants (Mitradjieva and Lindberg,
// Transportation Science 2013), on the class-stacked link flows.
#include <chrono>
#include <cmath>

#include "assign/solver_detail.h"

namespace caravan::assign::detail {
namespace {

using Flows = std::vector<std::vector<double>>;  // per class, per link

// CFW keeps at least this weight on the new all-or-nothing point, so that the direction cannot
// jam on the previous one.
constexpr double kCfwDelta = 0.05;

// Totals over classes of (a - b).
std::vector<double> total_difference(const Flows& a, const Flows& b, std::uint32_t m) {
  std::vector<double> d(m, 0.0);
  for (std::size_t k = 0; k < a.size(); ++k) {
    for (std::uint32_t i = 0; i < m; ++i) d[i] += a[k][i] - b[k][i];
  }
  return d;
}

double h_dot(const std::vector<double>& u, const std::vector<double>& h,
             const std::vector<double>& w) {
  double s = 0.0;
  for (std::size_t i = 0; i < u.size(); ++i) s += u[i] * h[i] * w[i];
  return s;
}

// Sum over classes and links of (s - x) * fixed, skipping links neither uses.
double fixed_slope(const Model& m, const Flows& s, const Flows& x) {
  double f = 0.0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    for (std::uint32_t a = 0; a < m.m; ++a) {
      const double d = s[k][a] - x[k][a];
      if (d != 0.0) f += d * m.fixed[k][a];
    }
  }
  return f;
}

// Minimises the objective along v + tau * dir over tau in [0, 1] by bisection on its derivative.
double line_search(const Model& m, const std::vector<double>& v, const std::vector<double>& dir,
                   double fixed) {
  std::vector<std::uint32_t> active;
  for (std::uint32_t a = 0; a < m.m; ++a)
    if (dir[a] != 0.0) active.push_back(a);
  auto slope = [&](double tau) {
    double g = fixed;
    for (std::uint32_t a : active) g += dir[a] * m.cost(a, v[a] + tau * dir[a]);
    return g;
  };
  if (slope(1.0) <= 0.0) return 1.0;
  if (slope(0.0) >= 0.0) return 0.0;
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 60 && hi - lo > 1e-15; ++i) {
    const double mid = 0.5 * (lo + hi);
    (slope(mid) < 0.0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

void solve_frank_wolfe(const Model& m, const Options& o, Solution& sol) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t classes = m.origins.size();
  Dijkstra dijkstra(m.n);
  std::vector<double> cost(m.m), deriv(m.m), v(m.m, 0.0);
  for (std::uint32_t a = 0; a < m.m; ++a) cost[a] = m.cost(a, 0.0);
  Flows x, y, s1, s2, s;
  all_or_nothing(m, cost, x, dijkstra);
  double prev_tau = 1.0;
  int directions = 0;  // how many previous search directions are usable (0, 1 or 2)
  for (int it = 1;; ++it) {
    std::fill(v.begin(), v.end(), 0.0);
    for (const auto& cv : x)
      for (std::uint32_t a = 0; a < m.m; ++a) v[a] += cv[a];
    for (std::uint32_t a = 0; a < m.m; ++a) cost[a] = m.cost(a, v[a]);
    const double sptt = all_or_nothing(m, cost, y, dijkstra);
    const double tstt = total_cost(m, cost, x);
    const double gap = tstt > 0 ? std::max(0.0, (tstt - sptt) / tstt) : 0.0;
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const IterationReport rep{it, gap, objective_value(m, v, x), secs};
    sol.history.push_back(rep);
    if (o.progress) o.progress(rep);
    sol.iterations = it;
    if (gap <= o.gap) {
      sol.stop = StopReason::Converged;
      break;
    }
    if (it >= o.max_iterations) {
      sol.stop = StopReason::IterationLimit;
      break;
    }
    if (secs >= o.max_seconds) {
      sol.stop = StopReason::TimeLimit;
      break;
    }
    // The target point s of the search direction s - x.
    s = y;
    if (o.algorithm != Algorithm::FrankWolfe && directions >= 1) {
      for (std::uint32_t a = 0; a < m.m; ++a) deriv[a] = m.cost_derivative(a, v[a]);
      const auto yx = total_difference(y, x, m.m);
      const auto s1x = total_difference(s1, x, m.m);
      bool done = false;
      if (o.algorithm == Algorithm::BiconjugateFw && directions >= 2 && prev_tau < 1.0 - 1e-9) {
        const auto s2s1 = total_difference(s2, s1, m.m);
        std::vector<double> xb(m.m);
        for (std::uint32_t a = 0; a < m.m; ++a)
          xb[a] = prev_tau * s1x[a] + (1 - prev_tau) * (s2s1[a] + s1x[a]);
        const double mu_den = h_dot(xb, deriv, s2s1), nu_den = h_dot(s1x, deriv, s1x);
        if (mu_den != 0.0 && nu_den != 0.0) {
          const double mu = std::max(0.0, -h_dot(xb, deriv, yx) / mu_den);
          const double nu =
              std::max(0.0, -h_dot(s1x, deriv, yx) / nu_den + mu * prev_tau / (1 - prev_tau));
          const double b0 = 1 / (1 + mu + nu), b1 = nu * b0, b2 = mu * b0;
          for (std::size_t k = 0; k < classes; ++k)
            for (std::uint32_t a = 0; a < m.m; ++a)
              s[k][a] = b0 * y[k][a] + b1 * s1[k][a] + b2 * s2[k][a];
          done = true;
        }
      }
      if (!done) {
        std::vector<double> ys1(m.m);
        for (std::uint32_t a = 0; a < m.m; ++a) ys1[a] = yx[a] - s1x[a];
        const double den = h_dot(s1x, deriv, ys1);
        double alpha = den != 0.0 ? h_dot(s1x, deriv, yx) / den : 0.0;
        alpha = std::clamp(alpha, 0.0, 1.0 - kCfwDelta);
        for (std::size_t k = 0; k < classes; ++k)
          for (std::uint32_t a = 0; a < m.m; ++a)
            s[k][a] = alpha * s1[k][a] + (1 - alpha) * y[k][a];
      }
    }
    auto dir = total_difference(s, x, m.m);
    double fixed = fixed_slope(m, s, x);
    double g0 = fixed;
    for (std::uint32_t a = 0; a < m.m; ++a)
      if (dir[a] != 0.0) g0 += dir[a] * cost[a];
    if (g0 >= 0.0 && o.algorithm != Algorithm::FrankWolfe) {  // not a descent direction: reset
      s = y;
      dir = total_difference(s, x, m.m);
      fixed = fixed_slope(m, s, x);
      directions = 0;
    }
    const double tau = line_search(m, v, dir, fixed);
    for (std::size_t k = 0; k < classes; ++k)
      for (std::uint32_t a = 0; a < m.m; ++a) x[k][a] += tau * (s[k][a] - x[k][a]);
    s2 = std::move(s1);
    s1 = s;
    prev_tau = tau;
    directions = std::min(directions + 1, 2);
    if (tau >= 1.0 - 1e-12) directions = 0;
  }
  sol.class_volume = std::move(x);
}

}  // namespace caravan::assign::detail
