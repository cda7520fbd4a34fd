// Scenario names resolved to scenario files: a path, a name in the network's scenarios/ folder,
// or "all"; shared by the CLI and the HTTP server.
#pragma once
#include <string>
#include <vector>

#include "core/result.h"
#include "network/network.h"
#include "scenario/scenario.h"

namespace caravan::api {

// Every name is a file path, the stem of a file in <network_dir>/scenarios/, or "all" (every
// .scenario file there, sorted). With `library_only` a path is not accepted (HTTP clients).
Result<std::vector<scenario::Scenario>> load_scenarios(const network::Network& net,
                                                       const std::string& network_dir,
                                                       const std::vector<std::string>& names,
                                                       bool library_only = false);

// The stems of the .scenario files in the network's scenarios/ folder, sorted.
std::vector<std::string> scenario_names(const std::string& network_dir);

}  // namespace caravan::api
