// Landed cost of routes: an itinerary cut at its port of shipment and priced with the tariff
// schedule (`landed_cost`), for `caravan landed-cost` and the landed-cost option of route and
// compare.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "route/planner.h"
#include "tariff/incoterm.h"
#include "tariff/trade_data.h"
#include "trade/landed_cost.h"

namespace caravan::trade {

struct LandedOptions {
  tariff::Incoterm incoterm = tariff::Incoterm::Dap;
  bool vat_recoverable = false;  // import VAT is shown but not counted
};

// The itinerary cut at its port of shipment (first sea or ferry leg), with its transit countries
// and the modes of their legs, under the options' Incoterm and VAT treatment.
LandedInput landed_input(const network::Network& net, const route::Itinerary& it,
                         const cost::Shipment& shipment, const LandedOptions& o);

// The landed cost of each route, in order. Errors: the shipment's HS code is not in the
// nomenclature (when one is loaded), naming `hs_field`.
Result<std::vector<LandedCost>> price_routes(const network::Network& net,
                                             const cost::Shipment& shipment,
                                             const std::vector<route::Itinerary>& routes,
                                             const tariff::TradeData& data, const LandedOptions& o,
                                             const std::string& hs_field = "commodity");

// The order routes are ranked in: landed cost to the cent, then as found.
bool cheaper_landed(const LandedCost& a, const LandedCost& b);

// The catalogue commodity whose HS code shares the longest prefix (at least the heading) with
// `hs` (digits): it gives the handling class of goods named by code. nullopt when none does.
std::optional<std::string> commodity_for_hs(const network::Network& net, const std::string& hs);

struct LandedCostRequest {
  route::PlanRequest plan;
  LandedOptions options;
  std::shared_ptr<const tariff::TradeData> data;
};
struct PricedRoute {
  route::Itinerary route;
  LandedCost landed;
};
struct LandedCostResponse {
  std::vector<PricedRoute> routes;  // cheapest landed first
  std::string no_route_reason;      // when there is no route
};
// `caravan landed-cost`: plans the shipment (k routes, or the Pareto set) and prices each route.
Result<LandedCostResponse> run_landed_cost(const network::Network& net,
                                           const LandedCostRequest& request);

}  // namespace caravan::trade
