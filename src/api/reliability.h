// The reliability part of requests ("reliability_samples", "seed", "deadline_days",
// "penalty_usd_per_day") and its JSON: Monte Carlo transit times for each route.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "api/request.h"
#include "route/planner.h"
#include "sim/monte_carlo.h"

namespace caravan::api {

using sim::ReliabilityRequest;

// nullopt when the request asks for no reliability (`required`: the samples default to 10,000).
Result<std::optional<ReliabilityRequest>> parse_reliability(Fields& f, bool required,
                                                            const Limits& limits);

// Samples the route and returns the `reliability` object; `samples` receives every sampled time.
Result<nlohmann::json> reliability_json(const route::PlanRequest& r, const route::Prepared& p,
                                        const route::Itinerary& it, const ReliabilityRequest& rel,
                                        std::vector<double>* samples = nullptr);
// The `reliability` object of a sampled route.
nlohmann::json reliability_json(const sim::ReliabilityResult& res, const ReliabilityRequest& rel,
                                int month);

// A CDF plot of sampled transit times (days), one curve per named series, as an SVG document:
// `subtitle` under the title (origin, destination, departure, samples); colour-blind-safe colours
// (Okabe-Ito); the legend under the chart, where it covers no curve; a curve identical to an
// earlier one is named as such.
std::string cdf_svg(const std::vector<std::pair<std::string, std::vector<double>>>& series_hours,
                    std::optional<double> deadline_days, const std::string& subtitle = "");

}  // namespace caravan::api
