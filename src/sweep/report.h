// What a sweep says, summed up for its report: cost and time per corridor by month, the share of
// cells each corridor wins, and each scenario's effect against the baseline of the same cell.
#pragma once
#include <string>
#include <vector>

#include "sweep/sweep.h"

namespace caravan::sweep {

struct CorridorMonth {
  std::string corridor;
  int month = 0;
  std::size_t cells = 0;
  double mean_cost_usd = 0, mean_days = 0;
};

struct Win {
  std::string corridor;
  std::size_t cells = 0;
  double share = 0;  // of the cells with a route
};

// A scenario against the baseline cell with the same shipment (origin, destination, commodity,
// tonnes, month, date, objective), best route against best route.
struct ScenarioEffect {
  std::string scenario;
  std::size_t pairs = 0;
  double mean_cost_change = 0, mean_days_change = 0;  // relative: 0.1 = +10%
  std::size_t route_changed = 0, lost = 0;            // best route differs; no route any more
};

struct Summary {
  std::size_t cells = 0, failed = 0, with_route = 0;
  std::vector<CorridorMonth> by_month;  // corridor, then month
  std::vector<Win> wins;                // most wins first
  std::vector<ScenarioEffect> scenarios;
};

// A corridor's name for a row: its label (compare sweeps name corridors), else the countries.
std::string corridor_of(const RouteRow& row);

Summary summarize(const std::vector<Record>& records);

}  // namespace caravan::sweep
