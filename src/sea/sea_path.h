// The shortest sea path between two sea nodes, by length, avoiding chosen passages (A* with the
// great-circle distance as its lower bound).
#pragma once
#include <optional>
#include <vector>

#include "sea/sea_network.h"

namespace caravan::sea {

struct SeaPath {
  std::vector<SeaNodeId> nodes;
  Km length;                        // along the lanes (geodesic)
  std::vector<PassageId> passages;  // in the order the path goes through them
};

// `avoid[p]`: lanes through passage p are not used (empty: none avoided). nullopt: no path.
std::optional<SeaPath> shortest_sea_path(const SeaNetwork& sea, SeaNodeId from, SeaNodeId to,
                                         const std::vector<bool>& avoid = {});

// The `k` targets nearest to `from` over the lanes (one Dijkstra, stopped once no other target can
// be nearer), nearest first. A target is a node and a distance of its own added to the lanes' (a
// port's snap to its node); `km` is the lanes' length plus it. Paths go from `from` to the target.
struct Reached {
  std::size_t target = 0;  // index into `targets`
  SeaPath path;
  double km = 0;
};
std::vector<Reached> nearest_by_sea(const SeaNetwork& sea, SeaNodeId from,
                                    const std::vector<std::pair<SeaNodeId, double>>& targets,
                                    std::size_t k, const std::vector<bool>& avoid = {});

}  // namespace caravan::sea
