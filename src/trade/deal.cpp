// Deals: the corridor comparison priced per tonne.
#include "trade/deal.h"

#include <algorithm>
#include <cmath>

namespace caravan::trade {

Result<DealResponse> run_deal(const network::Network& net, const DealRequest& r) {
  DealResponse out;
  const auto& shipment = r.plan.shipment;
  out.tonnes_per_shipment = shipment.tonnes.value;
  if (!(out.tonnes_per_shipment > 0))
    return make_error(ErrorCode::InvalidRequest, "a consignment of no tonnes", "annual_tonnes");
  CARAVAN_TRY(results, route::compare(net, r.plan, route::corridor_variants(net)));
  std::optional<double> best;
  for (auto& v : results) {
    DealCorridor c;
    c.variant = v.variant;
    c.no_route_reason = v.no_route_reason;
    if (v.route) {
      c.landed = landed_cost(r.data->schedule, landed_input(net, *v.route, shipment, r.options));
      c.landed_usd_per_t = c.landed->total().value / out.tonnes_per_shipment;
      c.landed_usd_per_t_high = c.landed->total_high().value / out.tonnes_per_shipment;
      c.margin_usd_per_t = r.sale_price_usd_per_t - c.landed_usd_per_t;
      c.margin_usd_per_t_low = r.sale_price_usd_per_t - c.landed_usd_per_t_high;
      c.annual_margin_usd = c.margin_usd_per_t * r.annual_tonnes;
      if (!best || c.landed_usd_per_t < *best) best = c.landed_usd_per_t;
      c.route = std::move(v.route);
    }
    out.corridors.push_back(std::move(c));
  }
  const auto per_t = [](const DealCorridor& c) {
    return c.landed ? std::round(c.landed_usd_per_t * 100.0) : INFINITY;  // to the cent
  };
  std::stable_sort(
      out.corridors.begin(), out.corridors.end(),
      [&](const DealCorridor& a, const DealCorridor& b) { return per_t(a) < per_t(b); });
  for (auto& c : out.corridors) {
    if (!c.landed) continue;
    for (const auto& other : out.corridors)
      if (other.landed && other.variant.id != c.variant.id)
        c.subsidy_to_match[other.variant.id] =
            std::max(0.0, c.landed_usd_per_t - other.landed_usd_per_t);
    c.subsidy_to_match_best = c.landed_usd_per_t - best.value_or(0);
  }
  return out;
}

}  // namespace caravan::trade
