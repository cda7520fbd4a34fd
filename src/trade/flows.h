// Corridor volumes by year (the embedded flows.csv: TITR, Aktau/Kuryk, Dostyk/Altynkol, the
// Caspian feeder ...), with a simple forecast per series and its uncertainty band.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "network/flows.h"

namespace caravan::trade {

using network::FlowPoint;
using network::FlowSeries;

struct ForecastPoint {
  int year = 0;
  double mid = 0, low = 0, high = 0;
};

// A log-linear trend fitted by least squares to the series' last actual years, with an 80%
// prediction interval (Student's t on the residuals): growth at a constant rate, a planner's
// first look, not a model of capacity.
struct FlowForecast {
  int fitted_from = 0, fitted_to = 0;
  std::size_t fitted = 0;      // actual points used
  double growth_per_year = 0;  // fitted, e.g. 0.35 = +35% a year
  std::vector<ForecastPoint> points;
};

struct FlowsRequest {
  std::vector<std::string> corridors;  // empty: all
  int horizon_years = 5;               // 1 to 15
  int fit_years = 8;                   // the last actual years fitted
};

struct FlowsResponse {
  struct Entry {
    FlowSeries series;
    std::optional<FlowForecast> forecast;
    std::string no_forecast;  // why not, when there is none
  };
  std::vector<Entry> series;
};

Result<FlowsResponse> run_flows(const std::vector<FlowSeries>& data, const FlowsRequest& request);

}  // namespace caravan::trade
