// Summing up a sweep (see report.h).
#include "sweep/report.h"

#include <algorithm>
#include <map>

namespace caravan::sweep {
namespace {

std::string shipment_key(const Cell& c) {
  Cell k = c;
  k.scenario.clear();
  k.index = 0;
  return k.key();
}

bool is_number(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

std::string corridor_of(const RouteRow& row) {
  if (!row.label.empty() && !is_number(row.label) && row.label != "best route") return row.label;
  return row.countries.empty() ? row.summary : row.countries;
}

Summary summarize(const std::vector<Record>& records) {
  Summary s;
  std::map<std::size_t, const Record*> best;  // cell -> its rank-1 row (or its only record)
  for (const auto& r : records) {
    auto& b = best[r.cell.index];
    if (!b || (r.route && r.route->rank == 1)) b = &r;
  }
  s.cells = best.size();
  std::map<std::pair<std::string, int>, CorridorMonth> months;
  std::map<std::string, std::size_t> wins;
  std::map<std::string, const Record*> baseline;  // shipment -> best record of the baseline
  for (const auto& [cell, r] : best) {
    if (r->status == "failed" || !r->route) {
      ++s.failed;
      continue;
    }
    ++s.with_route;
    ++wins[corridor_of(*r->route)];
    if (r->cell.scenario.empty() || r->cell.scenario == "baseline")
      baseline[shipment_key(r->cell)] = r;
  }
  // Cost and time by corridor and month: every route of every baseline cell.
  for (const auto& r : records) {
    if (!r.route || !(r.cell.scenario.empty() || r.cell.scenario == "baseline")) continue;
    auto& m = months[{corridor_of(*r.route), r.cell.month}];
    m.corridor = corridor_of(*r.route);
    m.month = r.cell.month;
    ++m.cells;
    m.mean_cost_usd += r.route->cost_usd;
    m.mean_days += r.route->days;
  }
  for (auto& [k, m] : months) {
    m.mean_cost_usd /= static_cast<double>(m.cells);
    m.mean_days /= static_cast<double>(m.cells);
    s.by_month.push_back(m);
  }
  for (const auto& [c, n] : wins)
    s.wins.push_back(
        {c, n, s.with_route ? static_cast<double>(n) / static_cast<double>(s.with_route) : 0});
  std::stable_sort(s.wins.begin(), s.wins.end(),
                   [](const Win& a, const Win& b) { return a.cells > b.cells; });
  std::map<std::string, ScenarioEffect> effects;
  for (const auto& [cell, r] : best) {
    if (r->cell.scenario.empty() || r->cell.scenario == "baseline") continue;
    const auto it = baseline.find(shipment_key(r->cell));
    if (it == baseline.end()) continue;
    auto& e = effects[r->cell.scenario];
    e.scenario = r->cell.scenario;
    ++e.pairs;
    if (!r->route) {
      ++e.lost;
      continue;
    }
    const auto& b = *it->second->route;
    e.mean_cost_change += b.cost_usd > 0 ? r->route->cost_usd / b.cost_usd - 1 : 0;
    e.mean_days_change += b.days > 0 ? r->route->days / b.days - 1 : 0;
    e.route_changed += r->route->summary != b.summary;
  }
  for (auto& [k, e] : effects) {
    const auto n = static_cast<double>(std::max<std::size_t>(1, e.pairs - e.lost));
    e.mean_cost_change /= n;
    e.mean_days_change /= n;
    s.scenarios.push_back(e);
  }
  return s;
}

}  // namespace caravan::sweep
