// Landed cost, the processing comparison and deals as JSON (the use-cases are in trade/): request
// fields -> trade requests, responses -> JSON and text; also the landed-cost option of route and
// compare (routes ranked by landed cost, components per route).
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/request.h"
#include "route/planner.h"
#include "trade/landed_route.h"

namespace caravan::api {

// Request fields: "landed_cost" (bool), "incoterm" (EXW..DDP, default DAP), "vat_recoverable"
// (bool: import VAT is shown but not counted), "tariffs" (folder, default the embedded one),
// "hs_nomenclature" (CSV path, default the shared HS 2022 file).
struct LandedOptions {
  bool enabled = false;
  trade::LandedOptions terms;
  std::string tariffs_dir, hs_nomenclature;
};
Result<LandedOptions> parse_landed_options(Fields& f);
// The same fields moved out of a request (for handlers that parse the rest separately).
Result<LandedOptions> take_landed_options(nlohmann::json& request);

nlohmann::json landed_json(const trade::LandedCost& lc, tariff::Incoterm incoterm);

// Adds "landed_cost_usd" and "landed_cost" to every route and sorts them by landed cost.
Status add_landed_costs(const network::Network& net, const route::PlanRequest& r,
                        const LandedOptions& o, const std::vector<route::Itinerary>& routes,
                        nlohmann::json& routes_json);
// The same for compare's variants; variants without a route go last.
Status add_landed_costs(const network::Network& net, const route::PlanRequest& r,
                        const LandedOptions& o, const std::vector<route::VariantResult>& variants,
                        nlohmann::json& variants_json);

// `caravan landed-cost`: the route request plus "hs" (instead of a catalogue commodity) and the
// landed options; every route with its landed cost, cheapest landed first.
Result<nlohmann::json> landed_cost(const network::Network& net, const nlohmann::json& request,
                                   const Limits& limits = {});
// "compare_processing": ship the input and process at the destination, or process at a plant
// near the origin and ship the product; per tonne of final product.
Result<nlohmann::json> processing_compare(const network::Network& net,
                                          const nlohmann::json& request, const Limits& limits = {});
// `caravan deal`: "annual_tonnes", "sale_price_usd_per_t", "shipments_per_year": landed cost per
// tonne on each corridor, margin, and the subsidy per tonne at which one matches another.
Result<nlohmann::json> deal(const network::Network& net, const nlohmann::json& request,
                            const Limits& limits = {});

// `caravan markets` (markets_codec.cpp): "to" is a list of markets (ISO codes); "price_usd_per_t" a
// price for every market, "prices" one per market ({"JP": 70000} or "JP=70000,DE=..."); import VAT
// is treated as recoverable unless "vat_recoverable" is false.
Result<nlohmann::json> markets(const network::Network& net, const nlohmann::json& request,
                               const Limits& limits);

// Shared by the trade codec files.
// The route part and the landed options of a request that may carry "hs" instead of a
// commodity: the code is checked against the nomenclature and gives the catalogue commodity of
// its heading (for the handling class); a code with no such commodity needs "value_usd".
struct LandedRequest {
  route::PlanRequest plan;
  LandedOptions options;
  std::shared_ptr<const tariff::TradeData> data;
};
Result<LandedRequest> parse_landed_request(const network::Network& net,
                                           const nlohmann::json& request, const Limits& limits);
// A route's JSON with its landed cost ("landed_cost", "landed_cost_usd").
nlohmann::json priced_json(const network::Network& net, const route::Itinerary& it,
                           const trade::LandedCost& lc, tariff::Incoterm incoterm);
// Dollars to the cent, as every trade answer gives them.
double round2(double v);

// Text renderings for the terminal (trade_text.cpp).
std::string markets_table(const nlohmann::json& response);
std::string landed_table(const nlohmann::json& response);
std::string processing_text(const nlohmann::json& response);
std::string deal_table(const nlohmann::json& response);

}  // namespace caravan::api
