// Which market pays best: for each destination country, the best route from the origin to any of
// its places, the landed cost there (freight, duties, taxes, insurance), and, given a sale price,
// the netback per tonne at the mine gate (`caravan markets`).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "route/planner.h"
#include "tariff/trade_data.h"
#include "trade/landed_route.h"

namespace caravan::trade {

struct MarketsRequest {
  // Origin, shipment, objective and constraints; `plan.query.to` is set per destination.
  route::PlanRequest plan;
  std::vector<std::string>
      markets;  // ISO 3166 codes; one the network lacks is a market with no route
  // Sale price per tonne in each market, delivered; `price_any` for markets not listed.
  std::map<std::string, double> price_usd_per_t;
  std::optional<double> price_any_usd_per_t;
  LandedOptions options;
  std::shared_ptr<const tariff::TradeData> data;
};

struct Market {
  std::string country;              // ISO 3166
  std::optional<PricedRoute> best;  // the cheapest landed route to any of its places
  LocationId destination;           // where that route ends
  std::size_t destinations = 0;     // places of the country tried
  std::string no_route_reason;
  // Landed cost less the goods' value, per tonne: what logistics and customs take (low ends of
  // range figures; `_high` at their high ends).
  double logistics_and_duties_usd_per_t = 0, logistics_and_duties_usd_per_t_high = 0;
  std::optional<double> price_usd_per_t;
  // price - logistics and duties, per tonne: what the sale pays back at the mine gate.
  std::optional<double> netback_usd_per_t, netback_usd_per_t_high;
};

struct MarketsResponse {
  std::vector<Market> markets;  // best netback first (else lowest landed cost); no route last
};

// Places of a market that a shipment may end at: every location of the country except mines,
// plants, border crossings and junctions.
std::vector<LocationId> market_places(const network::Network& net, CountryId country);

Result<MarketsResponse> run_markets(const network::Network& net, const MarketsRequest& request);

}  // namespace caravan::trade
