// A scenario: an overlay on a network read from a scenario file (docs/scenarios.md): changed
// tables (capacities, dwell, tariffs, new ports and links), query-time closures and rules, a
// departure month and subsidies per corridor.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "network/network.h"
#include "route/query.h"

namespace caravan::scenario {

struct Subsidy {
  std::string corridor;  // id in corridors.csv
  double usd_per_t = 0.0;
};

struct Scenario {
  std::string id;  // the file name without its extension
  std::string name, why, file;
  std::optional<int> month;
  network::Tables tables;    // the base tables with the overlay applied
  route::Constraints extra;  // closures and transit rules, applied to every query
  // Closures for one commodity only: applied to queries whose HS code starts with the prefix.
  std::vector<std::pair<std::string, route::Constraints>> by_commodity;
  std::vector<Subsidy> subsidies;
  int directives = 0;
};

// The constraints a scenario puts on a query for a commodity with this HS code (digits).
route::Constraints constraints_for(const Scenario& s, const std::string& hs);

// Applies the scenario text to a copy of `base`. Every error names `file`, the line and the field;
// an overlay that names something missing is an error.
Result<Scenario> apply(const network::Tables& base, std::string_view text, const std::string& file);
// Reads the file and applies it.
Result<Scenario> load(const network::Tables& base, const std::string& path);

}  // namespace caravan::scenario
