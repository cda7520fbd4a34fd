// Reads an origin-destination demand table (annual volumes per commodity) against a network:
// docs/assignment.md describes the CSV.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "network/network.h"

namespace caravan::io {

struct DemandRow {
  LocationId origin, destination;
  CommodityId commodity;
  double tonnes_per_year = 0.0;  // TEU figures are converted with the commodity's tonnes_per_teu
  std::string where;             // "demand.csv:12"
};

// Errors name file, line and field: unknown location or commodity, negative volume, a figure
// without a source, a source id not in the network's sources.csv.
Result<std::vector<DemandRow>> parse_demand(std::string_view text, const std::string& file,
                                            const network::Network& net);
Result<std::vector<DemandRow>> read_demand(const std::string& path, const network::Network& net);

}  // namespace caravan::io
