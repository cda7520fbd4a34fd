// A deal on each corridor: landed cost per tonne, the margin at a sale price, and the subsidy per
// tonne at which one corridor matches another.
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

struct DealRequest {
  route::PlanRequest plan;  // its shipment is one consignment: annual_tonnes / shipments_per_year
  double annual_tonnes = 0;
  double sale_price_usd_per_t = 0;
  int shipments_per_year = 12;
  LandedOptions options;
  std::shared_ptr<const tariff::TradeData> data;
};

struct DealCorridor {
  route::Variant variant;
  std::optional<route::Itinerary> route;
  std::string no_route_reason;
  std::optional<LandedCost> landed;  // of one consignment
  double landed_usd_per_t = 0, landed_usd_per_t_high = 0;
  // At the sale price: per tonne (low: with the landed cost's high end) and for the year.
  double margin_usd_per_t = 0, margin_usd_per_t_low = 0, annual_margin_usd = 0;
  // Subsidy per tonne that makes this corridor cost what each cheaper one costs (0 for dearer).
  std::map<std::string, double> subsidy_to_match;
  double subsidy_to_match_best = 0;
};

struct DealResponse {
  double tonnes_per_shipment = 0;
  std::vector<DealCorridor> corridors;  // cheapest landed first; no route last
};

Result<DealResponse> run_deal(const network::Network& net, const DealRequest& request);

}  // namespace caravan::trade
