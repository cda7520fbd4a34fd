// k distinct good routes: Yen's k-shortest loopless paths on the expanded graph, keeping only
// paths whose sequence of links differs from every route already kept.
#pragma once
#include <vector>

#include "route/search.h"

namespace caravan::route {

// Up to k paths in increasing objective order, the first being best_path(p).
std::vector<Path> k_alternatives(const Prepared& p, int k, int max_spur_searches = 2000);

// The links of a path, in order (transfers left out): two routes are distinct if these differ.
std::vector<std::uint32_t> link_signature(const Prepared& p, const Path& path);

}  // namespace caravan::route
