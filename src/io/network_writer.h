// Writes network tables as a network folder in the documented format (docs/network-format.md):
// the CSV files and network.json, so that `--network DIR` reads them back.
#pragma once
#include <string>

#include "core/result.h"
#include "network/network.h"

namespace caravan::io {

// Writes the folder's files (creating the folder); an existing file of the format is replaced.
// Written: sources, countries, chokepoints, emission_classes, locations, commodities, links,
// transfers and borders (.csv), and network.json.
Status write_network(const network::Tables& tables, const std::string& dir);

}  // namespace caravan::io
