// Reading flows.csv of a network folder: corridor volumes by year, each figure with its source
// (ids of the folder's sources.csv).
#pragma once
#include <string>
#include <vector>

#include "core/result.h"
#include "network/flows.h"
#include "network/network.h"

namespace caravan::io {

// The series of `dir`/flows.csv, grouped by corridor and unit, by year; an empty list when the
// folder has no flows.csv. Errors name the file, line and field.
Result<std::vector<network::FlowSeries>> read_flows(const std::string& dir,
                                                    const network::Network& net);

}  // namespace caravan::io
