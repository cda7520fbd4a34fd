// Corridor volumes by year as data (flows.csv of a network folder): the series the flows
// use-case (trade/flows.h) charts and extends.
#pragma once
#include <string>
#include <vector>

namespace caravan::network {

struct FlowPoint {
  int year = 0;
  double value = 0;
  std::string kind;  // actual | plan | target
  std::vector<std::string> sources;
  std::string note;
};

// One corridor in one unit (Mt, TEU, trains): a series.
struct FlowSeries {
  std::string corridor, unit;
  std::vector<FlowPoint> points;  // by year, then kind
};

}  // namespace caravan::network
