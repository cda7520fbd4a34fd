// Turns the multimodal network and a table of annual demand per commodity into an assignment
// problem: one class per commodity, arcs of the expanded graph as links, capacity points (links,
// ports, border crossings with an annual capacity) with volume-dependent delay.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assign/problem.h"
#include "assign/solver.h"
#include "core/ids.h"
#include "network/network.h"

namespace caravan::assign {

struct FreightDemand {
  LocationId origin, destination;
  CommodityId commodity;
  double tonnes_per_year = 0.0;
};

struct FreightParams {
  // Delay of a queue at half its capacity, hours (ferries, ports, border crossings).
  double queue_scale_hours = 24.0;
  double bpr_b = 0.15, bpr_power = 4.0;   // rail and road links with a capacity
  double tonnes_per_teu_capacity = 10.0;  // TEU capacities to tonnes (general-container payload)
  // Value of time on top of the carrying cost: 0.6% of the goods' value per day (see routing.md).
  double value_of_time_share_per_day = 0.006;
  // Capacity overrides, tonnes per year, by capacity-point id (see CapacityPoint::id) or by
  // location id (every capacity point at that location).
  std::vector<std::pair<std::string, double>> capacity_overrides;
};

// A place where volume meets a capacity.
struct CapacityPoint {
  std::string id;       // link id, "FROM>TO" for a border, "LOC:from_layer>to_layer" for a transfer
  std::string kind;     // "link", "border", "port"
  LocationId location;  // a port's or border's location (the link's `from` for links)
  std::vector<std::uint32_t> links;  // problem links that share this capacity (one per direction)
  double capacity_tpy = 0.0;
};

struct FreightModel {
  Problem problem;
  std::uint32_t zone_count = 0;       // problem nodes 0..zone_count-1 are locations' zones
  std::vector<std::uint32_t> arc_of;  // per problem link: the graph arc, or UINT32_MAX (connector)
  std::vector<CapacityPoint> points;
  std::vector<CommodityId> class_commodity;
  std::vector<double> value_of_time;  // per class, USD per tonne-hour (as in problem.classes)
};

// Builds the model. Demand with no usable route still becomes demand (solve() lists it as
// unserved). Errors: an override naming no capacity point, a non-positive capacity.
Result<FreightModel> build_freight_model(const network::Network& net,
                                         const std::vector<FreightDemand>& demand,
                                         const FreightParams& params);

// Per capacity point after a solve: volume, volume/capacity, added delay, and the marginal value
// of capacity: the saving in total generalised cost (USD/yr) per extra tonne/yr of capacity with
// flows held fixed (exact at the system optimum; a first-order estimate at user equilibrium).
struct Bottleneck {
  std::size_t point = 0;
  double volume = 0.0, ratio = 0.0, delay_hours = 0.0, marginal_usd_per_tonne = 0.0;
};
std::vector<Bottleneck> bottlenecks(const FreightModel& model, const Solution& s);

// Total generalised cost of a solution in USD per year: money plus value of time x hours.
double total_cost_usd(const FreightModel& model, const Solution& s);

}  // namespace caravan::assign
