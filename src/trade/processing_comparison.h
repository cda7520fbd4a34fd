// Process before export or after: ship the input and process at the destination, or process at
// a plant near the origin and ship the product; costs per tonne of final product.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "route/planner.h"
#include "tariff/processing.h"
#include "tariff/trade_data.h"
#include "trade/landed_route.h"

namespace caravan::trade {

struct ProcessingRequest {
  // Objective, constraints and cost parameters of every leg; each leg sets its own places and
  // shipment.
  route::PlanRequest base;
  bool value_of_time_given = false;  // else each leg's default from its goods' value
  LocationId from, to;
  std::string plant;  // a location name; "" = a plant of the first step in the origin's country
  std::string input = "rare-earth-concentrate", product = "rare-earth-oxide";
  double tonnes_product = 1.0;
  std::optional<double> input_grade, recovery;  // override the first step's figures
  std::optional<double> cost_origin_usd_per_t, cost_destination_usd_per_t;  // of product
  LandedOptions options;
  std::shared_ptr<const tariff::TradeData> data;
};

// A low and a high end (range figures of the schedule at their ends).
struct Span {
  double low = 0, high = 0;
  Span operator+(Span o) const { return {low + o.low, high + o.high}; }
};

struct ProcessingLeg {
  route::Itinerary route;
  LandedCost landed;
};

struct ProcessingOption {
  std::string id;  // "process-at-destination" or "process-at-origin"
  std::string description, shipped_commodity;
  double shipped_tonnes = 0;
  LocationId process_at;
  double input_value_usd = 0;
  Span logistics;                  // every cost of moving and clearing, goods excluded
  std::optional<Span> processing;  // for all the product; nullopt when unknown
  Span total;                      // input value + logistics + processing
  std::vector<ProcessingLeg> legs;
  std::vector<std::string> missing;
};

struct ProcessingResponse {
  LocationId from, to, plant;
  std::string input, product;
  double tonnes_product = 0;
  tariff::Chain chain;
  ProcessingOption at_destination, at_origin;
  // How much more processing may cost per t at the origin plant than at the destination before
  // processing at the origin stops being cheaper (low ends), and its extremes with range figures.
  double break_even_premium_usd_per_t = 0;
  Span break_even_range;
};

Result<ProcessingResponse> run_processing_comparison(const network::Network& net,
                                                     const ProcessingRequest& request);

}  // namespace caravan::trade
