// Text, CSV and SVG renderings of simulation results.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "api/simulate_handler.h"
#include "core/text.h"

namespace caravan::api {
using nlohmann::json;

std::string sim_table(const json& j) {
  std::ostringstream s;
  s << "simulated " << text::format_number(j["simulated_hours"].get<double>() / 24, 1) << " days, "
    << text::thousands(j["events"].get<double>()) << " events, seed "
    << j["seed"].get<std::uint64_t>() << "\n";
  if (j["hit_event_limit"].get<bool>())
    s << "NOTE: stopped at the event limit (max_events): results cover less time\n";
  s << "\nresource             utilisation  mean queue  max queue  wait mean/P50/P90/max (h)       "
       "sailings\n";
  for (const auto& r : j["resources"]) {
    std::string id = r["id"].get<std::string>();
    id.resize(20, ' ');
    const auto& w = r["wait_hours"];
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %10.1f%% %11.2f %10.0f  %6.1f /%6.1f /%6.1f /%7.1f  %9llu\n",
                  id.c_str(), 100 * r["utilisation"].get<double>(), r["mean_queue"].get<double>(),
                  r["max_queue"].get<double>(), w["mean"].get<double>(), w["p50"].get<double>(),
                  w["p90"].get<double>(), w["max"].get<double>(),
                  static_cast<unsigned long long>(r["sailings"].get<std::uint64_t>()));
    s << buf;
  }
  s << "\nstream               entered  completed  in system  per day  transit mean/P50/P90 "
       "(days)\n";
  for (const auto& x : j["streams"]) {
    std::string id = x["id"].get<std::string>();
    id.resize(20, ' ');
    const auto& t = x["transit_hours"];
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %8llu %10llu %10llu %8.1f  %5.1f / %5.1f / %5.1f\n",
                  id.c_str(), static_cast<unsigned long long>(x["entered"].get<std::uint64_t>()),
                  static_cast<unsigned long long>(x["completed"].get<std::uint64_t>()),
                  static_cast<unsigned long long>(x["in_system"].get<std::uint64_t>()),
                  x["throughput_per_day"].get<double>(), t["mean"].get<double>() / 24,
                  t["p50"].get<double>() / 24, t["p90"].get<double>() / 24);
    s << buf;
  }
  return s.str();
}

std::string sim_series_csv(const sim::SimConfig& c, const sim::SimResult& r) {
  std::string out = "hours";
  for (const auto& x : r.resources) out += "," + x.id + "_queue";
  out += "\n";
  std::size_t n = 0;
  for (const auto& x : r.resources) n = std::max(n, x.queue_series.size());
  for (std::size_t i = 0; i < n; ++i) {
    out += text::compact(i * c.sample_every_hours);
    for (const auto& x : r.resources)
      out += "," + (i < x.queue_series.size() ? text::compact(x.queue_series[i]) : "");
    out += "\n";
  }
  return out;
}

std::string sim_series_svg(const sim::SimConfig& c, const sim::SimResult& r) {
  const double w = 760, h = 360, left = 60, right = 20, top = 30, bottom = 45;
  double max_q = 1, n = 1;
  for (const auto& x : r.resources) {
    for (double v : x.queue_series) max_q = std::max(max_q, v);
    n = std::max(n, static_cast<double>(x.queue_series.size()));
  }
  const double span = std::max(1.0, (n - 1) * c.sample_every_hours / 24.0);
  auto X = [&](double day) { return left + day / span * (w - left - right); };
  auto Y = [&](double q) { return top + (1 - q / max_q) * (h - top - bottom); };
  static const char* kColors[] = {"#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93"};
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>\n"
    << "<text x=\"" << left
    << "\" y=\"18\" font-size=\"14\">Queue length (shipments waiting) over time</text>\n";
  for (int i = 0; i <= 4; ++i) {
    const double q = max_q * i / 4;
    s << "<line x1=\"" << left << "\" x2=\"" << w - right << "\" y1=\"" << Y(q) << "\" y2=\""
      << Y(q) << "\" stroke=\"#eee\"/><text x=\"" << left - 6 << "\" y=\"" << Y(q) + 4
      << "\" text-anchor=\"end\">" << text::format_number(q, 0) << "</text>\n";
  }
  for (int i = 0; i <= 6; ++i)
    s << "<text x=\"" << X(span * i / 6) << "\" y=\"" << h - bottom + 16
      << "\" text-anchor=\"middle\">" << text::format_number(span * i / 6, 0) << "</text>\n";
  s << "<text x=\"" << (left + w) / 2 << "\" y=\"" << h - 8
    << "\" text-anchor=\"middle\">days</text>\n";
  for (std::size_t k = 0; k < r.resources.size(); ++k) {
    const auto& x = r.resources[k];
    s << "<polyline fill=\"none\" stroke=\"" << kColors[k % 5]
      << "\" stroke-width=\"1.5\" points=\"";
    for (std::size_t i = 0; i < x.queue_series.size(); ++i)
      s << X(i * c.sample_every_hours / 24.0) << "," << Y(x.queue_series[i]) << " ";
    s << "\"/>\n<rect x=\"" << left + 10 << "\" y=\"" << top + 6 + 16 * k
      << "\" width=\"12\" height=\"3\" fill=\"" << kColors[k % 5] << "\"/><text x=\"" << left + 28
      << "\" y=\"" << top + 11 + 16 * k << "\">" << x.id << "</text>\n";
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace caravan::api
