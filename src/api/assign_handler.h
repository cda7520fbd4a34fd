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

// Checks a request and makes it concrete before it runs (a server answers bad ones at once, not
// as failed jobs): "demand" is the name of a CSV in the network's demand/ folder (default
// "demand"), or (local callers) a CSV file, and becomes its path; "capacity" may also be a list
// of "ID=TONNES_PER_YEAR"; "max_seconds" is capped by `max_seconds_cap` when it is > 0; "tntp"
// excludes the network's fields.
Result<nlohmann::json> prepare_assign(const std::string& network_dir, const nlohmann::json& request,
                                      bool local, double max_seconds_cap);
// A prepared request: the TNTP instance or the freight demand.
Result<nlohmann::json> assign(const network::Network* net, const nlohmann::json& prepared,
                              std::ostream* progress);

// Text and CSV (link volumes) of either result (assign_text.cpp).
std::string assign_text(const nlohmann::json& result);
std::string assign_csv(const nlohmann::json& result);

// The link volumes of an assign_freight result as GeoJSON (line width from volume).
nlohmann::json assign_geojson(const network::Network& net, const nlohmann::json& result);

}  // namespace caravan::api
