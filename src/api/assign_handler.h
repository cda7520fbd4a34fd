// Assignment requests as JSON: TNTP benchmark instances and annual freight demand on a network,
// solved by assign::solve, with link volumes, corridor figures and the bottleneck report.
#pragma once
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "assign/freight_model.h"
#include "assign/solver.h"
#include "core/result.h"
#include "io/tntp.h"
#include "network/network.h"

namespace caravan::api {

// A TNTP instance as a one-class problem: link cost = BPR time + toll and distance weighted by
// the README's generalised-cost factors. Node i of the file is node i-1.
assign::Problem tntp_problem(const io::TntpInstance& inst);

// Common request fields: "algorithm" (b|fw|cfw|bfw|aon), "objective" (ue|so), "gap",
// "max_iterations", "max_seconds". `progress` (may be null) receives one line per iteration.
Result<assign::Options> parse_assign_options(const nlohmann::json& request);

// {"tntp": folder, ...options}: solves the benchmark instance and compares with its published
// objective and best-known flows.
Result<nlohmann::json> assign_tntp(const nlohmann::json& request, std::ostream* progress = nullptr);

// {"demand": CSV path, "capacity": {"link-or-point-id": value, ...}, "queue_scale_hours": h,
//  ...options} on the network: volumes, v/c, delays, costs per corridor, bottlenecks; with
// "capacity" overrides also the base case and the change in total cost and corridor shares.
Result<nlohmann::json> assign_freight(const network::Network& net, const nlohmann::json& request,
                                      std::ostream* progress = nullptr);

// The link volumes of an assign_freight result as GeoJSON (line width from volume).
nlohmann::json assign_geojson(const network::Network& net, const nlohmann::json& result);

}  // namespace caravan::api
