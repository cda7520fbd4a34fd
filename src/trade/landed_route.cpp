// Routes priced with the tariff schedule.
#include "trade/landed_route.h"

#include <algorithm>
#include <cmath>

namespace caravan::trade {
namespace nw = caravan::network;

namespace {
Carriage& bucket(LandedInput& in, bool pre) { return pre ? in.pre : in.main; }
}  // namespace

LandedInput landed_input(const nw::Network& net, const route::Itinerary& it,
                         const cost::Shipment& shipment, const LandedOptions& o) {
  LandedInput in;
  const auto origin = net.location(it.locations.front()).country;
  const auto dest = net.location(it.locations.back()).country;
  in.origin_country = net.country(origin).iso2;
  in.destination_country = net.country(dest).iso2;
  // Each transit country with the modes of the legs in it (which regimes and fees apply).
  for (auto c : it.countries) {
    if (c == origin || c == dest) continue;
    const auto& iso = net.country(c).iso2;
    if (std::any_of(in.transit.begin(), in.transit.end(),
                    [&](const LandedInput::Transit& t) { return t.country == iso; }))
      continue;
    LandedInput::Transit t{iso, {}};
    for (const auto& l : it.legs) {
      const std::string m(nw::name(l.mode));
      const bool in_c = net.location(l.from).country == c || net.location(l.to).country == c ||
                        std::find(l.countries.begin(), l.countries.end(), c) != l.countries.end();
      if (in_c && std::find(t.modes.begin(), t.modes.end(), m) == t.modes.end())
        t.modes.push_back(m);
    }
    in.transit.push_back(std::move(t));
  }
  in.hs = shipment.hs;
  in.goods_value = shipment.value;
  in.tonnes = shipment.tonnes;
  in.risk = it.risk;
  in.incoterm = o.incoterm;
  in.vat_recoverable = o.vat_recoverable;
  // The port of shipment: the start of the first sea or ferry leg (the origin when none).
  std::size_t k = 0;
  for (std::size_t i = 0; i < it.legs.size(); ++i)
    if (it.legs[i].mode == nw::Mode::Sea || it.legs[i].mode == nw::Mode::Ferry) {
      k = i;
      break;
    }
  for (std::size_t i = 0; i < it.legs.size(); ++i) {
    auto& b = bucket(in, i < k);
    const auto& w = it.legs[i].w;
    b.freight += w.line_haul + w.handling;
    b.border += w.border;
    b.inventory += w.inventory;
    b.regimes += w.regimes;
  }
  for (const auto& s : it.stops) {
    auto& b = bucket(in, k > 0 && s.after_leg <= k);  // loading at the port is the seller's (FOB)
    b.freight += s.w.line_haul + s.w.handling;
    b.border += s.w.border;
    b.inventory += s.w.inventory;
    b.regimes += s.w.regimes;
  }
  return in;
}

Result<std::vector<LandedCost>> price_routes(const nw::Network& net, const cost::Shipment& shipment,
                                             const std::vector<route::Itinerary>& routes,
                                             const tariff::TradeData& data, const LandedOptions& o,
                                             const std::string& hs_field) {
  std::vector<LandedCost> out;
  if (routes.empty()) return out;
  if (!data.nomenclature.empty()) {
    auto ok = tariff::validate_hs(shipment.hs, data.nomenclature, hs_field);
    if (!ok) return ok.error();
  }
  out.reserve(routes.size());
  for (const auto& it : routes)
    out.push_back(landed_cost(data.schedule, landed_input(net, it, shipment, o)));
  return out;
}

bool cheaper_landed(const LandedCost& a, const LandedCost& b) {
  return std::round(a.total().value * 100.0) < std::round(b.total().value * 100.0);
}

std::optional<std::string> commodity_for_hs(const nw::Network& net, const std::string& hs) {
  std::optional<std::string> best;
  std::size_t best_len = 3;  // at least the heading (4 digits) must agree
  for (const auto& c : net.tables().commodities) {
    std::string d;
    for (char ch : c.hs)
      if (ch != '.') d += ch;
    std::size_t p = 0;
    while (p < d.size() && p < hs.size() && d[p] == hs[p]) ++p;
    if (p > best_len) {
      best_len = p;
      best = c.id;
    }
  }
  return best;
}

Result<LandedCostResponse> run_landed_cost(const nw::Network& net, const LandedCostRequest& r) {
  CARAVAN_TRY(result, route::plan(net, r.plan));
  CARAVAN_TRY(priced, price_routes(net, r.plan.shipment, result.routes, *r.data, r.options));
  LandedCostResponse out;
  for (std::size_t i = 0; i < result.routes.size(); ++i)
    out.routes.push_back({std::move(result.routes[i]), std::move(priced[i])});
  std::stable_sort(out.routes.begin(), out.routes.end(),
                   [](const PricedRoute& a, const PricedRoute& b) {
                     return cheaper_landed(a.landed, b.landed);
                   });
  if (out.routes.empty()) out.no_route_reason = result.no_route_reason;
  return out;
}

}  // namespace caravan::trade
