// The report feature: a sweep in the results store summed up (sweep/report.h) as a
// self-contained HTML page with inline SVG charts: cost and time per corridor by month, the share
// of cells each corridor wins, each scenario's effect.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "api/chart.h"
#include "api/feature_groups.h"
#include "api/request.h"
#include "core/text.h"
#include "io/sweep_store.h"
#include "sweep/report.h"

namespace caravan::api {
using nlohmann::json;

namespace {

const char* kColors[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                         "#E69F00", "#56B4E9", "#000000"};

// Lines over months, one per corridor (a corridor missing in a month leaves a gap).
std::string line_chart(const json& by_month, const std::string& field, const std::string& title,
                       const std::string& unit) {
  std::vector<int> months;
  std::vector<std::string> corridors;
  std::map<std::pair<std::string, int>, double> v;
  double hi = 0;
  for (const auto& m : by_month) {
    const int mo = m["month"].get<int>();
    const std::string c = m["corridor"].get<std::string>();
    if (std::find(months.begin(), months.end(), mo) == months.end()) months.push_back(mo);
    if (std::find(corridors.begin(), corridors.end(), c) == corridors.end()) corridors.push_back(c);
    v[{c, mo}] = m[field].get<double>();
    hi = std::max(hi, m[field].get<double>());
  }
  std::sort(months.begin(), months.end());
  if (corridors.size() > 7) corridors.resize(7);
  const double w = 720, h = 300, left = 80, right = 50, top = 30, bottom = 40;
  hi = chart::nice_top(hi);
  auto X = [&](std::size_t i) {
    return months.size() < 2
               ? (left + w - right) / 2
               : left + static_cast<double>(i) / static_cast<double>(months.size() - 1) *
                            (w - left - right);
  };
  auto Y = [&](double y) { return top + (1 - y / hi) * (h - top - bottom); };
  std::ostringstream s;
  const double total = h + 18.0 * static_cast<double>(corridors.size());
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << total
    << "\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>"
    << "<text x=\"" << left << "\" y=\"18\" font-size=\"13\">" << chart::escape(title) << "</text>";
  for (int i = 0; i <= 4; ++i) {
    const double y = hi * i / 4;
    s << "<line x1=\"" << left << "\" x2=\"" << w - right << "\" y1=\"" << Y(y) << "\" y2=\""
      << Y(y) << "\" stroke=\"#eee\"/><text x=\"" << left - 6 << "\" y=\"" << Y(y) + 4
      << "\" text-anchor=\"end\">" << text::thousands(y) << "</text>";
  }
  s << "<text x=\"" << left - 6 << "\" y=\"18\" text-anchor=\"end\">" << chart::escape(unit)
    << "</text>";
  for (std::size_t i = 0; i < months.size(); ++i)
    s << "<text x=\"" << X(i) << "\" y=\"" << h - bottom + 16 << "\" text-anchor=\"middle\">"
      << (months[i] == 0 ? std::string("any month") : "month " + std::to_string(months[i]))
      << "</text>";
  for (std::size_t k = 0; k < corridors.size(); ++k) {
    std::ostringstream pts;
    for (std::size_t i = 0; i < months.size(); ++i)
      if (auto it = v.find({corridors[k], months[i]}); it != v.end()) {
        pts << X(i) << "," << Y(it->second) << " ";
        s << "<circle cx=\"" << X(i) << "\" cy=\"" << Y(it->second) << "\" r=\"3\" fill=\""
          << kColors[k] << "\"><title>" << chart::escape(corridors[k]) << ": "
          << text::thousands(it->second) << "</title></circle>";
      }
    s << "<polyline fill=\"none\" stroke=\"" << kColors[k] << "\" stroke-width=\"2\" points=\""
      << pts.str() << "\"/>";
    s << "<rect x=\"" << left << "\" y=\"" << h + 18.0 * static_cast<double>(k) - 9
      << "\" width=\"12\" height=\"4\" fill=\"" << kColors[k] << "\"/><text x=\"" << left + 18
      << "\" y=\"" << h + 18.0 * static_cast<double>(k) - 4 << "\">" << chart::escape(corridors[k])
      << "</text>";
  }
  s << "</svg>";
  return s.str();
}

// A corridor's colour, the same in every chart: its place among the corridors of the lines.
const char* colour_of(const json& by_month, const std::string& corridor) {
  std::vector<std::string> seen;
  for (const auto& m : by_month) {
    const auto c = m["corridor"].get<std::string>();
    if (std::find(seen.begin(), seen.end(), c) == seen.end()) seen.push_back(c);
    if (c == corridor) return kColors[(seen.size() - 1) % 7];
  }
  return "#999999";  // wins only in scenario cells: grey
}

std::string bar_chart(const json& wins, const json& by_month) {
  const double w = 720, row = 24, left = 260;
  std::ostringstream s;
  const double h = 40 + row * static_cast<double>(wins.size());
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
    << "\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>"
    << "<text x=\"10\" y=\"18\" font-size=\"13\">Share of cells each corridor wins (best "
       "route)</text>";
  for (std::size_t i = 0; i < wins.size(); ++i) {
    const double y = 30 + row * static_cast<double>(i);
    const double share = wins[i]["share"].get<double>();
    s << "<text x=\"" << left - 8 << "\" y=\"" << y + 14 << "\" text-anchor=\"end\">"
      << chart::escape(wins[i]["corridor"].get<std::string>().substr(0, 40)) << "</text><rect x=\""
      << left << "\" y=\"" << y + 3 << "\" width=\"" << share * (w - left - 70) << "\" height=\""
      << row - 8 << "\" fill=\"" << colour_of(by_month, wins[i]["corridor"].get<std::string>())
      << "\"/><text x=\"" << left + share * (w - left - 70) + 6 << "\" y=\"" << y + 14 << "\">"
      << text::format_number(share * 100, 1) << "% (" << wins[i]["cells"] << ")</text>";
  }
  s << "</svg>";
  return s.str();
}

Result<Answer> run_report(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(store_file, f.str("store"));
  CARAVAN_TRY(id, f.opt_int("sweep_id", 1, 1 << 30));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(store, io::SqliteStore::open_existing(store_file, id.value_or(0)));
  CARAVAN_TRY(records, store->records());
  const auto sum = sweep::summarize(records);
  json by_month = json::array(), wins = json::array(), scenarios = json::array();
  for (const auto& m : sum.by_month)
    by_month.push_back({{"corridor", m.corridor},
                        {"month", m.month},
                        {"cells", m.cells},
                        {"mean_cost_usd", std::round(m.mean_cost_usd)},
                        {"mean_days", std::round(m.mean_days * 100) / 100}});
  for (const auto& w : sum.wins)
    wins.push_back({{"corridor", w.corridor}, {"cells", w.cells}, {"share", w.share}});
  for (const auto& e : sum.scenarios)
    scenarios.push_back({{"scenario", e.scenario},
                         {"pairs", e.pairs},
                         {"mean_cost_change", e.mean_cost_change},
                         {"mean_days_change", e.mean_days_change},
                         {"route_changed", e.route_changed},
                         {"lost", e.lost}});
  json config = json::parse(store->config(), nullptr, false);
  return Answer{json{{"store", store_file},
                     {"sweep_id", store->sweep_id()},
                     {"config", config},
                     {"cells", sum.cells},
                     {"failed", sum.failed},
                     {"with_route", sum.with_route},
                     {"by_month", by_month},
                     {"wins", wins},
                     {"scenarios", scenarios}},
                {}};
}

// The page: the text rendering, so `caravan report --store F > report.html`.
std::string report_html(const Context&, const json& r) {
  std::ostringstream s;
  s << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Caravan sweep "
    << r["sweep_id"]
    << "</title><style>body{font-family:sans-serif;max-width:760px;margin:2em auto;color:#222}"
       "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px "
       "8px;text-align:left}"
       "td.n{text-align:right}pre{background:#f6f6f6;padding:8px;white-space:pre-wrap}</style></"
       "head><body>";
  s << "<h1>Sweep " << r["sweep_id"] << "</h1><p>" << r["cells"] << " cells, " << r["with_route"]
    << " with a route, " << r["failed"] << " failed (store "
    << chart::escape(r["store"].get<std::string>()) << ").</p>";
  s << "<h2>Cost per corridor by month</h2>"
    << line_chart(r["by_month"], "mean_cost_usd",
                  "Mean cost of the shipment, USD (baseline cells, every route)", "USD");
  s << "<h2>Transit time per corridor by month</h2>"
    << line_chart(r["by_month"], "mean_days",
                  "Mean transit time, days (baseline cells, every route)", "days");
  s << "<h2>Which corridor wins</h2>" << bar_chart(r["wins"], r["by_month"]);
  s << "<h2>Scenarios against the baseline</h2>";
  if (r["scenarios"].empty()) {
    s << "<p>No scenario in this sweep.</p>";
  } else {
    s << "<table><tr><th>scenario</th><th>cells</th><th>cost</th><th>time</th><th>best route "
         "changed</th><th>no route</th></tr>";
    for (const auto& e : r["scenarios"])
      s << "<tr><td>" << chart::escape(e["scenario"].get<std::string>()) << "</td><td class=\"n\">"
        << e["pairs"] << "</td><td class=\"n\">"
        << (e["mean_cost_change"].get<double>() >= 0 ? "+" : "")
        << text::format_number(e["mean_cost_change"].get<double>() * 100, 1)
        << "%</td><td class=\"n\">" << (e["mean_days_change"].get<double>() >= 0 ? "+" : "")
        << text::format_number(e["mean_days_change"].get<double>() * 100, 1)
        << "%</td><td class=\"n\">" << e["route_changed"] << "</td><td class=\"n\">" << e["lost"]
        << "</td></tr>";
    s << "</table>";
  }
  s << "<h2>Configuration</h2><pre>" << chart::escape(r["config"].dump(2))
    << "</pre></body></html>\n";
  return s.str();
}

}  // namespace

std::vector<Feature> report_features() {
  using K = Option::Kind;
  return {{"report",
           "a sweep of the results store as a self-contained HTML page (charts as inline SVG)",
           "",
           false,
           {{"--store", "store", K::Text, "the results store (SQLite)", true},
            {"--sweep", "sweep_id", K::Integer, "which sweep (default the latest)"}},
           false,
           [](const json&) { return false; },
           nullptr,
           run_report,
           report_html,
           nullptr,
           nullptr,
           nullptr}};
}

}  // namespace caravan::api
