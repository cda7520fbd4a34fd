// The markets comparison.
#include "trade/markets.h"

#include <algorithm>

namespace caravan::trade {

namespace nw = caravan::network;

std::vector<LocationId> market_places(const nw::Network& net, CountryId country) {
  std::vector<LocationId> out;
  for (std::uint32_t i = 0; i < net.location_count(); ++i) {
    const auto& l = net.location(LocationId{i});
    if (l.country != country) continue;
    if (l.kind == nw::LocationKind::Mine || l.kind == nw::LocationKind::Plant ||
        l.kind == nw::LocationKind::BorderCrossing || l.kind == nw::LocationKind::Junction)
      continue;
    out.push_back(LocationId{i});
  }
  return out;
}

Result<MarketsResponse> run_markets(const nw::Network& net, const MarketsRequest& r) {
  MarketsResponse out;
  const double tonnes = r.plan.shipment.tonnes.value;
  for (const auto& code : r.markets) {
    Market m;
    m.country = code;
    const auto country = net.find_country(code);
    const auto places = country ? market_places(net, *country) : std::vector<LocationId>{};
    m.destinations = places.size();
    if (places.empty())
      m.no_route_reason = "the network '" + net.tables().name + "' has no place in " + code;
    for (const auto to : places) {
      if (to == r.plan.query.from) continue;
      LandedCostRequest lr{r.plan, r.options, r.data};
      lr.plan.query.to = to;
      lr.plan.alternatives = 1;
      lr.plan.pareto = false;
      CARAVAN_TRY(priced, run_landed_cost(net, lr));
      if (priced.routes.empty()) {
        if (m.no_route_reason.empty()) m.no_route_reason = priced.no_route_reason;
        continue;
      }
      auto& best = priced.routes.front();
      if (!m.best || cheaper_landed(best.landed, m.best->landed)) {
        m.best = std::move(best);
        m.destination = to;
      }
    }
    if (m.best) {
      m.no_route_reason.clear();
      const auto& lc = m.best->landed;
      m.logistics_and_duties_usd_per_t = (lc.total() - lc.goods_value).value / tonnes;
      m.logistics_and_duties_usd_per_t_high = (lc.total_high() - lc.goods_value).value / tonnes;
      if (auto it = r.price_usd_per_t.find(code); it != r.price_usd_per_t.end())
        m.price_usd_per_t = it->second;
      else
        m.price_usd_per_t = r.price_any_usd_per_t;
      if (m.price_usd_per_t) {
        // The high ends of the costs give the low end of the netback.
        m.netback_usd_per_t = *m.price_usd_per_t - m.logistics_and_duties_usd_per_t;
        m.netback_usd_per_t_high = *m.price_usd_per_t - m.logistics_and_duties_usd_per_t_high;
      }
    }
    out.markets.push_back(std::move(m));
  }
  std::stable_sort(out.markets.begin(), out.markets.end(), [](const Market& a, const Market& b) {
    if (a.best.has_value() != b.best.has_value()) return a.best.has_value();
    if (!a.best) return false;
    if (a.netback_usd_per_t && b.netback_usd_per_t)
      return *a.netback_usd_per_t > *b.netback_usd_per_t;
    if (a.netback_usd_per_t.has_value() != b.netback_usd_per_t.has_value())
      return a.netback_usd_per_t.has_value();
    return a.logistics_and_duties_usd_per_t < b.logistics_and_duties_usd_per_t;
  });
  return out;
}

}  // namespace caravan::trade
