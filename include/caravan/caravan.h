// Caravan's public C++ API: load a network (and trade data), then run any feature as a typed
// use-case: a plain request struct in, a Result holding a response struct out, no JSON inside.
// Everything not reachable from here is internal.
//
//   feature                      call                                  request -> response
//   route, alternatives, Pareto  route::plan                           PlanRequest -> PlanResult
//   compare corridors            route::compare                        + Variants -> VariantResults
//   why not via X                route::why_not                        PlanRequest -> WhyNot
//   reliability (Monte Carlo)    sim::reliability (sim::options_for)   Itinerary -> ReliabilityResult
//   scenario comparison          scenario::run_comparison              ComparisonRequest -> Response
//   simulation (DES)             sim::simulate                         SimConfig -> SimResult
//   assignment                   assign::run_freight_assignment        FreightAssignmentRequest -> Result
//   landed cost                  trade::run_landed_cost                LandedCostRequest -> Response
//   processing before export     trade::run_processing_comparison      ProcessingRequest -> Response
//   deal                         trade::run_deal                       DealRequest -> DealResponse
//   markets (netback by market)  trade::run_markets                    MarketsRequest -> Response
//   locate                       network::locate                       text -> matches
//   sea route (any port to port) sea::plan_sea_route (io::load_sea_data) SeaRouteRequest -> Response
//   gazetteer search             places::Gazetteer::search (io::load_places) text -> matches
//   network info / export        network::summarize, io::network_geojson
//   HS code from a description   classify::classify (io::load_hs_model)  ClassifyRequest -> Response
//   train / evaluate classifier  classify::train, classify::evaluate    TrainRequest -> TrainResponse
//   valuation check              tariff::check_value                    prices, value -> ValueCheck
//   corridor flows and forecast  trade::run_flows (io::read_flows)      FlowsRequest -> Response
//   any feature by name, JSON    caravan::run_json (the CLI's and HTTP's codec)
#pragma once
#include <string>

#include "api/feature.h"
#include "assign/freight_assignment.h"
#include "classify/classifier.h"
#include "classify/evaluate.h"
#include "classify/train.h"
#include "core/result.h"
#include "io/flows_reader.h"
#include "io/geojson.h"
#include "io/hs_model_io.h"
#include "io/network_reader.h"
#include "io/sea_reader.h"
#include "io/tariff_reader.h"
#include "network/locate.h"
#include "network/summary.h"
#include "route/planner.h"
#include "scenario/comparison.h"
#include "sim/des.h"
#include "sim/monte_carlo.h"
#include "tariff/valuation.h"
#include "trade/deal.h"
#include "trade/flows.h"
#include "trade/landed_route.h"
#include "trade/markets.h"
#include "trade/processing_comparison.h"

namespace caravan {

// A network folder (CSV + network.json, docs/network-format.md); the embedded Eurasian network
// by default. Errors name the file, the line and the field.
inline Result<network::Network> load_network(const std::string& dir = io::default_network_dir()) {
  return io::load_network(dir);
}

// Tariff schedules and the HS nomenclature for landed costs; the embedded schedules and the
// shared HS 2022 file by default.
inline Result<std::shared_ptr<const tariff::TradeData>> load_trade_data(
    const std::string& tariffs_dir = io::default_tariffs_dir(),
    const std::string& nomenclature = io::default_hs_nomenclature()) {
  return io::load_trade_data(tariffs_dir, nomenclature);
}

// Any feature of the feature table by name ("route", "landed-cost", ...) with a JSON request, as
// the CLI and the HTTP API run it: the same JSON answer.
inline Result<nlohmann::json> run_json(const network::Network& net, const std::string& feature,
                                       const nlohmann::json& request) {
  const auto* f = api::find_feature(feature);
  if (!f) return make_error(ErrorCode::NotFound, "no feature '" + feature + "'", "feature");
  api::Context ctx;
  ctx.net = &net;
  ctx.network_dir = io::default_network_dir();
  CARAVAN_TRY(answer, api::run(*f, ctx, request));
  return std::move(answer.json);
}

}  // namespace caravan
