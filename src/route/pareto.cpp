// Multi-criteria label setting (Martins' algorithm) with lexicographic label order.
#include "route/pareto.h"

#include <algorithm>
#include <queue>
#include <unordered_map>

#include "route/td_search.h"

namespace caravan::route {

Criteria criteria_of(const Prepared& p, const Path& path) {
  Criteria c{0, 0, 0, p.start_risk};
  for (const auto& ta : timed_arcs(p, path)) {
    const auto& w = ta.w;
    c[0] += w.cost().value;
    c[1] += w.hours().value;
    c[2] += w.co2.value;
    c[3] += w.risk;
  }
  return c;
}

bool dominates(const Criteria& a, const Criteria& b) {
  for (int i = 0; i < 4; ++i)
    if (a[i] > b[i]) return false;
  return true;
}

ParetoResult pareto_paths(const Prepared& p, std::size_t max_labels) {
  struct Label {
    Criteria c;
    std::uint32_t node, state, pred, arc;
    bool dead;
    double hold = 0;
    std::uint32_t epoch = 0;
  };
  // Time-dependent: the cargo may be held (hours and inventory), so a label dominates another at
  // the same node when it arrives no later and, held until the other arrives, is no worse.
  const bool td = p.time_dependent();
  const double rate = p.tt.hold_usd_per_hour;
  auto bag_dominates = [&](const Criteria& a, const Criteria& b) {
    if (!td) return dominates(a, b);
    const double wait = b[1] - a[1];
    return wait >= 0 && a[0] + rate * wait <= b[0] && a[2] <= b[2] && a[3] <= b[3];
  };
  std::vector<Move> mv;
  const auto& g = p.net->graph();
  const std::uint64_t S = p.states();
  std::vector<Label> labels;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> bags;
  std::vector<std::uint32_t> results;
  auto cmp = [&](std::uint32_t x, std::uint32_t y) { return labels[x].c > labels[y].c; };
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, decltype(cmp)> heap(cmp);
  ParetoResult out;

  auto insert = [&](Label l) {
    for (auto r : results)
      if (dominates(labels[r].c, l.c)) return;
    auto& bag = bags[l.node * S + l.state];
    for (auto id : bag)
      if (bag_dominates(labels[id].c, l.c)) return;
    std::erase_if(bag, [&](std::uint32_t id) {
      if (bag_dominates(l.c, labels[id].c)) {
        labels[id].dead = true;
        return true;
      }
      return false;
    });
    const auto id = static_cast<std::uint32_t>(labels.size());
    labels.push_back(l);
    bag.push_back(id);
    heap.push(id);
  };

  for (auto s : p.sources)
    insert(Label{{0, 0, 0, p.start_risk}, s, p.start_state, UINT32_MAX, UINT32_MAX, false});
  while (!heap.empty()) {
    const auto id = heap.top();
    heap.pop();
    if (labels[id].dead) continue;
    if (labels.size() > max_labels) {
      out.truncated = true;
      break;
    }
    const Label l = labels[id];
    if (p.is_target[l.node] && is_final_state(p, l.state)) {
      bool dominated = false;
      for (auto r : results) dominated = dominated || dominates(labels[r].c, l.c);
      if (!dominated) results.push_back(id);
      continue;
    }
    for (std::uint32_t a = g.first_out[l.node]; a < g.first_out[l.node + 1]; ++a) {
      const std::uint32_t ns = transition(p, l.state, ArcId{a});
      if (ns == UINT32_MAX) continue;
      if (!td) {
        const auto& w = p.weights[a];
        insert(Label{{l.c[0] + w.cost().value, l.c[1] + w.hours().value, l.c[2] + w.co2.value,
                      l.c[3] + w.risk},
                     g.arcs[a].head.value,
                     ns,
                     id,
                     a,
                     false});
        continue;
      }
      moves(p, a, l.c[1], mv, true);
      for (const auto& m : mv) {
        const auto& w = weights_at(p, ArcId{a}, m.epoch);
        insert(Label{{l.c[0] + w.cost().value + rate * m.hold, l.c[1] + m.hold + w.hours().value,
                      l.c[2] + w.co2.value, l.c[3] + w.risk},
                     g.arcs[a].head.value,
                     ns,
                     id,
                     a,
                     false,
                     m.hold,
                     m.epoch});
      }
    }
  }
  out.labels = labels.size();
  for (auto res : results) {
    Path path = path_of(labels, res);
    if (!td) {
      path.hold.clear();
      path.epoch.clear();
    }
    path.weight = labels[res].c[0];
    out.paths.push_back(std::move(path));
  }
  std::sort(out.paths.begin(), out.paths.end(),
            [](const Path& a, const Path& b) { return a.weight < b.weight; });
  return out;
}

}  // namespace caravan::route
