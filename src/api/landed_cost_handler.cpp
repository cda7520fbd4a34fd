// Landed cost, deal and processing comparison handlers.
#include "api/landed_cost_handler.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include "api/render.h"
#include "api/request.h"
#include "core/text.h"
#include "io/tariff_reader.h"
#include "network/locate.h"

namespace caravan::api {
namespace nw = caravan::network;
namespace tf = caravan::tariff;
using nlohmann::json;

namespace {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

// The request with "hs" replaced by a catalogue commodity of the same heading (for the handling
// class), and the HS digits to use. A code with no such commodity needs "value_usd".
struct HsRequest {
  json request;
  std::string hs;  // "" when the request names a catalogue commodity only
};
Result<HsRequest> resolve_hs(const nw::Network& net, const json& request,
                             const tf::Nomenclature& nom) {
  HsRequest out{request, {}};
  if (!request.is_object() || !request.contains("hs")) return out;
  if (!request["hs"].is_string()) return field_error("hs", "expected a string such as 2846.90");
  CARAVAN_TRY(hs, tf::validate_hs(request["hs"].get<std::string>(), nom, "hs"));
  out.hs = hs;
  out.request.erase("hs");
  if (!request.contains("commodity")) {
    std::string best = "general-container";
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
    if (best == "general-container" && !request.contains("value_usd"))
      return field_error("value_usd", "HS " + hs +
                                          " matches no catalogue commodity: give the goods' value "
                                          "(--value-usd)");
    out.request["commodity"] = best;
  }
  return out;
}

cost::Carriage& bucket(cost::LandedInput& in, bool pre) { return pre ? in.pre : in.main; }

}  // namespace

Result<LandedOptions> take_landed_options(json& request) {
  json opts = json::object();
  if (request.is_object())
    for (const char* k :
         {"landed_cost", "incoterm", "vat_recoverable", "tariffs", "hs_nomenclature"})
      if (request.contains(k)) {
        opts[k] = request[k];
        request.erase(k);
      }
  Fields f(opts);
  return parse_landed_options(f);
}

Result<LandedOptions> parse_landed_options(Fields& f) {
  LandedOptions o;
  CARAVAN_TRY(enabled, f.flag("landed_cost"));
  o.enabled = enabled;
  CARAVAN_TRY(vat, f.flag("vat_recoverable"));
  o.vat_recoverable = vat;
  CARAVAN_TRY(inc, f.opt_str("incoterm"));
  if (inc) {
    auto t = tf::parse_incoterm(*inc);
    if (!t)
      return field_error("incoterm", "unknown Incoterm '" + *inc +
                                         "' (expected EXW, FCA, FOB, CFR, CIF, DAP, DDP)");
    o.incoterm = *t;
  }
  CARAVAN_TRY(dir, f.opt_str("tariffs"));
  o.tariffs_dir = dir.value_or(io::default_tariffs_dir());
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  o.hs_nomenclature = nom.value_or(io::default_hs_nomenclature());
  return o;
}

namespace {

// The last-write times of every file the trade data is read from, in name order; nullopt when
// one cannot be read (then the data is read afresh, and the reader reports the error).
using Stamp = std::vector<std::pair<std::string, std::filesystem::file_time_type>>;
std::optional<Stamp> stamp_of(const LandedOptions& o) {
  std::error_code ec;
  Stamp s;
  for (const auto& e : std::filesystem::directory_iterator(o.tariffs_dir, ec)) {
    s.emplace_back(e.path().string(), e.last_write_time(ec));
    if (ec) return std::nullopt;
  }
  if (ec) return std::nullopt;
  if (!o.hs_nomenclature.empty()) {
    s.emplace_back(o.hs_nomenclature, std::filesystem::last_write_time(o.hs_nomenclature, ec));
    if (ec) return std::nullopt;
  }
  std::sort(s.begin(), s.end());
  return s;
}

}  // namespace

Result<std::shared_ptr<const TradeData>> load_trade_data(const LandedOptions& o) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>,
                  std::pair<Stamp, std::shared_ptr<const TradeData>>>
      cache;
  constexpr std::size_t kMaxCached = 8;  // user folders cannot grow it without bound
  const auto key = std::make_pair(o.tariffs_dir, o.hs_nomenclature);
  const auto stamp = stamp_of(o);
  if (stamp) {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end() && it->second.first == *stamp)
      return it->second.second;
  }
  auto d = std::make_shared<TradeData>();
  CARAVAN_TRY(s, io::load_tariffs(o.tariffs_dir));
  d->schedule = std::move(s);
  if (!o.hs_nomenclature.empty()) {
    CARAVAN_TRY(n, io::load_nomenclature(o.hs_nomenclature));
    d->nomenclature = std::move(n);
  }
  if (stamp) {
    std::lock_guard lock(mutex);
    if (cache.size() >= kMaxCached) cache.clear();
    cache[key] = {*stamp, d};
  }
  return std::shared_ptr<const TradeData>(std::move(d));
}

cost::LandedInput landed_input(const nw::Network& net, const route::Itinerary& it,
                               const cost::Shipment& shipment, const LandedOptions& o) {
  cost::LandedInput in;
  const auto origin = net.location(it.locations.front()).country;
  const auto dest = net.location(it.locations.back()).country;
  in.origin_country = net.country(origin).iso2;
  in.destination_country = net.country(dest).iso2;
  // Each transit country with the modes of the legs in it (which regimes and fees apply).
  for (auto c : it.countries) {
    if (c == origin || c == dest) continue;
    const auto& iso = net.country(c).iso2;
    if (std::any_of(in.transit.begin(), in.transit.end(),
                    [&](const cost::LandedInput::Transit& t) { return t.country == iso; }))
      continue;
    cost::LandedInput::Transit t{iso, {}};
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
  }
  for (const auto& s : it.stops) {
    auto& b = bucket(in, k > 0 && s.after_leg <= k);  // loading at the port is the seller's (FOB)
    b.freight += s.w.line_haul + s.w.handling;
    b.border += s.w.border;
    b.inventory += s.w.inventory;
  }
  return in;
}

json landed_json(const cost::LandedCost& lc, tf::Incoterm incoterm) {
  json comps = json::array();
  for (const auto& c : lc.components) {
    json cj = {{"name", c.name},   {"usd", round2(c.usd.value)}, {"payer", tf::name(c.payer)},
               {"known", c.known}, {"detail", c.detail},         {"sources", c.sources}};
    if (c.usd_high) cj["usd_high"] = round2(c.usd_high->value);
    if (!c.counted) cj["counted"] = false;
    comps.push_back(std::move(cj));
  }
  json j = {{"landed_cost_usd", round2(lc.total().value)},
            {"landed_cost_usd_high", round2(lc.total_high().value)},
            {"incoterm", tf::name(incoterm)},
            {"goods_value_usd", round2(lc.goods_value.value)},
            {"seller_costs_usd", round2(lc.seller.value)},
            {"buyer_costs_usd", round2(lc.buyer.value)},
            {"seller_costs_usd_high", round2(lc.seller_high.value)},
            {"buyer_costs_usd_high", round2(lc.buyer_high.value)},
            {"price_at_incoterm_usd", round2((lc.goods_value + lc.seller).value)},
            {"customs_value_usd", round2(lc.customs_value.value)},
            {"valuation", lc.valuation == tf::Valuation::Cif ? "CIF" : "FOB"},
            {"complete", lc.complete()},
            {"missing", lc.missing},
            {"notes", lc.notes},
            {"export_banned", lc.blocked},
            {"currency", lc.currency},
            {"components", comps}};
  if (lc.usd_per_unit && *lc.usd_per_unit > 0) {
    j["usd_per_unit"] = *lc.usd_per_unit;
    j["fx_date"] = lc.fx_date;
    j["landed_cost_local"] = round2(lc.total().value / *lc.usd_per_unit);
    j["landed_cost_local_high"] = round2(lc.total_high().value / *lc.usd_per_unit);
  }
  return j;
}

namespace {

Result<json> route_landed(const nw::Network& net, const route::PlanRequest& r, const TradeData& d,
                          const LandedOptions& o, const route::Itinerary& it) {
  if (!d.nomenclature.empty()) {
    auto ok = tf::validate_hs(r.shipment.hs, d.nomenclature, "commodity");
    if (!ok) return ok.error();
  }
  const auto lc = cost::landed_cost(d.schedule, landed_input(net, it, r.shipment, o));
  return landed_json(lc, o.incoterm);
}

double landed_of(const json& j) {
  return j.contains("landed_cost_usd") ? j["landed_cost_usd"].get<double>() : INFINITY;
}

}  // namespace

Status add_landed_costs(const nw::Network& net, const route::PlanRequest& r, const LandedOptions& o,
                        const std::vector<route::Itinerary>& routes, json& routes_json) {
  CARAVAN_TRY(trade, load_trade_data(o));
  const TradeData& d = *trade;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    CARAVAN_TRY(lj, route_landed(net, r, d, o, routes[i]));
    routes_json[i]["landed_cost_usd"] = lj["landed_cost_usd"];
    routes_json[i]["landed_cost"] = std::move(lj);
  }
  std::stable_sort(routes_json.begin(), routes_json.end(),
                   [](const json& a, const json& b) { return landed_of(a) < landed_of(b); });
  return Ok{};
}

Status add_landed_costs(const nw::Network& net, const route::PlanRequest& r, const LandedOptions& o,
                        const std::vector<route::VariantResult>& variants, json& variants_json) {
  CARAVAN_TRY(trade, load_trade_data(o));
  const TradeData& d = *trade;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    if (!variants[i].route) continue;
    CARAVAN_TRY(lj, route_landed(net, r, d, o, *variants[i].route));
    variants_json[i]["route"]["landed_cost_usd"] = lj["landed_cost_usd"];
    variants_json[i]["landed_cost_usd"] = lj["landed_cost_usd"];
    variants_json[i]["route"]["landed_cost"] = std::move(lj);
  }
  std::stable_sort(variants_json.begin(), variants_json.end(),
                   [](const json& a, const json& b) { return landed_of(a) < landed_of(b); });
  return Ok{};
}

namespace {

// Parses the route part and the landed options of a request that may carry "hs".
struct Parsed {
  route::PlanRequest plan;
  LandedOptions options;
  std::shared_ptr<const TradeData> data;
};
Result<Parsed> parse_landed_request(const nw::Network& net, const json& request,
                                    const Limits& limits) {
  // The nomenclature is needed before the shipment is built, so read the options first.
  json rq = request;
  CARAVAN_TRY(o, take_landed_options(rq));
  CARAVAN_TRY(trade, load_trade_data(o));
  const TradeData& d = *trade;
  CARAVAN_TRY(hr, resolve_hs(net, rq, d.nomenclature));
  Fields f(hr.request);
  CARAVAN_TRY(plan, parse_plan_request(net, f, limits));
  if (auto s = f.no_unknown(); !s) return s.error();
  if (!hr.hs.empty()) {
    plan.shipment.hs = hr.hs;
    plan.query.hs = hr.hs;
  } else if (!d.nomenclature.empty()) {
    auto ok = tf::validate_hs(plan.shipment.hs, d.nomenclature, "commodity");
    if (!ok) return ok.error();
  }
  return Parsed{std::move(plan), o, std::move(trade)};
}

}  // namespace

Result<json> landed_cost(const nw::Network& net, const json& request, const Limits& limits) {
  CARAVAN_TRY(p, parse_landed_request(net, request, limits));
  CARAVAN_TRY(result, route::plan(net, p.plan));
  json out;
  out["query"] = shipment_json(net, p.plan);
  out["query"]["incoterm"] = tf::name(p.options.incoterm);
  out["query"]["tariffs"] = p.options.tariffs_dir;
  out["query"]["hs_nomenclature"] = p.data->nomenclature.empty()
                                        ? std::string("(none: format check only)")
                                        : p.options.hs_nomenclature;
  json routes = json::array();
  for (const auto& it : result.routes) {
    json rj = itinerary_json(net, it);
    CARAVAN_TRY(lj, route_landed(net, p.plan, *p.data, p.options, it));
    rj["landed_cost_usd"] = lj["landed_cost_usd"];
    rj["landed_cost"] = std::move(lj);
    routes.push_back(std::move(rj));
  }
  std::stable_sort(routes.begin(), routes.end(),
                   [](const json& a, const json& b) { return landed_of(a) < landed_of(b); });
  out["routes"] = routes;
  if (routes.empty()) out["no_route_reason"] = result.no_route_reason;
  return out;
}

namespace {

Result<double> num(const json& j, const std::string& k, double def, double min, double max) {
  if (!j.contains(k)) return def;
  json one = {{k, j[k]}};
  Fields f(one);
  CARAVAN_TRY(v, f.opt_num(k, min, max));
  return v.value_or(def);
}

// Plans one leg of the processing comparison and returns its landed cost.
struct LegResult {
  json route;
  cost::LandedCost lc;
  double tonnes = 0;
};
Result<LegResult> plan_leg(const nw::Network& net, const json& base, const std::string& from,
                           const std::string& to, const std::string& commodity, double tonnes,
                           const TradeData& d, const LandedOptions& o, const Limits& limits) {
  json req = base;
  req["from"] = from;
  req["to"] = to;
  req["commodity"] = commodity;
  req["tonnes"] = tonnes;
  Fields f(req);
  CARAVAN_TRY(plan, parse_plan_request(net, f, limits));
  CARAVAN_TRY(result, route::plan(net, plan));
  if (result.routes.empty())
    return make_error(ErrorCode::NotFound, "no route for " + commodity + " from " + from + " to " +
                                               to + ": " + result.no_route_reason);
  LegResult out;
  out.tonnes = tonnes;
  out.lc =
      cost::landed_cost(d.schedule, landed_input(net, result.routes.front(), plan.shipment, o));
  out.route = itinerary_json(net, result.routes.front());
  out.route["landed_cost"] = landed_json(out.lc, o.incoterm);
  return out;
}

}  // namespace

Result<json> processing_compare(const nw::Network& net, const json& request, const Limits& limits) {
  if (!request.is_object()) return field_error("request", "expected a JSON object");
  json rq = request;
  const auto take_str = [&](const std::string& k, const std::string& def) {
    std::string v = rq.contains(k) && rq[k].is_string() ? rq[k].get<std::string>() : def;
    rq.erase(k);
    return v;
  };
  CARAVAN_TRY(o, take_landed_options(rq));
  CARAVAN_TRY(trade, load_trade_data(o));
  const TradeData& d = *trade;
  const std::string input = take_str("commodity", "rare-earth-concentrate");
  const std::string product = take_str("product", "rare-earth-oxide");
  std::string plant = take_str("plant", "");
  CARAVAN_TRY(t, num(rq, "tonnes", 1.0, 1e-6, 1e9));
  CARAVAN_TRY(grade, num(rq, "input_grade", -1, 0, 1));
  CARAVAN_TRY(recovery, num(rq, "recovery", -1, 0, 1));
  CARAVAN_TRY(cost_origin, num(rq, "processing_cost_origin_usd_per_t", -1, 0, 1e8));
  CARAVAN_TRY(cost_dest, num(rq, "processing_cost_destination_usd_per_t", -1, 0, 1e8));
  for (const char* k :
       {"tonnes", "teu", "input_grade", "recovery", "processing_cost_origin_usd_per_t",
        "processing_cost_destination_usd_per_t", "compare_processing", "value_usd"})
    rq.erase(k);
  if (!net.find_commodity(input))
    return field_error("commodity", "unknown commodity '" + input + "'");
  if (!net.find_commodity(product))
    return field_error("product", "unknown commodity '" + product + "'");
  auto steps = d.schedule.processing;
  if (!steps.empty()) {
    for (auto& s : steps)
      if (s.from == input) {
        if (grade > 0) s.input_grade.value = grade;
        if (recovery > 0) s.recovery.value = recovery;
      }
  }
  if (input == product)
    return field_error("commodity", "the commodity '" + input + "' is already the product '" +
                                        product +
                                        "': nothing to process; give the input as the commodity "
                                        "(e.g. rare-earth-concentrate) and the product");
  CARAVAN_TRY(ch, tf::chain(steps, input, product));
  if (ch.steps.empty())
    return field_error("product",
                       "no processing step leads from '" + input + "' to '" + product + "'");
  if (ch.input_per_output < 1.0)
    return field_error("input_grade", "the mass ratio " + text::compact(ch.input_per_output) +
                                          " is below 1: processing cannot create mass");
  if (!rq.contains("from") || !rq.contains("to")) return field_error("from", "give from and to");
  CARAVAN_TRY(from_id, nw::resolve_location(net, rq["from"].get<std::string>(), "from"));
  CARAVAN_TRY(to_id, nw::resolve_location(net, rq["to"].get<std::string>(), "to"));
  const auto origin_country = net.location(from_id).country;
  if (plant.empty()) {
    for (const auto& id : ch.steps.front().plants)
      if (auto l = net.find_location(id); l && net.location(*l).country == origin_country) {
        plant = id;
        break;
      }
    if (plant.empty())
      return field_error("plant",
                         "no plant of step '" + ch.steps.front().id + "' in the origin's country");
  }
  CARAVAN_TRY(plant_id, nw::resolve_location(net, plant, "plant"));
  if (plant_id == to_id)
    return field_error("plant", "the plant '" + plant +
                                    "' is the destination, so both options would process there; "
                                    "give a plant on the origin's side");
  const double input_t = t * ch.input_per_output;
  const double input_value = net.commodity(*net.find_commodity(input)).value_usd_per_t * input_t;
  std::vector<std::string> missing;
  for (const auto& s : ch.unknown) missing.push_back(s);

  // A: ship the input to the destination, process there.
  CARAVAN_TRY(a, plan_leg(net, rq, net.location(from_id).id, net.location(to_id).id, input, input_t,
                          d, o, limits));
  // B: bring the input to the plant (if it is not there already), process, ship the product.
  std::optional<LegResult> b1;
  if (plant_id != from_id) {
    CARAVAN_TRY(leg, plan_leg(net, rq, net.location(from_id).id, net.location(plant_id).id, input,
                              input_t, d, o, limits));
    b1 = std::move(leg);
  }
  CARAVAN_TRY(b2, plan_leg(net, rq, net.location(plant_id).id, net.location(to_id).id, product, t,
                           d, o, limits));
  // Costs per tonne of product, excluding the product's own market value: the input's value,
  // every cost of moving and clearing, and processing.
  // Low and high ends: range figures in the schedule at their low or high ends.
  struct Span {
    double low = 0, high = 0;
    Span operator+(Span o) const { return {low + o.low, high + o.high}; }
  };
  const auto costs_of = [](const cost::LandedCost& lc) {
    return Span{(lc.seller + lc.buyer).value, (lc.seller_high + lc.buyer_high).value};
  };
  const auto processing_cost = [&](double given) -> std::optional<Span> {
    if (given >= 0) return Span{given, given};
    if (!ch.usd_per_t_output) return std::nullopt;
    return Span{*ch.usd_per_t_output, ch.usd_per_t_output_high.value_or(*ch.usd_per_t_output)};
  };
  const std::optional<Span> pa = processing_cost(cost_dest), pb = processing_cost(cost_origin);
  const Span a_logistics = costs_of(a.lc);
  const Span b_logistics = (b1 ? costs_of(b1->lc) : Span{}) + costs_of(b2.lc);
  auto option = [&](const std::string& id, const std::string& desc, double shipped, Span logistics,
                    std::optional<Span> processing, const std::string& where, json routes,
                    const std::vector<std::string>& leg_missing) {
    json j = {{"id", id},
              {"description", desc},
              {"shipped_tonnes", shipped},
              {"shipped_commodity", id == "process-at-destination" ? input : product},
              {"process_at", where},
              {"input_value_usd", round2(input_value)},
              {"logistics_and_customs_usd", round2(logistics.low)},
              {"logistics_and_customs_usd_high", round2(logistics.high)},
              {"routes", routes}};
    std::vector<std::string> miss = leg_missing;
    if (processing) {
      j["processing_usd"] = round2(processing->low * t);
      j["processing_usd_high"] = round2(processing->high * t);
    } else {
      miss.push_back("processing cost at " + where + " per tonne of " + product);
    }
    const Span total = Span{input_value, input_value} + logistics +
                       (processing ? Span{processing->low * t, processing->high * t} : Span{});
    j["cost_usd"] = round2(total.low);
    j["cost_usd_high"] = round2(total.high);
    j["cost_usd_per_t_product"] = round2(total.low / t);
    j["cost_usd_per_t_product_high"] = round2(total.high / t);
    j["complete"] = miss.empty();
    j["missing"] = miss;
    return j;
  };
  std::vector<std::string> b_missing = b2.lc.missing;
  if (b1) b_missing.insert(b_missing.begin(), b1->lc.missing.begin(), b1->lc.missing.end());
  json b_routes = json::array();
  if (b1) b_routes.push_back(b1->route);
  b_routes.push_back(b2.route);
  json out;
  out["query"] = {{"from", net.location(from_id).id},
                  {"to", net.location(to_id).id},
                  {"plant", net.location(plant_id).id},
                  {"input", input},
                  {"product", product},
                  {"tonnes_product", t},
                  {"incoterm", tf::name(o.incoterm)}};
  json steps_j = json::array();
  for (const auto& s : ch.steps)
    steps_j.push_back({{"id", s.id},
                       {"from", s.from},
                       {"to", s.to},
                       {"input_grade", s.input_grade.value.value_or(-1)},
                       {"output_grade", s.output_grade.value.value_or(-1)},
                       {"recovery", s.recovery.value.value_or(-1)},
                       {"input_t_per_output_t", tf::input_per_output(s).value_or(-1)},
                       {"where", s.where}});
  out["chain"] = {{"steps", steps_j}, {"input_t_per_product_t", ch.input_per_output}};
  out["options"] = json::array(
      {option("process-at-destination",
              "ship " + input + " and process at " + net.location(to_id).name, input_t, a_logistics,
              pa, net.location(to_id).id, json::array({a.route}), a.lc.missing),
       option("process-at-origin",
              "process to " + product + " at " + net.location(plant_id).name + " and ship it", t,
              b_logistics, pb, net.location(plant_id).id, b_routes, b_missing)});
  // Break-even: how much more processing may cost at the origin plant than at the destination
  // before processing at the origin stops being cheaper.
  out["break_even_processing_premium_usd_per_t"] = round2((a_logistics.low - b_logistics.low) / t);
  // Its extremes when the schedule has ranges: the two legs' figures at opposite ends.
  out["break_even_processing_premium_usd_per_t_range"] = {
      round2((a_logistics.low - b_logistics.high) / t),
      round2((a_logistics.high - b_logistics.low) / t)};
  out["method"] =
      "two route plans joined at the plant: input from origin to plant and product from plant to "
      "destination, against the input shipped to the destination; costs exclude the product's "
      "market value and include the input's value, freight, border fees, insurance, carrying "
      "cost, transit, export and import duties and VAT on the shipped goods";
  return out;
}

Result<json> deal(const nw::Network& net, const json& request, const Limits& limits) {
  if (!request.is_object()) return field_error("request", "expected a JSON object");
  json rq = request;
  CARAVAN_TRY(annual, num(rq, "annual_tonnes", -1, 1e-6, 1e9));
  if (annual < 0) return field_error("annual_tonnes", "is required");
  CARAVAN_TRY(price, num(rq, "sale_price_usd_per_t", -1, 0, 1e9));
  if (price < 0) return field_error("sale_price_usd_per_t", "is required");
  CARAVAN_TRY(n, num(rq, "shipments_per_year", 12, 1, 10000));
  for (const char* k : {"annual_tonnes", "sale_price_usd_per_t", "shipments_per_year"}) rq.erase(k);
  const double per_shipment = annual / std::round(n);
  rq["tonnes"] = per_shipment;
  rq.erase("teu");
  CARAVAN_TRY(p, parse_landed_request(net, rq, limits));
  CARAVAN_TRY(results, route::compare(net, p.plan, route::corridor_variants(net)));
  json rows = json::array();
  std::optional<double> best;
  for (const auto& v : results) {
    json row = {{"id", v.variant.id}, {"name", v.variant.name}};
    if (!v.route) {
      row["no_route_reason"] = v.no_route_reason;
      rows.push_back(row);
      continue;
    }
    const auto lc = cost::landed_cost(p.data->schedule,
                                      landed_input(net, *v.route, p.plan.shipment, p.options));
    const double per_t = lc.total().value / per_shipment;
    const double per_t_high = lc.total_high().value / per_shipment;
    row["landed_cost_usd_per_t"] = round2(per_t);
    row["landed_cost_usd_per_t_high"] = round2(per_t_high);
    row["margin_usd_per_t"] = round2(price - per_t);
    row["margin_usd_per_t_low"] = round2(price - per_t_high);
    row["annual_margin_usd"] = round2((price - per_t) * annual);
    row["days"] = round2(v.route->hours().value / 24.0);
    row["risk"] = std::round(v.route->risk * 1e4) / 1e4;
    row["summary"] = itinerary_json(net, *v.route)["summary"];
    row["complete"] = lc.complete();
    row["missing"] = lc.missing;
    row["landed_cost"] = landed_json(lc, p.options.incoterm);
    if (!best || per_t < *best) best = per_t;
    rows.push_back(row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    const double x =
        a.contains("landed_cost_usd_per_t") ? a["landed_cost_usd_per_t"].get<double>() : INFINITY;
    const double y =
        b.contains("landed_cost_usd_per_t") ? b["landed_cost_usd_per_t"].get<double>() : INFINITY;
    return x < y;
  });
  // The subsidy per tonne that would make each corridor cost the same as each cheaper one.
  for (auto& row : rows) {
    if (!row.contains("landed_cost_usd_per_t")) continue;
    json match = json::object();
    for (const auto& other : rows)
      if (other.contains("landed_cost_usd_per_t") && other["id"] != row["id"])
        match[other["id"].get<std::string>()] =
            round2(std::max(0.0, row["landed_cost_usd_per_t"].get<double>() -
                                     other["landed_cost_usd_per_t"].get<double>()));
    row["subsidy_usd_per_t_to_match"] = match;
    row["subsidy_usd_per_t_to_match_best"] =
        round2(row["landed_cost_usd_per_t"].get<double>() - best.value_or(0));
  }
  json out;
  out["query"] = shipment_json(net, p.plan);
  out["query"]["annual_tonnes"] = annual;
  out["query"]["shipments_per_year"] = std::round(n);
  out["query"]["sale_price_usd_per_t"] = price;
  out["query"]["incoterm"] = tf::name(p.options.incoterm);
  out["corridors"] = rows;
  return out;
}

namespace {

// Whether a low..high pair prints as two amounts (a fee of cents does not make a range).
bool printed_apart(double low, double high) {
  return text::money_range(low, high).find("..") != std::string::npos;
}

// "26,661 to 33,921", or one amount when both ends print the same.
std::string amount(double low, double high) {
  return printed_apart(low, high) ? text::money(low) + " to " + text::money(high)
                                  : text::money(low);
}

}  // namespace

std::string landed_table(const json& response) {
  std::ostringstream o;
  auto one = [&](const std::string& label, const json& route) {
    if (!route.contains("landed_cost")) return;
    const auto& lc = route["landed_cost"];
    const double low = lc["landed_cost_usd"].get<double>();
    const double high = lc.value("landed_cost_usd_high", low);
    o << label << route.value("summary", std::string()) << "\n  landed cost USD "
      << amount(low, high) << " (" << lc["incoterm"].get<std::string>() << ": seller USD "
      << text::thousands(lc["seller_costs_usd"].get<double>()) << ", buyer USD "
      << text::thousands(lc["buyer_costs_usd"].get<double>()) << ", goods USD "
      << text::thousands(lc["goods_value_usd"].get<double>()) << ")";
    if (lc.contains("landed_cost_local"))
      o << " = " << lc["currency"].get<std::string>() << " "
        << text::thousands(lc["landed_cost_local"].get<double>()) << " at "
        << lc["fx_date"].get<std::string>() << " rates";
    o << "\n";
    for (const auto& c : lc["components"]) {
      // Zero freight parts are left out; duties and VAT are shown even when free.
      const auto name = c["name"].get<std::string>();
      if (c["known"].get<bool>() && c["usd"].get<double>() == 0.0 && !c.contains("usd_high") &&
          name != "import_duty" && name != "export_duty" && name != "import_vat")
        continue;
      o << "    " << c["name"].get<std::string>()
        << std::string(28 - std::min<std::size_t>(27, c["name"].get<std::string>().size()), ' ')
        << (!c["known"].get<bool>()
                ? std::string("unknown")
                : text::money_range(c["usd"].get<double>(),
                                    c.value("usd_high", c["usd"].get<double>())))
        << (c.value("counted", true) ? "" : " (not counted)") << "  "
        << c["payer"].get<std::string>() << "  " << c["detail"].get<std::string>() << "\n";
    }
    if (printed_apart(low, high))
      o << "  range: figures given as ranges in the schedule put the total between the two "
           "amounts\n";
    if (!lc["missing"].empty())
      o << "  incomplete: " << lc["missing"].size()
        << " component(s) unknown (see above); the total is a lower bound\n";
    for (const auto& n : lc["notes"]) o << "  note: " << n.get<std::string>() << "\n";
  };
  if (response.contains("routes"))
    for (std::size_t i = 0; i < response["routes"].size(); ++i)
      one("#" + std::to_string(i + 1) + " ", response["routes"][i]);
  if (response.contains("variants"))
    for (const auto& v : response["variants"])
      if (v.contains("route")) one(v["id"].get<std::string>() + ": ", v["route"]);
  return o.str();
}

std::string processing_text(const json& r) {
  std::ostringstream o;
  const auto& q = r["query"];
  o << "Per tonne of " << q["product"].get<std::string>() << " delivered to "
    << q["to"].get<std::string>() << " ("
    << text::format_number(r["chain"]["input_t_per_product_t"].get<double>(), 3) << " t of "
    << q["input"].get<std::string>() << " per t):\n";
  for (const auto& opt : r["options"]) {
    o << "  " << opt["id"].get<std::string>() << ": " << opt["description"].get<std::string>()
      << "\n    shipped " << text::format_number(opt["shipped_tonnes"].get<double>(), 1) << " t of "
      << opt["shipped_commodity"].get<std::string>() << "; USD "
      << amount(opt["cost_usd_per_t_product"].get<double>(),
                opt["cost_usd_per_t_product_high"].get<double>())
      << " per t of product" << (opt["complete"].get<bool>() ? "" : " (lower bound)") << "\n";
    for (const auto& m : opt["missing"]) o << "    missing: " << m.get<std::string>() << "\n";
  }
  const double be = r["break_even_processing_premium_usd_per_t"].get<double>();
  if (be >= 0)
    o << "Processing at the origin is cheaper while it costs less than USD " << text::thousands(be)
      << " per t more than at the destination.\n";
  else
    o << "Processing at the origin is cheaper only if it costs at least USD "
      << text::thousands(-be) << " per t less than at the destination.\n";
  if (const auto& range = r["break_even_processing_premium_usd_per_t_range"];
      printed_apart(range[0].get<double>(), range[1].get<double>()))
    o << "With the schedule's range figures at opposite ends, that premium lies between USD "
      << text::thousands(range[0].get<double>()) << " and "
      << text::thousands(range[1].get<double>()) << " per t.\n";
  return o.str();
}

std::string deal_table(const json& r) {
  std::ostringstream o;
  o << "corridor          landed USD/t   margin USD/t   annual margin USD   subsidy to match "
       "best\n";
  for (const auto& c : r["corridors"]) {
    std::string id = c["id"].get<std::string>();
    id.resize(18, ' ');
    if (!c.contains("landed_cost_usd_per_t")) {
      o << id << "no route: " << c["no_route_reason"].get<std::string>() << "\n";
      continue;
    }
    char line[160];
    std::snprintf(line, sizeof line, "%s%12s   %12s   %17s   %12s%s", id.c_str(),
                  text::thousands(c["landed_cost_usd_per_t"].get<double>()).c_str(),
                  text::thousands(c["margin_usd_per_t"].get<double>()).c_str(),
                  text::thousands(c["annual_margin_usd"].get<double>()).c_str(),
                  text::thousands(c["subsidy_usd_per_t_to_match_best"].get<double>()).c_str(),
                  c["complete"].get<bool>() ? "" : "  (incomplete)");
    o << line;
    if (printed_apart(c["landed_cost_usd_per_t"].get<double>(),
                      c["landed_cost_usd_per_t_high"].get<double>()))
      o << "  (range: landed up to "
        << text::thousands(c["landed_cost_usd_per_t_high"].get<double>()) << ")";
    o << "\n";
  }
  return o.str();
}

}  // namespace caravan::api
