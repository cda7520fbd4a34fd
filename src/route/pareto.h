// The exact non-dominated set over (cost, time, CO2, risk), by multi-criteria label setting.
#pragma once
#include <array>
#include <vector>

#include "route/search.h"

namespace caravan::route {

using Criteria = std::array<double, 4>;  // USD, hours, kg CO2, risk weight

Criteria criteria_of(const Prepared& p, const Path& path);
// a dominates b: no worse in every criterion (equal vectors count as dominated: kept once).
bool dominates(const Criteria& a, const Criteria& b);

struct ParetoResult {
  std::vector<Path> paths;  // ordered by cost
  bool truncated = false;   // the label limit was hit: the set may be incomplete
  std::size_t labels = 0;   // labels created, a measure of work
};

ParetoResult pareto_paths(const Prepared& p, std::size_t max_labels = 500000);

}  // namespace caravan::route
