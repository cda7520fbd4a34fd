// Baseline-versus-scenario runs of one shipment: each corridor (or the best route) on the base
// network and under each scenario, with subsidies, optional Monte Carlo reliability, and the
// differences in cost, time, CO2, risk and route.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "route/planner.h"
#include "scenario/scenario.h"
#include "sim/monte_carlo.h"

namespace caravan::scenario {

struct ComparisonRequest {
  route::PlanRequest plan;
  bool corridors = true;  // each corridor; false: the best route only
  std::optional<sim::ReliabilityRequest> reliability;
  std::vector<Scenario> scenarios;  // at least one
};

struct VariantRun {
  route::Variant variant;
  std::optional<route::Itinerary> route;
  std::string no_route_reason;
  Usd subsidy{0};  // paid to this route by the scenario's subsidies (USD for the shipment)
  std::optional<sim::ReliabilityResult> reliability;
  Usd cost() const { return route ? route->cost() - subsidy : Usd{0}; }
};

struct Run {
  std::string id = "baseline", name = "baseline", why, file;  // the scenario's
  std::optional<int> month;                                   // the scenario's departure month
  // The network the run was planned on (the baseline's does not own `base`).
  std::shared_ptr<const network::Network> network;
  route::PlanRequest plan;  // the query with the scenario's constraints
  std::vector<VariantRun> variants;
};

struct Difference {
  std::string scenario;     // its id
  std::size_t run = 0;      // index into the runs (1..: the scenario's run)
  std::size_t variant = 0;  // index into the runs' variants
  bool had_route = false, has_route = false;
  Usd cost_delta{0};
  Hours hours_delta{0};
  double co2_kg_delta = 0, risk_delta = 0;
  std::optional<double> p50_hours_delta, p90_hours_delta;  // with reliability
  bool route_changed = false;
};

struct ComparisonResponse {
  std::vector<Run> runs;  // the baseline first, then one per scenario in order
  std::vector<Difference> differences;
};

// Errors: no scenario given; a scenario's network does not build (named by its file).
Result<ComparisonResponse> run_comparison(const network::Network& base,
                                          const ComparisonRequest& request);

}  // namespace caravan::scenario
