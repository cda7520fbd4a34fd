// A* over the sea lanes.
#include "sea/sea_path.h"

#include <algorithm>
#include <cmath>

#include "core/node_heap.h"

namespace caravan::sea {

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

}  // namespace caravan::sea
