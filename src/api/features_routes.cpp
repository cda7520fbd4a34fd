// The feature table's entries for route, compare, reliability, why-not and locate: request ->
// use-case -> answer, and renderers.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "api/feature_groups.h"
#include "api/feature_options.h"
#include "api/handlers.h"
#include "api/reliability.h"
#include "api/render.h"
#include "api/scenario_codec.h"
#include "api/scenario_library.h"
#include "api/simulate_handler.h"
#include "api/table.h"
#include "api/trade_codec.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/geojson.h"
#include "io/network_reader.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

int no_route_exit(const json& r, std::ostream&) {
  return r.contains("routes") && r["routes"].empty() ? kExitNoRoute : 0;
}

namespace {

// --- route, compare, reliability ----------------------------------------------------------

std::string routes_text(const Context&, const json& r) {
  std::string s = r.contains("variants") ? compare_table(r) : route_table(r);
  const auto& first = r.contains("variants") ? r["variants"] : r["routes"];
  const bool landed = std::any_of(first.begin(), first.end(), [](const json& x) {
    return x.contains("landed_cost_usd") ||
           (x.contains("route") && x["route"].contains("landed_cost"));
  });
  return landed ? s + landed_table(r) : s;
}
std::string routes_csv_text(const Context&, const json& r) { return routes_csv(r); }
Result<json> routes_geojson_of(const Context& ctx, const json& r) {
  return routes_geojson(*ctx.net, r);
}

// Keeps the sampled times when a file or a histogram asks for them.
Answer with_samples(json j, SampleSeries samples, const Context& ctx, int bins,
                    std::optional<double> deadline_days) {
  Answer a{std::move(j), {}};
  if (bins > 0) {
    json histograms = json::array();
    for (const auto& [name, hours] : samples) {
      if (hours.empty()) continue;
      const auto [lo, hi] = std::minmax_element(hours.begin(), hours.end());
      const double width = *hi > *lo ? (*hi - *lo) / bins : 1.0;
      std::vector<int> counts(static_cast<std::size_t>(bins), 0);
      for (double h : hours)
        ++counts[std::min(static_cast<std::size_t>((h - *lo) / width), counts.size() - 1)];
      histograms.push_back(
          {{"route", name}, {"min_hours", *lo}, {"bin_hours", width}, {"counts", counts}});
    }
    a.json["histograms"] = std::move(histograms);
  }
  if (ctx.wanted.empty()) return a;
  auto shared = std::make_shared<const SampleSeries>(std::move(samples));
  // The chart's subtitle: what was sampled, from where to where, leaving when.
  std::string subtitle;
  if (a.json.contains("query")) {
    const auto& q = a.json["query"];
    subtitle = q.value("from_name", std::string()) + " -> " + q.value("to_name", std::string());
    if (q.contains("depart") && q["depart"].is_string())
      subtitle += ", departing " + q["depart"].get<std::string>();
    else if (q.value("month", 0) > 0)
      subtitle += ", departing in month " + std::to_string(q["month"].get<int>());
  }
  if (!shared->empty())
    subtitle += (subtitle.empty() ? "" : ", ") + std::to_string(shared->front().second.size()) +
                " samples per route";
  a.files["--svg"] = [shared, deadline_days, subtitle] {
    return cdf_svg(*shared, deadline_days, subtitle);
  };
  a.files["--samples-csv"] = [shared] {
    std::string csv = "route,sample,hours\n";
    for (const auto& [name, hours] : *shared)
      for (std::size_t i = 0; i < hours.size(); ++i)
        csv += io::csv_escape(name) + "," + std::to_string(i) + "," +
               text::format_number(hours[i], 3) + "\n";
    return csv;
  };
  return a;
}

Result<Answer> run_route(const Context& ctx, const json& request) {
  CARAVAN_TRY(joined, joined_network(ctx, request));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(j, route(net, request, ctx.limits));
  return Answer{std::move(j), {}};
}

Result<Answer> run_compare(const Context& ctx, const json& request) {
  CARAVAN_TRY(joined, joined_network(ctx, request));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(j, compare(net, request, ctx.limits));
  return Answer{std::move(j), {}};
}

// Reliability, plus "histogram_bins" (1..200): each route's sampled times as a histogram.
Result<Answer> run_reliability(const Context& ctx, const json& request) {
  json req = request;
  int bins = 0;
  if (req.is_object() && req.contains("histogram_bins")) {
    const json& b = req["histogram_bins"];
    if (!b.is_number_integer() || b.get<int>() < 1 || b.get<int>() > 200)
      return field_error("histogram_bins", "expected an integer in [1, 200]");
    bins = b.get<int>();
    req.erase("histogram_bins");
  }
  SampleSeries samples;
  const bool keep = bins > 0 || !ctx.wanted.empty();
  CARAVAN_TRY(joined, joined_network(ctx, req));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(j, reliability(net, req, ctx.limits, keep ? &samples : nullptr));
  std::optional<double> deadline;
  if (req.contains("deadline_days") && req["deadline_days"].is_number())
    deadline = req["deadline_days"].get<double>();
  return with_samples(std::move(j), std::move(samples), ctx, bins, deadline);
}

// --- why-not, locate ------------------------------------------------------------------------

Result<Answer> run_why_not(const Context& ctx, const json& request) {
  CARAVAN_TRY(joined, joined_network(ctx, request));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(j, why_not(net, request, ctx.limits));
  return Answer{std::move(j), {}};
}
std::string why_not_of(const Context&, const json& r) { return why_not_text(r); }

// The network's locations, and when none matches exactly, gazetteer places beyond it (a route
// reaches them by estimated access legs).
Result<Answer> run_locate(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, locate(*ctx.net, request));
  const bool exact = std::any_of(j["matches"].begin(), j["matches"].end(),
                                 [](const json& m) { return m["exact"].get<bool>(); });
  if (!exact) {
    CARAVAN_TRY(beyond, gazetteer_matches(*ctx.net, j["q"].get<std::string>(), 5));
    j["beyond_network"] = std::move(beyond);
  }
  return Answer{std::move(j), {}};
}
std::string locate_of(const Context&, const json& r) {
  std::string s = locate_table(r);
  if (r.contains("beyond_network") && !r["beyond_network"].empty()) {
    s += "not in the network (UN/LOCODE and World Port Index; a route joins them by estimated "
         "access legs):\n";
    for (const auto& p : r["beyond_network"]) {
      std::string name = p["name"].get<std::string>();
      if (name.size() > 24) name = name.substr(0, 23) + "~";
      s += "  " +
           (p["locode"].get<std::string>().empty() ? std::string("-----")
                                                   : p["locode"].get<std::string>()) +
           "  " + name + std::string(name.size() < 26 ? 26 - name.size() : 1, ' ') +
           (p.contains("lat") ? text::format_number(p["lat"].get<double>(), 3) + ", " +
                                    text::format_number(p["lon"].get<double>(), 3)
                              : std::string("(no position)")) +
           "  " + p["functions"].get<std::string>() + "\n";
    }
  }
  return s;
}
int locate_exit(const json& r, std::ostream&) {
  const bool beyond = r.contains("beyond_network") && !r["beyond_network"].empty();
  return r["matches"].empty() && !beyond ? error_info(ErrorCode::NotFound).exit_code : 0;
}

}  // namespace

std::vector<Feature> route_features() {
  return {
      {"route", "best route(s) for one shipment", "/v1/route", false,
       shipment_options() + kAlternatives + kPareto + kLanded + reliability_options(false), true,
       nullptr, nullptr, run_route, routes_text, routes_csv_text, routes_geojson_of, no_route_exit},
      {"compare", "corridors (or avoid sets) side by side for one shipment", "/v1/compare", false,
       shipment_options() + std::vector<Option>{kAvoidSets} + kLanded + reliability_options(false),
       true, nullptr, nullptr, run_compare, routes_text, routes_csv_text, routes_geojson_of,
       nullptr},
      {"reliability",
       "Monte Carlo transit times (P50/P90, on-time chance) of the best route or each corridor",
       "/v1/reliability", false,
       shipment_options() +
           std::vector<Option>{
               {"--corridors", "corridors", K::Flag,
                "sample the best route of each corridor (as in compare)"},
               {"--avoid-sets", "avoid_sets", K::Text,
                "';'-separated country sets to compare, as in compare", false, avoid_sets},
               {"--histogram-bins", "histogram_bins", K::Integer,
                "add each route's sampled times as a histogram of N bins (1..200)"}} +
           reliability_options(true) +
           std::vector<Option>{
               {"--svg", "", K::File, "write a CDF plot of the transit times to this SVG file"},
               {"--samples-csv", "", K::File, "write every sampled transit time to this CSV file"}},
       false, nullptr, nullptr, run_reliability, routes_text, nullptr, nullptr, no_route_exit},
      {"why-not", "why no chosen route goes via a place", "/v1/why-not", false,
       shipment_options(false) +
           std::vector<Option>{{"--via", "via", K::Text, "the location asked about", true}},
       false, nullptr, nullptr, run_why_not, why_not_of, nullptr, nullptr, nullptr},
      {"locate",
       "find locations by name, alias or UN/LOCODE",
       "/v1/locations",
       false,
       {{"name", "q", K::Positional, "text to search", true},
        {"--limit", "limit", K::Integer, "how many matches (1..100, default 10)", false, nullptr,
         "10"}},
       false,
       nullptr,
       nullptr,
       run_locate,
       locate_of,
       nullptr,
       nullptr,
       locate_exit},
  };
}

}  // namespace caravan::api
