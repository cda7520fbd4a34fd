// Yen's algorithm over the node x state search.
#include "route/alternatives.h"

#include <algorithm>
#include <map>
#include <set>

namespace caravan::route {

std::vector<std::uint32_t> link_signature(const Prepared& p, const Path& path) {
  std::vector<std::uint32_t> sig;
  for (auto a : path.arcs) {
    const auto& arc = p.net->graph().arcs[a.value];
    if (arc.kind == network::ArcKind::Link) sig.push_back(arc.link * 2 + (arc.reverse ? 1 : 0));
  }
  return sig;
}

double link_km(const Prepared& p, const std::vector<std::uint32_t>& signature) {
  double km = 0;
  for (auto s : signature) km += p.net->link(LinkId{s / 2}).km.value;
  return km;
}

double shared_share(const Prepared& p, const std::vector<std::uint32_t>& a,
                    const std::vector<std::uint32_t>& b) {
  const double total = link_km(p, a);
  if (total <= 0) return 1.0;
  double shared = 0;
  for (auto x : a)  // a link in either direction counts as the same track
    if (std::any_of(b.begin(), b.end(), [&](std::uint32_t y) { return y / 2 == x / 2; }))
      shared += p.net->link(LinkId{x / 2}).km.value;
  return shared / total;
}

std::vector<Path> k_alternatives(const Prepared& p, int k, int max_spur_searches) {
  std::vector<Path> accepted;  // every Yen path, distinct or not
  std::vector<Path> kept;
  std::set<std::vector<std::uint32_t>> kept_signatures;
  auto first = best_path(p);
  if (!first || k <= 0) return kept;
  const auto& g = p.net->graph();
  std::multimap<double, Path> candidates;
  std::set<std::vector<std::uint32_t>> seen;  // arc sequences already produced
  auto arc_key = [](const Path& path) {
    std::vector<std::uint32_t> key;
    for (auto a : path.arcs) key.push_back(a.value);
    return key;
  };
  seen.insert(arc_key(*first));
  candidates.emplace(first->weight, *first);
  int searches = 0;
  Bans bans;
  while (!candidates.empty() && static_cast<int>(kept.size()) < k) {
    Path path = candidates.begin()->second;
    candidates.erase(candidates.begin());
    accepted.push_back(path);
    // Kept when it is a different route: not the same links, and less than kMaxShared of its
    // length on the links of a route already kept (limited overlap).
    const auto sig = link_signature(p, path);
    const bool distinct = !kept_signatures.count(sig) &&
                          std::all_of(kept.begin(), kept.end(), [&](const Path& other) {
                            return shared_share(p, sig, link_signature(p, other)) < kMaxShared;
                          });
    if (distinct) {
      kept_signatures.insert(sig);
      kept.push_back(path);
    }
    if (static_cast<int>(kept.size()) >= k) break;
    // Spur from every position of the newly accepted path, at the time the cargo gets there.
    std::uint32_t state = p.start_state;
    double root_weight = 0;
    const auto timed = timed_arcs(p, path);
    for (std::size_t i = 0; i < path.arcs.size() && searches < max_spur_searches; ++i) {
      bans.arcs.assign(g.arc_count(), 0);
      bans.nodes.assign(g.node_count(), 0);
      for (const auto& q : accepted)
        if (q.arcs.size() > i &&
            std::equal(path.arcs.begin(), path.arcs.begin() + i, q.arcs.begin()))
          bans.arcs[q.arcs[i].value] = 1;
      for (std::size_t j = 0; j < i; ++j) bans.nodes[g.arcs[path.arcs[j].value].tail.value] = 1;
      std::vector<Start> starts;
      if (i == 0) {
        for (auto s : p.sources) starts.push_back({s, p.start_state});
      } else {
        starts.push_back({g.arcs[path.arcs[i].value].tail.value, state, timed[i].reach});
      }
      ++searches;
      if (auto spur = best_path(p, starts, &bans)) {
        Path cand;
        cand.arcs.assign(path.arcs.begin(), path.arcs.begin() + i);
        cand.arcs.insert(cand.arcs.end(), spur->arcs.begin(), spur->arcs.end());
        if (p.time_dependent()) {  // time-dependent: the root's holds and epochs, then the spur's
          for (std::size_t j = 0; j < i; ++j) {
            cand.hold.push_back(timed[j].hold);
            cand.epoch.push_back(timed[j].epoch);
          }
          cand.hold.insert(cand.hold.end(), spur->hold.begin(), spur->hold.end());
          cand.epoch.insert(cand.epoch.end(), spur->epoch.begin(), spur->epoch.end());
        }
        cand.weight = root_weight + spur->weight;
        if (seen.insert(arc_key(cand)).second) candidates.emplace(cand.weight, std::move(cand));
      }
      root_weight +=
          scalar_weight(timed[i].w, p.query.objective, p.query.value_of_time_usd_per_hour);
      state = transition(p, state, path.arcs[i]);
    }
  }
  return kept;
}

}  // namespace caravan::route
