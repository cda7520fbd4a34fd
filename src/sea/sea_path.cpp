// A* over the sea lanes.
#include "sea/sea_path.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/node_heap.h"

namespace caravan::sea {
namespace {

// The path from `from` to `to` that the search's arrays hold: nodes, length, and the passages in
// the order it goes through them.
SeaPath path_to(const SeaNetwork& sea, SeaNodeId from, SeaNodeId to,
                const std::vector<double>& dist, const std::vector<std::uint32_t>& via,
                const std::vector<std::uint32_t>& parent) {
  SeaPath path;
  path.length = Km{dist[to.value]};
  std::vector<std::uint32_t> arcs;
  for (auto v = to.value; v != from.value; v = parent[v]) arcs.push_back(via[v]);
  std::reverse(arcs.begin(), arcs.end());
  path.nodes.push_back(from);
  for (auto k : arcs) {
    path.nodes.push_back(sea.head(k));
    const auto p = sea.passage(k);
    if (p == SeaNetwork::kNoPassage) continue;
    if (path.passages.empty() || path.passages.back().value != p)
      path.passages.push_back(PassageId{p});
  }
  return path;
}

}  // namespace

std::optional<SeaPath> shortest_sea_path(const SeaNetwork& sea, SeaNodeId from, SeaNodeId to,
                                         const std::vector<bool>& avoid) {
  const auto n = sea.node_count();
  // Lane lengths are geodesic on the WGS84 ellipsoid; the spherical great circle can exceed them
  // by up to about 0.5%, so the bound is scaled to stay below.
  constexpr double kBoundScale = 0.99;
  const LatLon goal = sea.position(to);
  auto bound = [&](SeaNodeId v) { return kBoundScale * great_circle(sea.position(v), goal).value; };
  std::vector<double> dist(n, INFINITY);
  std::vector<std::uint32_t> via(n, UINT32_MAX);     // the arc that reached each node
  std::vector<std::uint32_t> parent(n, UINT32_MAX);  // and the node it left
  std::vector<bool> done(n, false);
  NodeHeap heap(n);
  dist[from.value] = 0;
  heap.push_or_decrease(from.value, bound(from));
  bool found = false;
  while (!heap.empty()) {
    const auto [key, u] = heap.pop();
    if (u == to.value) {
      found = true;
      break;
    }
    done[u] = true;
    for (auto k = sea.first_arc(SeaNodeId{u}); k < sea.end_arc(SeaNodeId{u}); ++k) {
      const auto p = sea.passage(k);
      if (p != SeaNetwork::kNoPassage && p < avoid.size() && avoid[p]) continue;
      const auto v = sea.head(k).value;
      if (done[v]) continue;
      const double d = dist[u] + sea.length(k).value;
      if (d >= dist[v]) continue;
      dist[v] = d;
      via[v] = k;
      parent[v] = u;
      heap.push_or_decrease(v, d + bound(SeaNodeId{v}));
    }
  }
  if (!found) return std::nullopt;
  return path_to(sea, from, to, dist, via, parent);
}

std::vector<Reached> nearest_by_sea(const SeaNetwork& sea, SeaNodeId from,
                                    const std::vector<std::pair<SeaNodeId, double>>& targets,
                                    std::size_t k, const std::vector<bool>& avoid) {
  const auto n = sea.node_count();
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> at;  // node -> targets there
  for (std::size_t i = 0; i < targets.size(); ++i) at[targets[i].first.value].push_back(i);
  std::vector<double> dist(n, INFINITY);
  std::vector<std::uint32_t> via(n, UINT32_MAX), parent(n, UINT32_MAX);
  NodeHeap heap(n);
  dist[from.value] = 0;
  heap.push_or_decrease(from.value, 0);
  std::vector<Reached> out;
  double kth = INFINITY;  // the k-th smallest km found: a target further out cannot beat it
  while (!heap.empty()) {
    const auto [d, u] = heap.pop();
    if (d >= kth) break;  // targets' own distances are never negative
    if (const auto it = at.find(u); it != at.end()) {
      const auto path = path_to(sea, from, SeaNodeId{u}, dist, via, parent);
      for (const auto t : it->second) out.push_back({t, path, d + targets[t].second});
      if (out.size() >= k) {
        std::vector<double> km;
        for (const auto& r : out) km.push_back(r.km);
        std::nth_element(km.begin(), km.begin() + static_cast<long>(k - 1), km.end());
        kth = km[k - 1];
      }
    }
    for (auto a = sea.first_arc(SeaNodeId{u}); a < sea.end_arc(SeaNodeId{u}); ++a) {
      const auto p = sea.passage(a);
      if (p != SeaNetwork::kNoPassage && p < avoid.size() && avoid[p]) continue;
      const auto v = sea.head(a).value;
      const double nd = d + sea.length(a).value;
      if (nd >= dist[v]) continue;
      dist[v] = nd;
      via[v] = a;
      parent[v] = u;
      heap.push_or_decrease(v, nd);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.km < b.km; });
  if (out.size() > k) out.resize(k);
  return out;
}

}  // namespace caravan::sea
