// Loads a network folder (docs/network-format.md) into network::Tables and a built Network.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/csv.h"
#include "network/network.h"

namespace caravan::io {

// Reads and validates every file of the folder; the first error names file, line and field.
Result<network::Tables> read_tables(const std::string& dir);
Result<network::Network> load_network(const std::string& dir);

// Appends rows to one table (`sources.csv`, `locations.csv`, `links.csv`, `transfers.csv`,
// `borders.csv`), checked as if they stood in that file; errors name `rows.file` and the row's
// line.
Status append_rows(network::Tables& tables, std::string_view table_name, const CsvTable& rows);

// The default embedded network folder: $CARAVAN_NETWORK, else the data/eurasia folder the binary
// was built with, else data/eurasia next to the executable's share folder.
std::string default_network_dir();

// Up to `n` candidates closest to `s` by edit distance on folded text.
std::vector<std::string> closest(const std::vector<std::string>& candidates, std::string_view s,
                                 std::size_t n = 3);

}  // namespace caravan::io
