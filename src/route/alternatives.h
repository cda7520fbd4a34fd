// k distinct good routes: Yen's k-shortest loopless paths on the expanded graph, keeping only
// paths that differ from every route already kept: other links, and less than kMaxShared of
// their length on the links of a kept route (the limited-overlap criterion of alternative-route
// planners).
#pragma once
#include <vector>

#include "route/search.h"

namespace caravan::route {

inline constexpr double kMaxShared = 0.8;

// Up to k paths in increasing objective order, the first being best_path(p).
std::vector<Path> k_alternatives(const Prepared& p, int k, int max_spur_searches = 2000);

// The links of a path, in order (transfers left out): two routes are distinct if these differ.
std::vector<std::uint32_t> link_signature(const Prepared& p, const Path& path);
// The share of route a's link length (signatures) that runs on links of route b.
double shared_share(const Prepared& p, const std::vector<std::uint32_t>& a,
                    const std::vector<std::uint32_t>& b);

}  // namespace caravan::route
