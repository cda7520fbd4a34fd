// Corridor volumes and their trend forecast (see flows.h).
#include "trade/flows.h"

#include <algorithm>
#include <cmath>

namespace caravan::trade {
namespace {

// Two-sided 80% Student t quantiles (0.90) by degrees of freedom; 1.282 beyond.
double t80(std::size_t df) {
  constexpr double kT[] = {0, 3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372};
  return df < std::size(kT) ? kT[df] : 1.282 + 1.0 / static_cast<double>(df);
}

std::optional<FlowForecast> forecast(const FlowSeries& s, const FlowsRequest& rq,
                                     std::string& why) {
  std::vector<const FlowPoint*> actual;
  for (const auto& p : s.points)
    if (p.kind == "actual" && p.value > 0) actual.push_back(&p);
  // One value per year (the first listed), the last fit_years of them.
  std::vector<std::pair<double, double>> xy;
  for (const auto* p : actual)
    if (xy.empty() || xy.back().first != p->year) xy.emplace_back(p->year, std::log(p->value));
  if (xy.size() > static_cast<std::size_t>(rq.fit_years))
    xy.erase(xy.begin(), xy.end() - rq.fit_years);
  if (xy.size() < 3) {
    why = "fewer than 3 actual years (" + std::to_string(xy.size()) + "): no trend is fitted";
    return std::nullopt;
  }
  const double n = static_cast<double>(xy.size());
  double mx = 0, my = 0;
  for (const auto& [x, y] : xy) mx += x / n, my += y / n;
  double sxx = 0, sxy = 0;
  for (const auto& [x, y] : xy) sxx += (x - mx) * (x - mx), sxy += (x - mx) * (y - my);
  const double b = sxy / sxx, a = my - b * mx;
  double sse = 0;
  for (const auto& [x, y] : xy) sse += (y - a - b * x) * (y - a - b * x);
  const std::size_t df = xy.size() - 2;
  const double sd = std::sqrt(sse / static_cast<double>(df));
  FlowForecast f;
  f.fitted = xy.size();
  f.fitted_from = static_cast<int>(xy.front().first);
  f.fitted_to = static_cast<int>(xy.back().first);
  f.growth_per_year = std::exp(b) - 1;
  for (int k = 1; k <= rq.horizon_years; ++k) {
    const double x = f.fitted_to + k;
    const double y = a + b * x;
    const double half = t80(df) * sd * std::sqrt(1 + 1 / n + (x - mx) * (x - mx) / sxx);
    f.points.push_back({static_cast<int>(x), std::exp(y), std::exp(y - half), std::exp(y + half)});
  }
  return f;
}

}  // namespace

Result<FlowsResponse> run_flows(const std::vector<FlowSeries>& data, const FlowsRequest& rq) {
  if (rq.horizon_years < 1 || rq.horizon_years > 15)
    return make_error(ErrorCode::InvalidRequest, "horizon must be from 1 to 15 years", "horizon");
  if (rq.fit_years < 3 || rq.fit_years > 30)
    return make_error(ErrorCode::InvalidRequest, "fit_years must be from 3 to 30", "fit_years");
  for (const auto& c : rq.corridors)
    if (std::none_of(data.begin(), data.end(),
                     [&](const FlowSeries& s) { return s.corridor == c; })) {
      std::vector<std::string> known;
      for (const auto& s : data)
        if (std::find(known.begin(), known.end(), s.corridor) == known.end())
          known.push_back(s.corridor);
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return make_error(ErrorCode::NotFound,
                        "no flows for corridor '" + c + "' (known: " + list + ")", "corridor");
    }
  FlowsResponse out;
  for (const auto& s : data) {
    if (!rq.corridors.empty() &&
        std::find(rq.corridors.begin(), rq.corridors.end(), s.corridor) == rq.corridors.end())
      continue;
    FlowsResponse::Entry e;
    e.series = s;
    e.forecast = forecast(s, rq, e.no_forecast);
    out.series.push_back(std::move(e));
  }
  return out;
}

}  // namespace caravan::trade
