// Baseline-versus-scenario comparisons.
#include "api/scenario_handler.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "api/reliability.h"
#include "api/render.h"
#include "api/request.h"
#include "core/text.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

bool in_corridor(const nw::Network& net, const nw::Corridor& c, const route::Itinerary& it) {
  auto has_loc = [&](LocationId l) {
    return std::find(it.locations.begin(), it.locations.end(), l) != it.locations.end();
  };
  auto has_country = [&](CountryId x) {
    return std::find(it.countries.begin(), it.countries.end(), x) != it.countries.end();
  };
  if (!c.via_any.empty() && std::none_of(c.via_any.begin(), c.via_any.end(), has_loc)) return false;
  for (auto x : c.require_countries)
    if (!has_country(x)) return false;
  for (auto x : c.forbid_countries)
    if (has_country(x)) return false;
  for (auto x : c.forbid_locations)
    if (has_loc(x)) return false;
  (void)net;
  return true;
}

// One run: the variants (corridors, or the best route) on one network.
Result<json> run_one(const nw::Network& net, const json& request, const scenario::Scenario* sc,
                     bool corridors, const Limits& limits) {
  Fields f(request);
  auto r = parse_plan_request(net, f, limits);
  if (!r) return r.error();
  auto rel = parse_reliability(f, false, limits);
  if (!rel) return rel.error();
  if (auto s = f.no_unknown(); !s) return s.error();
  if (sc) {
    r->query.constraints =
        route::merge(r->query.constraints, scenario::constraints_for(*sc, r->query.hs));
    if (sc->month) r->params.month = *sc->month;
  }
  std::vector<route::Variant> variants;
  if (corridors)
    variants = route::corridor_variants(net);
  else
    variants.push_back(route::Variant{"best", "best route", {}});
  auto results = route::compare(net, *r, variants);
  if (!results) return results.error();
  json vs = json::array();
  for (const auto& v : *results) {
    json vj = {{"id", v.variant.id}, {"name", v.variant.name}};
    if (v.route) {
      json rj = itinerary_json(net, *v.route);
      double subsidy = 0;
      if (sc)
        for (const auto& s : sc->subsidies)
          if (const auto* c = net.find_corridor(s.corridor); c && in_corridor(net, *c, *v.route))
            subsidy += s.usd_per_t * r->shipment.tonnes.value;
      if (subsidy > 0) {
        rj["subsidy_usd"] = subsidy;
        rj["cost_usd"] = rj["cost_usd"].get<double>() - subsidy;
      }
      if (*rel) {
        auto j = reliability_json(*r, *v.prepared, *v.route, **rel);
        if (!j) return j.error();
        rj["reliability"] = *j;
      }
      vj["route"] = std::move(rj);
    } else {
      vj["no_route_reason"] = v.no_route_reason;
    }
    vs.push_back(std::move(vj));
  }
  json run = {{"query", shipment_json(net, *r)}, {"variants", vs}};
  return run;
}

double num(const json& j, const char* k) { return j.contains(k) ? j[k].get<double>() : 0.0; }

}  // namespace

Result<json> run_scenarios(const nw::Network& base, const json& request,
                           const std::vector<scenario::Scenario>& scenarios, const Limits& limits) {
  if (!request.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  json req = request;
  auto corridors_flag = take_bool(req, "corridors", true);
  if (!corridors_flag) return corridors_flag.error();
  const bool corridors = *corridors_flag;
  if (scenarios.empty())
    return make_error(ErrorCode::InvalidRequest, "give at least one scenario", "scenario");
  json out;
  auto baseline = run_one(base, req, nullptr, corridors, limits);
  if (!baseline) return baseline.error();
  out["query"] = (*baseline)["query"];
  json runs = json::array();
  runs.push_back({{"id", "baseline"}, {"name", "baseline"}, {"variants", (*baseline)["variants"]}});
  json diffs = json::array();
  for (const auto& sc : scenarios) {
    auto net = nw::Network::build(sc.tables);
    if (!net)
      return make_error(net.error().code, sc.file + ": " + net.error().message, net.error().field);
    auto run = run_one(*net, req, &sc, corridors, limits);
    if (!run) return run.error();
    json rj = {{"id", sc.id},
               {"name", sc.name},
               {"why", sc.why},
               {"file", sc.file},
               {"variants", (*run)["variants"]}};
    if (sc.month) rj["month"] = *sc.month;
    runs.push_back(rj);
    const auto& before = (*baseline)["variants"];
    const auto& after = (*run)["variants"];
    for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
      json d = {
          {"scenario", sc.id}, {"variant", before[i]["id"]}, {"variant_name", before[i]["name"]}};
      const bool had = before[i].contains("route"), has = after[i].contains("route");
      d["route_before"] = had ? before[i]["route"]["summary"] : json("none");
      d["route_after"] = has ? after[i]["route"]["summary"] : json("none");
      if (!has) d["no_route_reason"] = after[i]["no_route_reason"];
      if (had && has) {
        const auto &a = before[i]["route"], &b = after[i]["route"];
        d["cost_usd_delta"] = std::round(num(b, "cost_usd") - num(a, "cost_usd"));
        d["hours_delta"] = std::round((num(b, "hours") - num(a, "hours")) * 10) / 10;
        d["co2_kg_delta"] = std::round(num(b, "co2_kg") - num(a, "co2_kg"));
        d["risk_delta"] = std::round((num(b, "risk") - num(a, "risk")) * 1e6) / 1e6;
        d["route_changed"] = a["locations"] != b["locations"];
        if (a.contains("reliability") && b.contains("reliability")) {
          d["p50_hours_delta"] =
              std::round((num(b["reliability"], "p50_hours") - num(a["reliability"], "p50_hours")) *
                         10) /
              10;
          d["p90_hours_delta"] =
              std::round((num(b["reliability"], "p90_hours") - num(a["reliability"], "p90_hours")) *
                         10) /
              10;
        }
      } else {
        d["route_changed"] = had != has;
      }
      diffs.push_back(std::move(d));
    }
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
