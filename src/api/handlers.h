// The engine's operations as JSON in, JSON out: the one place where requests become engine calls,
// for the CLI and the HTTP server alike.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/request.h"
#include "core/result.h"
#include "network/network.h"

namespace caravan::api {

// Sampled transit times per route (hours), named, when a caller wants them (plots, CSV).
using SampleSeries = std::vector<std::pair<std::string, std::vector<double>>>;

// "reliability_samples" adds a Monte Carlo `reliability` object to each route.
Result<nlohmann::json> route(const network::Network& net, const nlohmann::json& request,
                             const Limits& limits = {}, SampleSeries* samples = nullptr);
// Variants: "avoid_sets" (a list of comma lists, "" or "none" for no extra avoidance) or, by
// default, the network's corridors.
Result<nlohmann::json> compare(const network::Network& net, const nlohmann::json& request,
                               const Limits& limits = {}, SampleSeries* samples = nullptr);
// Like route (or compare, with "corridors": true or "avoid_sets") with reliability always on
// (10,000 samples unless "reliability_samples" says otherwise).
Result<nlohmann::json> reliability(const network::Network& net, const nlohmann::json& request,
                                   const Limits& limits = {}, SampleSeries* samples = nullptr);
// "via": the location asked about.
Result<nlohmann::json> why_not(const network::Network& net, const nlohmann::json& request,
                               const Limits& limits = {});
// "q": the text typed; "limit": how many matches.
Result<nlohmann::json> locate(const network::Network& net, const nlohmann::json& request);
nlohmann::json network_info(const network::Network& net);

}  // namespace caravan::api
