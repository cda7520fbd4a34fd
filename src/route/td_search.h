// The time-dependent search (route/timetable.h), called by best_path when the query has rows of
// time-dependent weights, and the path read back from a search's labels.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "route/search.h"

namespace caravan::route {

// Exact label setting over (scalar, arrival time) with holds; past its work limit it runs again
// keeping one label per node (`one_label`) and marks the path not exact.
std::optional<Path> best_path_td(const Prepared& p, const std::vector<Start>& starts,
                                 const Bans* bans, bool one_label = false);

// The path that ends at label `last`, read back through the labels' `pred` (labels with `arc`,
// `hold` and `epoch`; the first label's arc is UINT32_MAX). Its weight is left to the caller.
template <class Labels>
Path path_of(const Labels& labels, std::uint32_t last) {
  Path path;
  for (std::uint32_t id = last; labels[id].arc != UINT32_MAX; id = labels[id].pred) {
    path.arcs.push_back(ArcId{labels[id].arc});
    path.hold.push_back(labels[id].hold);
    path.epoch.push_back(labels[id].epoch);
  }
  std::reverse(path.arcs.begin(), path.arcs.end());
  std::reverse(path.hold.begin(), path.hold.end());
  std::reverse(path.epoch.begin(), path.epoch.end());
  return path;
}

}  // namespace caravan::route
