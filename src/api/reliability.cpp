// Reliability requests, results and plots.
#include "api/reliability.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/text.h"
#include "sim/monte_carlo.h"

namespace caravan::api {
using nlohmann::json;

Result<std::optional<ReliabilityRequest>> parse_reliability(Fields& f, bool required,
                                                            const Limits& limits) {
  auto samples = f.opt_int("reliability_samples", 1, limits.max_samples);
  if (!samples) return samples.error();
  auto seed = f.opt_num("seed", 0, 9007199254740992.0);
  if (!seed) return seed.error();
  auto deadline = f.opt_num("deadline_days", 0, 3650);
  if (!deadline) return deadline.error();
  auto penalty = f.opt_num("penalty_usd_per_day", 0, 1e9);
  if (!penalty) return penalty.error();
  if (!required && !*samples) {
    for (const char* k : {"seed", "deadline_days", "penalty_usd_per_day"})
      if (f.has(k))
        return make_error(
            ErrorCode::InvalidRequest,
            std::string("field '") + k + "': needs reliability_samples (--reliability N)", k);
    return std::optional<ReliabilityRequest>{};
  }
  ReliabilityRequest r;
  r.samples = samples->value_or(10000);
  r.seed = static_cast<std::uint64_t>(seed->value_or(1));
  r.deadline_days = *deadline;
  r.penalty_usd_per_day = penalty->value_or(0);
  return std::optional<ReliabilityRequest>{r};
}

Result<json> reliability_json(const route::PlanRequest& r, const route::Prepared& p,
                              const route::Itinerary& it, const ReliabilityRequest& rel,
                              std::vector<double>* samples) {
  const auto o = sim::options_for(r, rel, samples != nullptr);
  auto res = sim::reliability(p, it, o);
  if (!res) return res.error();
  if (samples) *samples = res->hours;
  return reliability_json(*res, rel, o.month);
}

json reliability_json(const sim::ReliabilityResult& res, const ReliabilityRequest& rel, int month) {
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  json j = {{"samples", res.samples},
            {"month", month},
            {"seed", rel.seed},
            {"planned_hours", round2(res.planned_hours)},
            {"mean_hours", round2(res.mean_hours)},
            {"p50_hours", round2(res.p50_hours)},
            {"p90_hours", round2(res.p90_hours)},
            {"p95_hours", round2(res.p95_hours)},
            {"max_hours", round2(res.max_hours)},
            {"on_time_probability", std::round(res.on_time_probability * 1e6) / 1e6},
            {"disruption_probability", std::round(res.disruption_probability * 1e6) / 1e6},
            {"reroute_probability", std::round(res.reroute_probability * 1e6) / 1e6},
            {"expected_delay_cost_usd", round2(res.expected_delay_cost_usd)}};
  if (rel.deadline_days) j["deadline_days"] = *rel.deadline_days;
  return j;
}

std::string cdf_svg(const std::vector<std::pair<std::string, std::vector<double>>>& series,
                    std::optional<double> deadline_days, const std::string& subtitle) {
  const double w = 720, h = 420, left = 60, right = 20, top = 44, bottom = 50;
  auto escape = [](const std::string& in) {
    std::string out;
    for (char ch : in)
      out += ch == '&'   ? std::string("&amp;")
             : ch == '<' ? std::string("&lt;")
                         : std::string(1, ch);
    return out;
  };
  double lo = 1e300, hi = 0;
  for (const auto& [name, v] : series)
    for (double x : v) {
      lo = std::min(lo, x / 24);
      hi = std::max(hi, x / 24);
    }
  if (deadline_days) hi = std::max(hi, *deadline_days);
  if (lo > hi) lo = hi = 0;
  lo = std::floor(lo);
  hi = std::ceil(hi + 1e-9);
  if (hi <= lo) hi = lo + 1;
  auto X = [&](double d) { return left + (d - lo) / (hi - lo) * (w - left - right); };
  auto Y = [&](double p) { return top + (1 - p) * (h - top - bottom); };
  // Okabe and Ito's colour-blind-safe palette.
  static const char* kColors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                  "#E69F00", "#56B4E9", "#000000"};
  std::ostringstream s;
  const double total_h = h + 16 * static_cast<double>(series.size()) + 8;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << total_h
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>\n";
  s << "<text x=\"" << left
    << "\" y=\"18\" font-size=\"14\">Transit time, cumulative probability</text>\n";
  if (!subtitle.empty())
    s << "<text x=\"" << left << "\" y=\"34\" fill=\"#444\">" << escape(subtitle) << "</text>\n";
  for (int i = 0; i <= 10; ++i) {
    const double p = i / 10.0;
    s << "<line x1=\"" << left << "\" x2=\"" << w - right << "\" y1=\"" << Y(p) << "\" y2=\""
      << Y(p) << "\" stroke=\"#eee\"/><text x=\"" << left - 8 << "\" y=\"" << Y(p) + 4
      << "\" text-anchor=\"end\">" << text::format_number(p, 1) << "</text>\n";
  }
  const int ticks = 8;
  for (int i = 0; i <= ticks; ++i) {
    const double d = lo + (hi - lo) * i / ticks;
    s << "<text x=\"" << X(d) << "\" y=\"" << h - bottom + 18 << "\" text-anchor=\"middle\">"
      << text::format_number(d, hi - lo < 8 ? 1 : 0) << "</text>\n";
  }
  s << "<text x=\"" << (left + w - right) / 2 << "\" y=\"" << h - 12
    << "\" text-anchor=\"middle\">days</text>\n";
  if (deadline_days)
    s << "<line x1=\"" << X(*deadline_days) << "\" x2=\"" << X(*deadline_days) << "\" y1=\"" << top
      << "\" y2=\"" << h - bottom << "\" stroke=\"#333\" stroke-dasharray=\"4 3\"/><text x=\""
      << X(*deadline_days) + 4 << "\" y=\"" << top + 12 << "\">deadline</text>\n";
  std::vector<std::vector<double>> sorted;
  for (const auto& sr : series) {
    sorted.push_back(sr.second);
    std::sort(sorted.back().begin(), sorted.back().end());
  }
  // The legend goes under the chart, where it cannot cover a curve.
  const double legend_x = left;
  const double legend_y = h + 4;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const auto& v = sorted[k];
    if (v.empty()) continue;
    const char* color = kColors[k % 7];
    s << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"2\" points=\"";
    const std::size_t n = v.size(), step = std::max<std::size_t>(1, n / 400);
    s << X(v[0] / 24) << "," << Y(0) << " ";
    for (std::size_t i = 0; i < n; i += step)
      s << X(v[i] / 24) << "," << Y(static_cast<double>(i + 1) / n) << " ";
    s << X(v[n - 1] / 24) << "," << Y(1) << "\"/>\n";
    std::string label = series[k].first;
    for (std::size_t j = 0; j < k; ++j)
      if (sorted[j] == v) {  // drawn under the earlier one: say so
        label += " (same as " + series[j].first + ")";
        break;
      }
    s << "<rect x=\"" << legend_x << "\" y=\"" << legend_y + 16 * static_cast<double>(k)
      << "\" width=\"12\" height=\"3\" fill=\"" << color << "\"/><text x=\"" << legend_x + 18
      << "\" y=\"" << legend_y + 5 + 16 * static_cast<double>(k) << "\">" << escape(label)
      << "</text>\n";
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace caravan::api
