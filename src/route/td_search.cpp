// The time-dependent parts of the search (route/timetable.h): an arc's weights in an epoch, the
// ways to take it (at once or after a hold), a path's timed arcs, and the label-setting search
// over (scalar, arrival time).
#include "route/td_search.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/node_heap.h"

namespace caravan::route {

const cost::ArcWeights& weights_at(const Prepared& p, ArcId arc, std::uint32_t epoch) {
  if (!p.time_dependent() || p.tt.row[arc.value] == kStaticArc) return p.weights[arc.value];
  return p.tt.w(p.tt.row[arc.value], epoch);
}

void moves(const Prepared& p, std::uint32_t a, double t, std::vector<Move>& out, bool all) {
  out.clear();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Timetable& tt = p.tt;
  const std::uint32_t r = p.time_dependent() ? tt.row[a] : kStaticArc;
  if (r == kStaticArc) {
    if (p.scalar[a] < kInf) out.push_back({0.0, p.scalar[a], p.weights[a].hours().value, 0});
    return;
  }
  const std::size_t E = tt.epochs();
  const std::uint32_t e = tt.epoch_at(t);
  const double omega = tt.hold_scalar_per_hour;
  const double* sc = &tt.scalar[r * E];
  const double* hours = &tt.row_hours[r * E];
  double adj_now = kInf, arr_now = kInf;
  if (sc[e] < kInf) {
    const double h = hours[e];
    out.push_back({0.0, sc[e], h, e});
    adj_now = sc[e] - omega * h;
    arr_now = t + h;
  }
  if (!all && tt.later_adjusted[r * E + e] >= adj_now && tt.later_arrival[r * E + e] >= arr_now)
    return;  // no hold can do better than going at once
  for (std::size_t f = e + 1; f < E; ++f) {
    if (!(sc[f] < kInf)) continue;
    const double h = hours[f];
    const double hold = tt.start[f] - t;
    const double adj = sc[f] - omega * h, arr = tt.start[f] + h;
    bool dominated = false;
    if (!all)
      for (const auto& m : out) {
        const double m_adj = m.scalar - omega * (m.hold + m.hours);
        const double m_arr = t + m.hold + m.hours;
        if (m_arr <= arr && m_adj <= adj) {
          dominated = true;
          break;
        }
      }
    if (!dominated) out.push_back({hold, omega * hold + sc[f], h, static_cast<std::uint32_t>(f)});
  }
}

std::vector<TimedArc> timed_arcs(const Prepared& p, const Path& path) {
  std::vector<TimedArc> out;
  out.reserve(path.arcs.size());
  double t = 0;
  for (std::size_t i = 0; i < path.arcs.size(); ++i) {
    TimedArc ta;
    ta.arc = path.arcs[i];
    ta.reach = t;
    ta.hold = i < path.hold.size() ? path.hold[i] : 0.0;
    // The same sums as the search's, so that a hold to an epoch's start lands in that epoch.
    const double taken = t + ta.hold;
    ta.epoch = i < path.epoch.size() ? path.epoch[i] : p.tt.active ? p.tt.epoch_at(taken) : 0;
    ta.w = weights_at(p, ta.arc, ta.epoch);
    t = taken + ta.w.hours().value;
    if (ta.hold > 0) {
      const auto h = p.tt.hold(ta.hold);
      ta.w.waiting += h.waiting;
      ta.w.inventory += h.inventory;
    }
    out.push_back(ta);
  }
  return out;
}

namespace {

// Time-dependent search: labels (scalar s, arrival time t) at node x state, settled in order of
// s. Because the cargo may be held anywhere at a cost of omega per hour (the inventory of the
// goods, in the objective's units), a label A settled before B at the same node and state
// dominates B when A arrives no later and A, held until B arrives, costs no more:
// t_A <= t_B and s_A + omega * (t_B - t_A) <= s_B. Arcs read their weights in the epoch the cargo
// takes them (moves()). Holding makes arrival times FIFO and the dominance exact, so the first
// target label settled is optimal. For money-like objectives this is a search over two criteria
// (cost so far net of holding, and arrival time): a node keeps every label that is cheaper but
// later than the others. Its arrays are kept per thread, as the static search's.
struct TdWorkspace {
  struct Label {
    double s, t, hold;
    std::uint32_t pred, arc, next, epoch;
  };
  std::vector<Label> labels;
  // Per node x state: its settled labels, and its pending ones (not yet settled, none dominating
  // another), as lists through Label::next. The heap holds each node x state with pending labels
  // once, keyed by their smallest scalar: with one label per node it is the static Dijkstra.
  // Per node x state, side by side (one cache line): the (arrival time, scalar net of holding)
  // of its earliest label so far, a quick test that rejects most dominated labels without
  // walking the lists (any label once kept will do: it is alive, or dominated by one that is);
  // and the heads of its two lists.
  struct Slot {
    double t, shat;
    std::uint32_t settled, pending;
  };
  std::vector<Slot> slots;
  caravan::NodeHeap heap{0};
  std::vector<Move> mv;
  void reset(std::size_t total) {
    labels.clear();
    constexpr double kInf = std::numeric_limits<double>::infinity();
    slots.assign(total, {kInf, kInf, UINT32_MAX, UINT32_MAX});
    if (heap.capacity() != total) heap = caravan::NodeHeap(total);
    heap.clear();
  }
};

// Work a time-dependent search may do, per node x state (labels created and list entries
// compared), before it gives up exactness.
constexpr std::size_t kWorkPerNode = 16;

// Lower bounds on what is left to the target, for A* and for a certificate. Every arc gets its
// smallest scalar over the epochs (a hold only adds), so a backward Dijkstra from the targets on
// these bounds gives, for every node, a lower bound `dist` on the objective still to pay from it,
// whatever the time and the state (bans and state constraints only remove ways). The search stops
// when it settles the first start: a node it did not settle is at least `radius` away, so
// min(dist, radius) is a bound, and a consistent one (an arc's scalar at any epoch is at least its
// bound). `succ` gives the bounds' path from each settled node.
struct Bounds {
  std::vector<double> dist;
  std::vector<std::uint32_t> succ;
  caravan::NodeHeap heap{0};
  double radius = std::numeric_limits<double>::infinity();
  std::uint32_t start = UINT32_MAX;  // index into the starts of the first one settled
  double at(std::uint32_t v) const { return std::min(dist[v], radius); }
};

void compute_bounds(const Prepared& p, const std::vector<Start>& starts, Bounds& b) {
  const auto& g = p.net->graph();
  const std::size_t n = g.node_count();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  b.dist.assign(n, kInf);
  b.succ.assign(n, UINT32_MAX);
  if (b.heap.capacity() != n) b.heap = caravan::NodeHeap(n);
  b.heap.clear();
  b.radius = kInf;
  b.start = UINT32_MAX;
  for (auto t : p.targets) {
    b.dist[t] = 0;
    b.heap.push_or_decrease(t, 0);
  }
  double* dist = b.dist.data();
  const std::uint32_t* first_in = g.first_in.data();
  const std::uint32_t* in_arc = g.in_arc.data();
  const std::uint32_t* in_tail = g.in_tail.data();
  const double* lower = p.lower_in.data();
  while (!b.heap.empty()) {
    const auto [d, v] = b.heap.pop();
    for (std::size_t i = 0; i < starts.size(); ++i)
      if (starts[i].node == v) {
        b.start = static_cast<std::uint32_t>(i);
        break;
      }
    if (b.start != UINT32_MAX) {
      b.radius = d;
      break;
    }
    for (std::uint32_t i = first_in[v], end = first_in[v + 1]; i < end; ++i) {
      const double nd = d + lower[i];
      const std::uint32_t u = in_tail[i];
      if (nd < dist[u]) {
        dist[u] = nd;
        b.succ[u] = in_arc[i];
        b.heap.push_or_decrease(u, nd);
      }
    }
  }
  b.heap.clear();
}

// The bounds' path from the first start settled, if it is a path of the query (no ban, every
// state move allowed, a final state at the end) whose arcs, taken without holds at the epochs the
// cargo reaches them, cost their bounds: then it costs the bound of the whole way and is optimal.
std::optional<Path> certified(const Prepared& p, const std::vector<Start>& starts, const Bans* bans,
                              const Bounds& b) {
  const auto& g = p.net->graph();
  const Start& st = starts[b.start];
  Path path;
  double s = 0, t = st.t;
  std::uint32_t state = st.state;
  const std::size_t E = p.tt.epochs();
  for (std::uint32_t v = st.node; !p.is_target[v] || !is_final_state(p, state);) {
    const std::uint32_t a = b.succ[v];
    if (a == UINT32_MAX) return std::nullopt;  // a target, but not in a final state
    const std::uint32_t head = g.head[a];
    if (bans && (bans->arcs[a] || bans->nodes[head])) return std::nullopt;
    state = transition(p, state, ArcId{a});
    if (state == UINT32_MAX) return std::nullopt;
    const std::uint32_t e = p.tt.epoch_at(t);
    const Prepared::TdArc x = p.td_arcs[a];
    double sc = x.scalar, hours = x.hours;
    if (sc < 0) {
      const std::size_t r = p.tt.row[a];
      sc = p.tt.scalar[r * E + e];
      if (sc > p.tt.lower[r]) return std::nullopt;  // dearer now than at its best epoch
      hours = p.tt.row_hours[r * E + e];
    }
    s += sc;
    t += hours;
    path.arcs.push_back(ArcId{a});
    path.hold.push_back(0.0);
    path.epoch.push_back(e);
    v = head;
  }
  path.weight = s;
  return path;
}

}  // namespace

std::optional<Path> best_path_td(const Prepared& p, const std::vector<Start>& starts,
                                 const Bans* bans, bool one_label) {
  const auto& g = p.net->graph();
  // Bounds first: no way to the target even at the best epochs, no path; the bounds' own path
  // when it is certified; else A* on the bounds.
  thread_local Bounds bounds;
  if (!one_label) {
    compute_bounds(p, starts, bounds);
    if (bounds.start == UINT32_MAX) return std::nullopt;
    if (auto path = certified(p, starts, bans, bounds)) return path;
  }
  const Bounds& lb = bounds;
  const std::uint32_t S = p.states();
  thread_local TdWorkspace ws;
  ws.reset(static_cast<std::size_t>(g.node_count()) * S);
  auto& labels = ws.labels;
  auto& heap = ws.heap;
  TdWorkspace::Slot* slots = ws.slots.data();
  const double omega = p.tt.hold_scalar_per_hour;
  const bool stateless = S == 1 && !p.query.constraints.max_transshipments;
  // For the time objective the arrival time alone decides (its money tie-break is not carried
  // through holds): one label per node, the classical FIFO time-dependent Dijkstra.
  const bool by_time = p.query.objective == Objective::Time;
  constexpr double kEps = 1e-9;
  // The fallback when the labels run past their limit: one label per node, the first settled
  // (the time-dependent Dijkstra that carries the arrival time of the cheapest label; not proven
  // optimal for money-like objectives).
  auto dominates = [&](double as, double at, double s, double t) {
    if (one_label) return as <= s + kEps * (1.0 + std::abs(s));
    if (by_time) return at <= t + kEps;
    return at <= t + kEps && as + omega * (t - at) <= s + kEps * (1.0 + std::abs(s));
  };
  std::size_t work = 0;  // list entries compared, a measure of the labels' cost
  auto push = [&](std::uint32_t idx, double s, double t, std::uint32_t pred, std::uint32_t arc,
                  double hold, std::uint32_t epoch) {
    auto& q = slots[idx];
    if (dominates(q.shat + omega * q.t, q.t, s, t)) return;
    // By time alone the quick test is complete (it holds the earliest label).
    if (!by_time || one_label)
      for (std::uint32_t x = slots[idx].settled; x != UINT32_MAX; x = labels[x].next, ++work)
        if (dominates(labels[x].s, labels[x].t, s, t)) return;
    const double shat = s - omega * t;
    if (t < q.t || (t == q.t && shat < q.shat)) {
      q.t = t;
      q.shat = shat;
    }
    // Pending labels: drop the new one if one dominates it (it is settled first, or a label that
    // dominates it is), drop those it dominates.
    std::uint32_t* link = &slots[idx].pending;
    while (*link != UINT32_MAX) {
      ++work;
      auto& o = labels[*link];
      if (dominates(o.s, o.t, s, t)) return;
      if (dominates(s, t, o.s, o.t))
        *link = o.next;
      else
        link = &o.next;
    }
    const auto id = static_cast<std::uint32_t>(labels.size());
    labels.push_back({s, t, hold, pred, arc, slots[idx].pending, epoch});
    slots[idx].pending = id;
    heap.push_or_decrease_if_less(idx, s + lb.at(idx / S));
  };
  for (const auto& st : starts)
    push(st.node * S + st.state, 0.0, st.t, UINT32_MAX, UINT32_MAX, 0.0, 0);
  std::uint32_t found = UINT32_MAX;
  const std::uint32_t* first_out = g.first_out.data();
  const std::uint32_t* heads = g.head.data();
  const Prepared::TdArc* td = p.td_arcs.data();
  const std::size_t work_limit =
      p.max_td_work ? p.max_td_work
                    : kWorkPerNode * static_cast<std::size_t>(g.node_count()) * S + 100000;
  while (!heap.empty()) {
    if (!one_label && labels.size() + work > work_limit) {
      heap.clear();
      auto approx = best_path_td(p, starts, bans, true);
      if (approx) approx->exact = false;
      return approx;
    }
    const std::uint32_t idx = heap.pop().second;
    if (slots[idx].pending == UINT32_MAX) continue;
    // Its cheapest pending label; the others wait for another turn.
    std::uint32_t* best_link = &slots[idx].pending;
    for (std::uint32_t* link = &labels[*best_link].next; *link != UINT32_MAX;
         link = &labels[*link].next, ++work)
      if (labels[*link].s < labels[*best_link].s) best_link = link;
    const std::uint32_t id = *best_link;
    *best_link = labels[id].next;
    if (slots[idx].pending != UINT32_MAX) {
      double next = labels[slots[idx].pending].s;
      for (std::uint32_t x = labels[slots[idx].pending].next; x != UINT32_MAX;
           x = labels[x].next, ++work)
        next = std::min(next, labels[x].s);
      heap.push_or_decrease(idx, next + lb.at(idx / S));
    }
    const double ls = labels[id].s, lt = labels[id].t;
    bool dominated = false;
    for (std::uint32_t x = slots[idx].settled; x != UINT32_MAX && !dominated;
         x = labels[x].next, ++work)
      dominated = dominates(labels[x].s, labels[x].t, ls, lt);
    if (dominated) continue;
    labels[id].next = slots[idx].settled;
    slots[idx].settled = id;
    const std::uint32_t v = idx / S;
    const std::uint32_t state = idx % S;
    if (p.is_target[v] && is_final_state(p, state)) {
      found = id;
      break;
    }
    const std::uint32_t epoch = p.tt.epoch_at(lt);
    for (std::uint32_t a = first_out[v], end = first_out[v + 1]; a < end; ++a) {
      const std::uint32_t head = heads[a];
      if (bans && (bans->arcs[a] || bans->nodes[head])) continue;
      const Prepared::TdArc x = td[a];
      // Without a state the static arcs need no other check: a forbidden one costs +infinity.
      if (stateless && x.scalar >= 0) {
        if (x.scalar < std::numeric_limits<double>::infinity())
          push(head, ls + x.scalar, lt + x.hours, id, a, 0.0, epoch);
        continue;
      }
      const std::uint32_t ns =
          stateless ? (p.allowed[a] ? 0u : UINT32_MAX) : transition(p, state, ArcId{a});
      if (ns == UINT32_MAX) continue;
      const std::uint32_t hidx = head * S + ns;
      if (x.scalar >= 0) {
        if (x.scalar < std::numeric_limits<double>::infinity())
          push(hidx, ls + x.scalar, lt + x.hours, id, a, 0.0, epoch);
        continue;
      }
      moves(p, a, lt, ws.mv);
      for (const auto& m : ws.mv)
        push(hidx, ls + m.scalar, lt + m.hold + m.hours, id, a, m.hold, m.epoch);
    }
  }
  heap.clear();
  if (found == UINT32_MAX) return std::nullopt;
  Path path = path_of(labels, found);
  path.weight = labels[found].s;
  return path;
}

}  // namespace caravan::route
