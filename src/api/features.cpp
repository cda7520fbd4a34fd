// The feature table: one entry per feature, with its CLI options and its renderers.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "api/feature.h"
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
namespace fs = std::filesystem;
using nlohmann::json;
using K = Option::Kind;

namespace {

// Request fields naming files on this machine: accepted from the command line, never over HTTP.
constexpr const char* kPathFields[] = {"tariffs", "hs_nomenclature", "tntp"};

std::vector<Option> operator+(std::vector<Option> a, const std::vector<Option>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<Option> shipment_options(bool with_via = true) {
  std::vector<Option> o = {
      {"--from", "from", K::Text, "origin: name, alias or UN/LOCODE", true},
      {"--to", "to", K::Text, "destination: name, alias or UN/LOCODE", true},
      {"--commodity", "commodity", K::Text,
       "catalogue id, e.g. rare-earth-oxide (default general-container; see 'network info')"},
      {"--tonnes", "tonnes", K::Number, "quantity in tonnes"},
      {"--teu", "teu", K::Number, "quantity in TEU (containerised commodities)"},
      {"--value-usd", "value_usd", K::Number,
       "value of the goods (default: catalogue value per tonne)"},
      {"--objective", "objective", K::Text, "cost|time|co2|risk|generalized (default cost)"},
      {"--avoid", "avoid", K::List,
       "comma list of countries (ISO), locations, modes or chokepoints"}};
  if (with_via) o.push_back({"--via", "via", K::List, "comma list of locations to pass, in order"});
  return o + std::vector<Option>{
                 {"--max-transshipments", "max_transshipments", K::Integer,
                  "cap on transshipments (changes of mode or gauge, hub transshipments)"},
                 {"--forbid-transit", "forbid_transit", K::Text,
                  "comma list of HS_PREFIX:COUNTRY rules, e.g. 2846:CN"},
                 {"--month", "month", K::Integer,
                  "departure month 1..12 (links closed that month are not used)"},
                 {"--value-of-time", "value_of_time_usd_per_hour", K::Number,
                  "USD per hour for --objective generalized"},
                 {"--carrying-rate", "carrying_rate", K::Number,
                  "annual cost of capital on goods in transit (default from the network)"},
                 {"--ignore-network-rules", "ignore_network_rules", K::Flag,
                  "do not apply the network's rules.csv"}};
}

const std::vector<Option> kAlternatives = {
    {"--alternatives", "alternatives", K::Integer, "k distinct good routes"}};
const std::vector<Option> kPareto = {
    {"--pareto", "pareto", K::Flag, "the exact non-dominated set over cost, time, CO2 and risk"}};

const std::vector<Option> kLandedTerms = {
    {"--incoterm", "incoterm", K::Text, "EXW|FCA|FOB|CFR|CIF|DAP|DDP (default DAP)"},
    {"--vat-recoverable", "vat_recoverable", K::Flag,
     "the importer recovers import VAT: shown, not counted in the landed cost"},
    {"--tariffs", "tariffs", K::Text, "tariff folder (default: the embedded schedules)"},
    {"--hs-nomenclature", "hs_nomenclature", K::Text,
     "HS nomenclature CSV (default: ../shared/data/hs/harmonized-system.csv if present)"}};
const std::vector<Option> kLanded =
    std::vector<Option>{{"--landed-cost", "landed_cost", K::Flag,
                         "rank routes by landed cost (duties, taxes, insurance, transit; see "
                         "landed-cost)"}} +
    kLandedTerms;

std::vector<Option> reliability_options(bool command) {
  std::vector<Option> o;
  if (command)
    o.push_back({"--samples", "reliability_samples", K::Integer,
                 "journeys sampled per route (default 10000)"});
  else
    o.push_back({"--reliability", "reliability_samples", K::Integer,
                 "add Monte Carlo reliability with N samples per route"});
  return o + std::vector<Option>{{"--seed", "seed", K::Number,
                                  "random seed: the same seed gives the same output (default 1)"},
                                 {"--deadline-days", "deadline_days", K::Number,
                                  "deadline for the on-time probability"},
                                 {"--penalty-per-day", "penalty_usd_per_day", K::Number,
                                  "USD per day late past the deadline"}};
}

// "none;CN;CN,RU,IR" -> ["none", "CN", "CN|RU|IR"]: the sets to compare.
Result<json> avoid_sets(const std::string& text) {
  json sets = json::array();
  for (const auto& s : text::split(text, ';')) {
    std::string set = s;
    std::replace(set.begin(), set.end(), ',', '|');
    sets.push_back(set);
  }
  return sets;
}
const Option kAvoidSets = {
    "--avoid-sets",
    "avoid_sets",
    K::Text,
    "';'-separated country sets to compare instead of the corridors, e.g. \"none;CN;CN,RU,IR\"",
    false,
    avoid_sets};

bool has_routes(const json& r) { return r.contains("routes") && !r["routes"].empty(); }

int no_route_exit(const json& r, std::ostream&) {
  return r.contains("routes") && r["routes"].empty() ? kExitNoRoute : 0;
}

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
  a.files["--svg"] = [shared, deadline_days] { return cdf_svg(*shared, deadline_days); };
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
  CARAVAN_TRY(j, route(*ctx.net, request, ctx.limits));
  return Answer{std::move(j), {}};
}

Result<Answer> run_compare(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, compare(*ctx.net, request, ctx.limits));
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
  CARAVAN_TRY(j, reliability(*ctx.net, req, ctx.limits, keep ? &samples : nullptr));
  std::optional<double> deadline;
  if (req.contains("deadline_days") && req["deadline_days"].is_number())
    deadline = req["deadline_days"].get<double>();
  return with_samples(std::move(j), std::move(samples), ctx, bins, deadline);
}

// --- why-not, locate ------------------------------------------------------------------------

Result<Answer> run_why_not(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, why_not(*ctx.net, request, ctx.limits));
  return Answer{std::move(j), {}};
}
std::string why_not_of(const Context&, const json& r) { return why_not_text(r); }

Result<Answer> run_locate(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, locate(*ctx.net, request));
  return Answer{std::move(j), {}};
}
std::string locate_of(const Context&, const json& r) { return locate_table(r); }
int locate_exit(const json& r, std::ostream&) {
  return r["matches"].empty() ? error_info(ErrorCode::NotFound).exit_code : 0;
}

// --- scenarios ------------------------------------------------------------------------------

Result<Answer> run_scenario(const Context& ctx, const json& request) {
  if (!request.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  json req = request;
  if (!req.contains("scenarios"))
    return make_error(ErrorCode::InvalidRequest,
                      "missing 'scenarios': names from the network's scenarios/ folder, or \"all\"",
                      "scenarios");
  json one = {{"scenarios", req["scenarios"]}};
  Fields f(one);
  CARAVAN_TRY(names, f.list("scenarios"));
  if (names.empty())
    return make_error(ErrorCode::InvalidRequest, "'scenarios' is empty", "scenarios");
  if (static_cast<int>(names.size()) > ctx.limits.max_variants)
    return make_error(
        ErrorCode::LimitExceeded,
        "at most " + std::to_string(ctx.limits.max_variants) + " scenarios per request",
        "scenarios");
  req.erase("scenarios");
  CARAVAN_TRY(scenarios, load_scenarios(*ctx.net, ctx.network_dir, names, !ctx.local));
  CARAVAN_TRY(j, run_scenarios(*ctx.net, req, scenarios, ctx.limits));
  Answer a{std::move(j), {}};
  auto shared = std::make_shared<const json>(a.json);
  a.files["--svg"] = [shared] { return scenario_svg(*shared); };
  return a;
}
std::string scenario_of(const Context&, const json& r) { return scenario_table(r); }
Result<json> best_only(const std::string&) { return json(false); }

Result<Answer> run_scenario_list(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{json{{"scenarios", scenario_names(ctx.network_dir)}}, {}};
}
std::string scenario_list_of(const Context&, const json& r) {
  std::string s;
  for (const auto& n : r["scenarios"]) s += n.get<std::string>() + "\n";
  return s;
}

// --- simulate -------------------------------------------------------------------------------

Result<Answer> run_simulate(const Context& ctx, const json& request) {
  CARAVAN_TRY(sim, simulate(*ctx.net, ctx.network_dir, request, ctx.local));
  Answer a{sim.json, {}};
  auto shared = std::make_shared<const SimRun>(std::move(sim));
  a.files["--csv"] = [shared] { return sim_series_csv(shared->config, shared->result); };
  a.files["--svg"] = [shared] { return sim_series_svg(shared->config, shared->result); };
  return a;
}
std::string simulate_of(const Context&, const json& r) { return sim_table(r); }

// --- landed cost, deal ----------------------------------------------------------------------

Result<Answer> run_landed(const Context& ctx, const json& request) {
  json req = request;
  CARAVAN_TRY(processing, take_bool(req, "compare_processing", false));
  CARAVAN_TRY(j, processing ? processing_compare(*ctx.net, req, ctx.limits)
                            : landed_cost(*ctx.net, req, ctx.limits));
  return Answer{std::move(j), {}};
}
std::string landed_of(const Context&, const json& r) {
  return r.contains("options") ? processing_text(r) : landed_table(r);
}
int landed_exit(const json& r, std::ostream& err) {
  if (r.contains("options") || has_routes(r)) return 0;
  err << "no route: " << r.value("no_route_reason", std::string()) << "\n";
  return kExitNoRoute;
}

Result<Answer> run_deal(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, deal(*ctx.net, request, ctx.limits));
  return Answer{std::move(j), {}};
}
std::string deal_of(const Context&, const json& r) { return deal_table(r); }

// --- assign ---------------------------------------------------------------------------------

bool assign_needs_network(const json& r) { return !(r.is_object() && r.contains("tntp")); }

Result<json> prepare_assign_request(const Context& ctx, const json& request) {
  return prepare_assign(ctx.network_dir, request, ctx.local, ctx.max_job_seconds);
}
Result<Answer> run_assign(const Context& ctx, const json& request) {
  CARAVAN_TRY(j, assign(ctx.net, request, ctx.progress));
  return Answer{std::move(j), {}};
}
std::string assign_of(const Context&, const json& r) { return assign_text(r); }
std::string assign_csv_of(const Context&, const json& r) { return assign_csv(r); }
Result<json> assign_geojson_of(const Context& ctx, const json& r) {
  if (!ctx.net || r.contains("instance"))
    return make_error(ErrorCode::InvalidRequest, "GeoJSON needs demand on a network, not tntp");
  return assign_geojson(*ctx.net, r);
}
int assign_exit(const json& r, std::ostream& err) {
  if (r.value("stop", "") != "converged")
    err << "warning: stopped by " << r.value("stop", "") << " before gap "
        << r.value("target_gap", 0.0) << "\n";
  return 0;
}

// --- network --------------------------------------------------------------------------------

Result<Answer> run_info(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{network_info(*ctx.net), {}};
}
std::string info_of(const Context&, const json& r) { return info_text(r); }

bool never(const json&) { return false; }
Result<Answer> run_validate(const Context& ctx, const json& request) {
  Fields f(request);
  CARAVAN_TRY(dir, f.opt_str("dir"));
  if (auto s = f.no_unknown(); !s) return s.error();
  const std::string d = dir.value_or(ctx.network_dir);
  CARAVAN_TRY(net, io::load_network(d));
  return Answer{json{{"dir", d},
                     {"valid", true},
                     {"locations", net.location_count()},
                     {"links", net.link_count()},
                     {"sources", net.tables().sources.size()}},
                {}};
}
std::string validate_of(const Context&, const json& r) {
  std::ostringstream s;
  s << r["dir"].get<std::string>() << ": valid (" << r["locations"] << " locations, " << r["links"]
    << " links, " << r["sources"] << " sources)\n";
  return s.str();
}

Result<Answer> run_export(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{io::network_geojson(*ctx.net), {}};
}
std::string export_of(const Context&, const json& r) { return r.dump() + "\n"; }

const std::vector<Feature>& table() {
  static const std::vector<Feature> kFeatures = {
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
      {"scenario",
       "a shipment under a baseline and scenarios (closures, upgrades, subsidies): the differences",
       "/v1/scenario", false,
       shipment_options() +
           std::vector<Option>{
               {"--scenario", "scenarios", K::List,
                "scenario file, or the name of one in the network's scenarios/ folder, or 'all' "
                "(repeatable)",
                true},
               {"--best", "corridors", K::Flag, "compare the best route only, not each corridor",
                false, best_only},
               {"--svg", "", K::File,
                "write a bar chart of cost per corridor and scenario to this SVG file"}} +
           reliability_options(false),
       false, nullptr, nullptr, run_scenario, scenario_of, nullptr, nullptr, nullptr},
      {"scenarios",
       "the scenarios in the network's scenarios/ folder",
       "/v1/scenarios",
       false,
       {},
       false,
       nullptr,
       nullptr,
       run_scenario_list,
       scenario_list_of,
       nullptr,
       nullptr,
       nullptr},
      {"simulate",
       "discrete-event simulation of corridor operations (ferries, berths, borders, streams)",
       "",
       false,
       {{"--config", "config", K::Text,
         "model file (JSON, docs/simulation.md), or the name of one in the network's sim/ folder",
         true},
        {"--seed", "seed", K::Integer, "random seed (overrides the model's)"},
        {"--horizon-days", "horizon_days", K::Number, "simulated days (overrides the model's)"},
        {"--csv", "", K::File, "write the queue-length time series to this CSV file"},
        {"--svg", "", K::File, "write a plot of queue lengths over time to this SVG file"}},
       false,
       nullptr,
       nullptr,
       run_simulate,
       simulate_of,
       nullptr,
       nullptr,
       nullptr},
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
      {"landed-cost",
       "landed cost: duties, taxes, insurance, Incoterm split; processing before export",
       "/v1/landed-cost", false,
       shipment_options() +
           std::vector<Option>{
               {"--alternatives", "alternatives", K::Integer,
                "k distinct routes, ranked by landed cost"},
               {"--hs", "hs", K::Text, "HS code instead of a catalogue commodity, e.g. 2846.90"}} +
           kLandedTerms +
           std::vector<Option>{
               {"--compare-processing", "compare_processing", K::Flag,
                "compare shipping --commodity (default rare-earth-concentrate) and processing at "
                "the destination with processing at a plant near the origin (--tonnes of "
                "product)"},
               {"--product", "product", K::Text, "final product (default rare-earth-oxide)"},
               {"--plant", "plant", K::Text,
                "origin-side plant (default: a plant of the step in the origin's country)"},
               {"--input-grade", "input_grade", K::Number,
                "grade of the input (mass fraction), overrides the data"},
               {"--recovery", "recovery", K::Number,
                "recovery of the first step (fraction), overrides the data"},
               {"--processing-cost-origin", "processing_cost_origin_usd_per_t", K::Number,
                "USD per t of product at the plant"},
               {"--processing-cost-destination", "processing_cost_destination_usd_per_t", K::Number,
                "USD per t of product at the destination"}},
       false, nullptr, nullptr, run_landed, landed_of, nullptr, nullptr, landed_exit},
      {"deal", "landed cost per tonne, margin and matching subsidy on each corridor", "", false,
       shipment_options() +
           std::vector<Option>{
               {"--annual-tonnes", "annual_tonnes", K::Number, "annual volume, tonnes", true},
               {"--sale-price", "sale_price_usd_per_t", K::Number,
                "sale price at the destination, USD per tonne", true},
               {"--shipments-per-year", "shipments_per_year", K::Number,
                "consignments per year (default 12)"},
               {"--hs", "hs", K::Text, "HS code instead of a catalogue commodity, e.g. 2846.90"}} +
           kLandedTerms,
       false, nullptr, nullptr, run_deal, deal_of, nullptr, nullptr, nullptr},
      {"assign",
       "assign annual demand to the network at equilibrium (or solve a TNTP benchmark)",
       "/v1/assign",
       true,
       {{"--demand", "demand", K::Text,
         "demand CSV (origin,destination,commodity,tonnes_py|teu_py), or the name of one in the "
         "network's demand/ folder"},
        {"--tntp", "tntp", K::Text, "a TNTP benchmark folder instead of the network"},
        {"--algorithm", "algorithm", K::Text, "b (Algorithm B, default), fw, cfw, bfw or aon",
         false, nullptr, "\"b\""},
        {"--gap", "gap", K::Number, "target relative gap (default 1e-8)", false, nullptr, "1e-8"},
        {"--objective", "objective", K::Text,
         "ue (user equilibrium, default) or so (system optimum)", false, nullptr, "\"ue\""},
        {"--max-iterations", "max_iterations", K::Integer, "iteration cap"},
        {"--max-seconds", "max_seconds", K::Number, "time cap"},
        {"--threads", "threads", K::Integer,
         "workers for the shortest-path passes (default 0: all cores; same result)", false, nullptr,
         "0"},
        {"--queue-scale-hours", "queue_scale_hours", K::Number,
         "queue delay at half capacity at ports, ferries, borders (default 24)"},
        {"--capacity", "capacity", K::List,
         "ID=TONNES_PER_YEAR capacity override (repeatable): link id, FROM>TO border, "
         "LOC:layer>layer port or a location id; reports the change against the base"}},
       true,
       assign_needs_network,
       prepare_assign_request,
       run_assign,
       assign_of,
       assign_csv_of,
       assign_geojson_of,
       assign_exit},
      {"network info",
       "counts, corridors and commodities",
       "/v1/info",
       false,
       {},
       false,
       nullptr,
       nullptr,
       run_info,
       info_of,
       nullptr,
       nullptr,
       nullptr},
      {"network validate",
       "check a network folder; prints the first error with file, line and field",
       "",
       false,
       {{"dir", "dir", K::Positional, "network folder (default: --network)"}},
       false,
       never,
       nullptr,
       run_validate,
       validate_of,
       nullptr,
       nullptr,
       nullptr},
      {"network export",
       "export the network as a GeoJSON FeatureCollection",
       "/v1/network",
       false,
       {{"--geojson", "", K::Flag, "GeoJSON FeatureCollection (the only format for now)"}},
       false,
       nullptr,
       nullptr,
       run_export,
       export_of,
       nullptr,
       nullptr,
       nullptr},
  };
  return kFeatures;
}

}  // namespace

std::span<const Feature> features() { return table(); }

const Feature* find_feature(std::string_view name) {
  for (const auto& f : table())
    if (f.name == name) return &f;
  return nullptr;
}

const Feature* feature_at(std::string_view http_path) {
  for (const auto& f : table())
    if (!f.http_path.empty() && f.http_path == http_path) return &f;
  return nullptr;
}

Result<json> prepare(const Feature& f, const Context& ctx, const json& request) {
  if (!ctx.local && request.is_object())
    for (const char* k : kPathFields)
      if (request.contains(k))
        return make_error(ErrorCode::InvalidRequest,
                          std::string("'") + k +
                              "' names a server-side file and is accepted only by the command line",
                          k);
  return f.prepare ? f.prepare(ctx, request) : Result<json>(request);
}

Result<Answer> run(const Feature& f, const Context& ctx, const json& request, bool prepared) {
  json ready = request;
  if (!prepared) {
    CARAVAN_TRY(p, prepare(f, ctx, request));
    ready = std::move(p);
  }
  if (!ctx.net && (!f.needs_network || f.needs_network(ready)))
    return make_error(ErrorCode::Internal, std::string(f.name) + " needs a network");
  return f.run(ctx, ready);
}

}  // namespace caravan::api
