// Baseline-versus-scenario comparisons as JSON, a text table and an SVG chart.
#include "api/scenario_codec.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "api/reliability.h"
#include "api/render.h"
#include "api/request.h"
#include "core/text.h"
#include "scenario/comparison.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

json variants_json(const scenario::Run& run, const std::optional<ReliabilityRequest>& rel) {
  json vs = json::array();
  for (const auto& v : run.variants) {
    json vj = {{"id", v.variant.id}, {"name", v.variant.name}};
    if (v.route) {
      json rj = itinerary_json(*run.network, *v.route);
      if (v.subsidy.value > 0) {
        rj["subsidy_usd"] = v.subsidy.value;
        rj["cost_usd"] = rj["cost_usd"].get<double>() - v.subsidy.value;
      }
      if (v.reliability && rel)
        rj["reliability"] = reliability_json(*v.reliability, *rel,
                                             run.plan.params.month ? run.plan.params.month : 1);
      vj["route"] = std::move(rj);
    } else {
      vj["no_route_reason"] = v.no_route_reason;
    }
    vs.push_back(std::move(vj));
  }
  return vs;
}

}  // namespace

Result<json> run_scenarios(const nw::Network& base, const json& request,
                           const std::vector<scenario::Scenario>& scenarios, const Limits& limits) {
  if (!request.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  json req = request;
  CARAVAN_TRY(corridors, take_bool(req, "corridors", true));
  if (scenarios.empty())
    return make_error(ErrorCode::InvalidRequest, "give at least one scenario", "scenario");
  Fields f(req);
  CARAVAN_TRY(plan, parse_plan_request(base, f, limits));
  CARAVAN_TRY(rel, parse_reliability(f, false, limits));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(res, scenario::run_comparison(base, {plan, corridors, rel, scenarios}));
  json out;
  out["query"] = shipment_json(base, res.runs.front().plan);
  json runs = json::array();
  for (const auto& run : res.runs) {
    json rj = {{"id", run.id}, {"name", run.name}, {"variants", variants_json(run, rel)}};
    if (&run != &res.runs.front()) {
      rj["why"] = run.why;
      rj["file"] = run.file;
      if (run.month) rj["month"] = *run.month;
    }
    runs.push_back(std::move(rj));
  }
  json diffs = json::array();
  for (const auto& d : res.differences) {
    const auto& a = runs[0]["variants"][d.variant];
    const auto& b = runs[d.run]["variants"][d.variant];
    json dj = {{"scenario", d.scenario}, {"variant", a["id"]}, {"variant_name", a["name"]}};
    dj["route_before"] = d.had_route ? a["route"]["summary"] : json("none");
    dj["route_after"] = d.has_route ? b["route"]["summary"] : json("none");
    if (!d.has_route) dj["no_route_reason"] = b["no_route_reason"];
    if (d.had_route && d.has_route) {
      dj["cost_usd_delta"] = std::round(d.cost_delta.value);
      dj["hours_delta"] = std::round(d.hours_delta.value * 10) / 10;
      dj["co2_kg_delta"] = std::round(d.co2_kg_delta);
      dj["risk_delta"] = std::round(d.risk_delta * 1e6) / 1e6;
      if (d.p50_hours_delta) dj["p50_hours_delta"] = std::round(*d.p50_hours_delta * 10) / 10;
      if (d.p90_hours_delta) dj["p90_hours_delta"] = std::round(*d.p90_hours_delta * 10) / 10;
    }
    dj["route_changed"] = d.route_changed;
    diffs.push_back(std::move(dj));
  }
  out["runs"] = runs;
  out["differences"] = diffs;
  return out;
}

std::string scenario_table(const json& result) {
  std::ostringstream s;
  const auto& q = result["query"];
  s << q["from_name"].get<std::string>() << " -> " << q["to_name"].get<std::string>() << ": "
    << text::thousands(q["tonnes"].get<double>()) << " t " << q["commodity"].get<std::string>()
    << "\n\n";
  const auto& runs = result["runs"];
  auto cell = [](const json& v, const json& base_v) {
    if (!v.contains("route")) return std::string("no route");
    const auto& r = v["route"];
    std::string c = "USD " + text::thousands(r["cost_usd"].get<double>()) + ", " +
                    text::format_number(r["days"].get<double>(), 1) + " d";
    c += ", " + text::format_number(r["co2_kg"].get<double>() / 1000, 0) + " t CO2, risk " +
         text::format_number(100 * r["risk"].get<double>(), 1) + "%";
    if (r.contains("reliability"))
      c += " (P50 " + text::format_number(r["reliability"]["p50_hours"].get<double>() / 24, 1) +
           ", P90 " + text::format_number(r["reliability"]["p90_hours"].get<double>() / 24, 1) +
           ")";
    if (base_v.contains("route") && &v != &base_v) {
      const double dc = r["cost_usd"].get<double>() - base_v["route"]["cost_usd"].get<double>();
      const double dd = r["days"].get<double>() - base_v["route"]["days"].get<double>();
      c += " [" + std::string(dc >= 0 ? "+" : "") + text::thousands(dc) + ", " +
           (dd >= 0 ? "+" : "") + text::format_number(dd, 1) + " d]";
      if (r["locations"] != base_v["route"]["locations"]) c += " route changed";
    }
    return c;
  };
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const auto& run = runs[k];
    s << "== " << run["name"].get<std::string>();
    if (run.contains("month")) s << " (month " << run["month"].get<int>() << ")";
    s << " ==\n";
    if (run.contains("why") && !run["why"].get<std::string>().empty()) {
      std::string why = run["why"].get<std::string>();
      if (why.size() > 300) why = why.substr(0, 297) + "...";
      s << "  " << why << "\n";
    }
    for (std::size_t i = 0; i < run["variants"].size(); ++i) {
      const auto& v = run["variants"][i];
      std::string name = v["name"].get<std::string>();
      if (name.size() > 34) name = name.substr(0, 33) + ".";
      s << "  " << name << std::string(name.size() < 36 ? 36 - name.size() : 1, ' ')
        << cell(v, runs[0]["variants"][i]) << "\n";
      if (v.contains("route") && k > 0 &&
          v["route"]["locations"] !=
              runs[0]["variants"][i].value("route", json::object()).value("locations", json()))
        s << "      now: " << v["route"]["summary"].get<std::string>() << "\n";
      if (!v.contains("route") && k > 0)
        s << "      " << v["no_route_reason"].get<std::string>().substr(0, 200) << "\n";
    }
    s << "\n";
  }
  return s.str();
}

std::string scenario_svg(const json& result) {
  const auto& runs = result["runs"];
  const auto& variants = runs[0]["variants"];
  const std::size_t groups = variants.size(), bars = runs.size();
  const double w = 120.0 + groups * (bars * 18.0 + 24.0), h = 420, left = 70, bottom = 110,
               top = 40;
  double max_cost = 1;
  for (const auto& run : runs)
    for (const auto& v : run["variants"])
      if (v.contains("route")) max_cost = std::max(max_cost, v["route"]["cost_usd"].get<double>());
  static const char* kColors[] = {"#555",    "#1b6ca8", "#d1495b", "#edae49", "#00798c",
                                  "#6a4c93", "#30638e", "#8a5a44", "#3b8b5a"};
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
    << "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>\n"
    << "<text x=\"" << left
    << "\" y=\"20\" font-size=\"14\">Cost per corridor, baseline and scenarios (USD)</text>\n";
  const double plot_h = h - top - bottom;
  for (int i = 0; i <= 4; ++i) {
    const double y = top + plot_h * (1 - i / 4.0);
    s << "<line x1=\"" << left << "\" x2=\"" << w - 10 << "\" y1=\"" << y << "\" y2=\"" << y
      << "\" stroke=\"#eee\"/>"
      << "<text x=\"" << left - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">"
      << text::thousands(max_cost * i / 4) << "</text>\n";
  }
  auto esc = [](std::string v) {
    std::string o;
    for (char c : v) o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : std::string(1, c);
    return o;
  };
  for (std::size_t g = 0; g < groups; ++g) {
    const double x0 = left + 12 + g * (bars * 18.0 + 24.0);
    for (std::size_t b = 0; b < bars; ++b) {
      const auto& v = runs[b]["variants"][g];
      if (!v.contains("route")) {
        s << "<text x=\"" << x0 + b * 18 + 8 << "\" y=\"" << top + plot_h - 4
          << "\" text-anchor=\"middle\" fill=\"#999\">x</text>\n";
        continue;
      }
      const double c = v["route"]["cost_usd"].get<double>(), bh = plot_h * c / max_cost;
      s << "<rect x=\"" << x0 + b * 18 << "\" y=\"" << top + plot_h - bh
        << "\" width=\"16\" height=\"" << bh << "\" fill=\"" << kColors[b % 9] << "\"><title>"
        << esc(runs[b]["name"].get<std::string>()) << ": USD " << text::thousands(c)
        << "</title></rect>\n";
    }
    s << "<text transform=\"translate(" << x0 + bars * 9 << "," << top + plot_h + 14
      << ") rotate(20)\">" << esc(variants[g]["id"].get<std::string>()) << "</text>\n";
  }
  for (std::size_t b = 0; b < bars; ++b)
    s << "<rect x=\"" << left + (b % 3) * 220 << "\" y=\"" << h - 44 + (b / 3) * 14
      << "\" width=\"10\" height=\"10\" fill=\"" << kColors[b % 9] << "\"/><text x=\""
      << left + (b % 3) * 220 + 14 << "\" y=\"" << h - 35 + (b / 3) * 14 << "\">"
      << esc(runs[b]["name"].get<std::string>().substr(0, 34)) << "</text>\n";
  s << "</svg>\n";
  return s.str();
}

}  // namespace caravan::api
