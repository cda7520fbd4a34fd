// The feature table's entries for scenarios, simulation, assignment, landed cost and deals: request
// -> use-case -> answer, and renderers.
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

namespace {

bool has_routes(const json& r) { return r.contains("routes") && !r["routes"].empty(); }

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
  CARAVAN_TRY(joined, joined_network(ctx, req));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(
      j, processing ? processing_compare(net, req, ctx.limits) : landed_cost(net, req, ctx.limits));
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

Result<Answer> run_markets(const Context& ctx, const json& request) {
  // A place beyond the network as the origin is joined to it; the markets are countries.
  // A market the network has no place in is served through its main seaports (by sea).
  json origin = json::object();
  std::vector<std::string> countries;
  if (request.is_object()) {
    if (request.contains("from")) origin["from"] = request["from"];
    if (request.contains("to")) {
      json one = {{"to", request["to"]}};
      Fields f(one);
      if (auto list = f.list("to"))
        for (auto code : *list) {
          for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          if (code.size() == 2) countries.push_back(code);
        }
    }
  }
  // Bulk goods go to ports with a bulk facility, the rest to container ports.
  auto facility = places::Facility::Container;
  if (request.is_object() && request.contains("commodity") && request["commodity"].is_string())
    if (const auto c = ctx.net->find_commodity(request["commodity"].get<std::string>()))
      if (ctx.net->commodity(*c).handling != network::Handling::Container)
        facility = places::Facility::Bulk;
  CARAVAN_TRY(joined, joined_network(ctx, origin, countries, facility));
  const network::Network& net = joined ? *joined : *ctx.net;
  CARAVAN_TRY(j, markets(net, request, ctx.limits));
  for (auto& m : j["markets"])  // still unreached: the gazetteer had no port there either
    if (m.value("places_tried", 1) == 0 && m.contains("no_route_reason"))
      m["no_route_reason"] =
          m["no_route_reason"].get<std::string>() +
          ", nor does the gazetteer list a seaport there that the sea lanes reach "
          "(a fuller UN/LOCODE or World Port Index file: CARAVAN_UNLOCODE, "
          "CARAVAN_WPI)";
  return Answer{std::move(j), {}};
}
std::string markets_of(const Context&, const json& r) { return markets_table(r); }

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

}  // namespace

std::vector<Feature> study_features() {
  return {
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
      {"landed-cost",
       "landed cost: duties, taxes, insurance, Incoterm split; processing before export",
       "/v1/landed-cost", false,
       shipment_options() +
           std::vector<Option>{{"--alternatives", "alternatives", K::Integer,
                                "k distinct routes, ranked by landed cost"}} +
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
      {"markets",
       "which market pays best: the best landed route to each and the netback at the mine gate",
       "/v1/markets", false,
       [] {
         auto o = shipment_options(false);
         for (auto& x : o)
           if (x.field == "to")
             x.help = "the markets: comma list of ISO country codes, e.g. JP,KR,CN,DE";
         o.push_back({"--price-usd", "price_usd_per_t", K::Number,
                      "sale price per tonne, delivered, in every market (gives the netback)"});
         o.push_back(
             {"--prices", "prices", K::Text, "sale price per tonne by market: JP=70000,DE=68000"});
         return o + kLandedTerms;
       }(),
       false, nullptr, nullptr, run_markets, markets_of, nullptr, nullptr, nullptr},
      {"deal", "landed cost per tonne, margin and matching subsidy on each corridor", "", false,
       shipment_options() +
           std::vector<Option>{
               {"--annual-tonnes", "annual_tonnes", K::Number, "annual volume, tonnes", true},
               {"--sale-price", "sale_price_usd_per_t", K::Number,
                "sale price at the destination, USD per tonne", true},
               {"--shipments-per-year", "shipments_per_year", K::Number,
                "consignments per year (default 12)"}} +
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
  };
}

}  // namespace caravan::api
