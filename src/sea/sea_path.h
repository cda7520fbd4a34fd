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

}  // namespace caravan::sea
