// Loads a network folder (docs/network-format.md) into network::Tables and a built Network.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "network/network.h"

namespace caravan::io {

// Reads and validates every file of the folder; the first error names file, line and field.
Result<network::Tables> read_tables(const std::string& dir);
Result<network::Network> load_network(const std::string& dir);

// The default embedded network folder: $CARAVAN_NETWORK, else the data/eurasia folder the binary
// was built with, else data/eurasia next to the executable's share folder.
std::string default_network_dir();

// Up to `n` candidates closest to `s` by edit distance on folded text.
std::vector<std::string> closest(const std::vector<std::string>& candidates, std::string_view s,
                                 std::size_t n = 3);

}  // namespace caravan::io
