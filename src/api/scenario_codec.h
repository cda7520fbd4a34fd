// Runs a shipment (or the corridor comparison) under a baseline and one or more scenarios and
// reports the differences: cost, P50 and P90 time, CO2, risk and the chosen route per corridor.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/request.h"
#include "core/result.h"
#include "network/network.h"
#include "scenario/scenario.h"

namespace caravan::api {

// `request`: the shipment fields of route, plus "corridors" (default true: each corridor; false:
// the best route only) and the reliability fields ("reliability_samples" etc.).
Result<nlohmann::json> run_scenarios(const network::Network& base, const nlohmann::json& request,
                                     const std::vector<scenario::Scenario>& scenarios,
                                     const Limits& limits = {});

// Text table of the differences, and a grouped bar chart (SVG) of cost and time per corridor.
std::string scenario_table(const nlohmann::json& result);
std::string scenario_svg(const nlohmann::json& result);

}  // namespace caravan::api
