// Monte Carlo reliability of an itinerary: sampled transit times with month-dependent dwell and
// wait distributions and disruption events (delays, or closures that force a reroute).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "route/itinerary.h"
#include "route/planner.h"
#include "route/search.h"

namespace caravan::sim {

struct ReliabilityOptions {
  int samples = 10000;
  int month = 1;  // departure month; the day is uniform within it (0: within the whole year)
  std::optional<double> day_of_year;  // a departure date: its day (0..364) instead
  std::uint64_t seed = 1;
  std::optional<double> deadline_hours;  // for on-time probability and lateness penalties
  double penalty_usd_per_day = 0.0;      // per day late past the deadline
  double carrying_usd_per_hour = 0.0;    // value x annual rate / 8760: the cost of an hour late
  network::Handling handling = network::Handling::Container;  // picks the transfer rows' dwell
  int threads = 0;  // 0: all hardware threads; the result does not depend on it
  bool keep_samples = false;
};

struct ReliabilityResult {
  int samples = 0;
  double planned_hours = 0.0;  // the itinerary's mean-based time
  double mean_hours = 0.0, p50_hours = 0.0, p90_hours = 0.0, p95_hours = 0.0, max_hours = 0.0;
  double on_time_probability = 1.0;      // P(time <= deadline), 1 without a deadline
  double disruption_probability = 0.0;   // P(at least one disruption event hit)
  double reroute_probability = 0.0;      // P(a closure forced another route)
  double expected_delay_cost_usd = 0.0;  // carrying cost of time beyond plan + lateness penalty
  std::vector<double> hours;             // every sample, in sample order (keep_samples)
  std::uint64_t legs_sampled = 0;        // arcs sampled, a measure of work
};

// The reliability part of a route request.
struct ReliabilityRequest {
  int samples = 10000;
  std::uint64_t seed = 1;
  std::optional<double> deadline_days;
  double penalty_usd_per_day = 0.0;
};

// The sampling options for a route of this shipment: departure month or date (none: any day of
// the year),
// carrying cost of an hour, handling class, deadline and penalty.
ReliabilityOptions options_for(const route::PlanRequest& plan, const ReliabilityRequest& rel,
                               bool keep_samples = false);

// Samples `options.samples` journeys of `itinerary` (a path of `prepared`). Deterministic in the
// seed.
Result<ReliabilityResult> reliability(const route::Prepared& prepared,
                                      const route::Itinerary& itinerary,
                                      const ReliabilityOptions& options);

}  // namespace caravan::sim
