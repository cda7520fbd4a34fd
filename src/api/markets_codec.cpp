// `caravan markets` as JSON: the markets, prices and shipment of a request -> trade::run_markets
// -> each market's best landed route, cost per tonne and netback.
#include <algorithm>
#include <cctype>

#include "api/render.h"
#include "api/trade_codec.h"
#include "core/date.h"
#include "core/text.h"
#include "trade/markets.h"

namespace caravan::api {
namespace nw = caravan::network;
namespace tf = caravan::tariff;
using nlohmann::json;

Result<json> markets(const nw::Network& net, const json& request, const Limits& limits) {
  if (!request.is_object()) return field_error("request", "expected a JSON object");
  json rq = request;
  trade::MarketsRequest m;
  // The markets.
  {
    json one = {{"to", rq.value("to", json())}};
    Fields f(one);
    CARAVAN_TRY(list, f.list("to"));
    if (list.empty()) return field_error("to", "give the markets as ISO codes, e.g. JP,KR,DE");
    for (auto code : list) {
      for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (!is_iso3166_alpha2(code))
        return field_error("to", "'" + code + "' is not an ISO 3166-1 alpha-2 country code");
      m.markets.push_back(code);
    }
  }
  // Prices: one for all, and one per market.
  if (rq.contains("price_usd_per_t")) {
    json one = {{"price_usd_per_t", rq["price_usd_per_t"]}};
    Fields f(one);
    CARAVAN_TRY(p, f.opt_num("price_usd_per_t", 0, 1e9));
    m.price_any_usd_per_t = p;
    rq.erase("price_usd_per_t");
  }
  if (rq.contains("prices")) {
    const json& p = rq["prices"];
    std::vector<std::pair<std::string, json>> pairs;
    if (p.is_object()) {
      for (auto it = p.begin(); it != p.end(); ++it) pairs.push_back({it.key(), it.value()});
    } else if (p.is_string()) {
      for (const auto& part : text::split(p.get<std::string>(), ',')) {
        const auto eq = part.find('=');
        if (eq == std::string::npos)
          return field_error("prices", "expected MARKET=USD_PER_T pairs, e.g. JP=70000,DE=68000");
        pairs.push_back({std::string(text::trim(part.substr(0, eq))),
                         std::string(text::trim(part.substr(eq + 1)))});
      }
    } else {
      return field_error("prices", "expected an object {\"JP\": 70000} or JP=70000,DE=68000");
    }
    for (auto& [code, value] : pairs) {
      for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (std::find(m.markets.begin(), m.markets.end(), code) == m.markets.end())
        return field_error("prices", "a price for '" + code + "', which is not among the markets");
      json one = {{"prices", value}};
      Fields f(one);
      CARAVAN_TRY(v, f.opt_num("prices", 0, 1e9));
      m.price_usd_per_t[code] = *v;
    }
    rq.erase("prices");
  }
  // The shared parser needs a destination: the origin stands in; each market sets its own.
  rq["to"] = rq.value("from", json(""));
  if (!rq.contains("vat_recoverable")) rq["vat_recoverable"] = true;
  CARAVAN_TRY(p, parse_landed_request(net, rq, limits));
  m.plan = p.plan;
  m.options = p.options.terms;
  m.data = p.data;
  CARAVAN_TRY(result, trade::run_markets(net, m));
  json out;
  out["query"] = shipment_json(net, m.plan);
  out["query"].erase("to");
  out["query"].erase("to_name");
  out["query"]["markets"] = m.markets;
  out["query"]["incoterm"] = tf::name(m.options.incoterm);
  out["query"]["vat_recoverable"] = m.options.vat_recoverable;
  json list = json::array();
  for (const auto& x : result.markets) {
    json j = {{"market", x.country}, {"places_tried", x.destinations}};
    if (x.best) {
      j["destination"] = net.location(x.destination).id;
      j["destination_name"] = net.location(x.destination).name;
      j["route"] = priced_json(net, x.best->route, x.best->landed, m.options.incoterm);
      j["logistics_and_duties_usd_per_t"] = round2(x.logistics_and_duties_usd_per_t);
      j["logistics_and_duties_usd_per_t_high"] = round2(x.logistics_and_duties_usd_per_t_high);
      j["landed_cost_usd_per_t"] =
          round2(x.best->landed.total().value / m.plan.shipment.tonnes.value);
      j["complete"] = x.best->landed.complete();
    } else {
      j["route"] = nullptr;
      j["no_route_reason"] = x.no_route_reason;
    }
    if (x.price_usd_per_t) j["price_usd_per_t"] = *x.price_usd_per_t;
    if (x.netback_usd_per_t) {
      j["netback_usd_per_t"] = round2(*x.netback_usd_per_t);
      j["netback_usd_per_t_low"] = round2(*x.netback_usd_per_t_high);
    }
    list.push_back(j);
  }
  out["markets"] = list;
  return out;
}

}  // namespace caravan::api
