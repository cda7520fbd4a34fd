// The engine's operations as JSON in, JSON out: the one place where requests become engine calls,
// for the CLI and the HTTP server alike.
#pragma once
#include <nlohmann/json.hpp>

#include "api/request.h"
#include "core/result.h"
#include "network/network.h"

namespace caravan::api {

Result<nlohmann::json> route(const network::Network& net, const nlohmann::json& request,
                             const Limits& limits = {});
// Variants: "avoid_sets" (a list of comma lists, "" or "none" for no extra avoidance) or, by
// default, the network's corridors.
Result<nlohmann::json> compare(const network::Network& net, const nlohmann::json& request,
                               const Limits& limits = {});
// "via": the location asked about.
Result<nlohmann::json> why_not(const network::Network& net, const nlohmann::json& request,
                               const Limits& limits = {});
// "q": the text typed; "limit": how many matches.
Result<nlohmann::json> locate(const network::Network& net, const nlohmann::json& request);
nlohmann::json network_info(const network::Network& net);

}  // namespace caravan::api
