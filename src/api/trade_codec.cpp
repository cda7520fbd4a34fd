// Landed cost, deal and processing comparison: JSON <-> trade requests and responses.
#include "api/trade_codec.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <sstream>

#include "api/render.h"
#include "core/date.h"
#include "core/text.h"
#include "io/tariff_reader.h"
#include "network/locate.h"
#include "trade/deal.h"
#include "trade/processing_comparison.h"

namespace caravan::api {
namespace nw = caravan::network;
namespace tf = caravan::tariff;
using nlohmann::json;

double round2(double v) { return std::round(v * 100.0) / 100.0; }

namespace {

Result<std::shared_ptr<const tf::TradeData>> trade_data(const LandedOptions& o) {
  return io::load_trade_data(o.tariffs_dir, o.hs_nomenclature);
}

// The positions of `landed` in ranking order (cheapest landed first, stable).
std::vector<std::size_t> ranking(const std::vector<trade::LandedCost>& landed) {
  std::vector<std::size_t> order(landed.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return trade::cheaper_landed(landed[a], landed[b]);
  });
  return order;
}

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
  o.terms.vat_recoverable = vat;
  CARAVAN_TRY(inc, f.opt_str("incoterm"));
  if (inc) {
    auto t = tf::parse_incoterm(*inc);
    if (!t)
      return field_error("incoterm", "unknown Incoterm '" + *inc +
                                         "' (expected EXW, FCA, FOB, CFR, CIF, DAP, DDP)");
    o.terms.incoterm = *t;
  }
  CARAVAN_TRY(dir, f.opt_str("tariffs"));
  o.tariffs_dir = dir.value_or(io::default_tariffs_dir());
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  o.hs_nomenclature = nom.value_or(io::default_hs_nomenclature());
  return o;
}

json landed_json(const trade::LandedCost& lc, tf::Incoterm incoterm) {
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

Status add_landed_costs(const nw::Network& net, const route::PlanRequest& r, const LandedOptions& o,
                        const std::vector<route::Itinerary>& routes, json& routes_json) {
  CARAVAN_TRY(data, trade_data(o));
  CARAVAN_TRY(landed, trade::price_routes(net, r.shipment, routes, *data, o.terms));
  json ranked = json::array();
  for (std::size_t i : ranking(landed)) {
    json rj = std::move(routes_json[i]);
    rj["landed_cost"] = landed_json(landed[i], o.terms.incoterm);
    rj["landed_cost_usd"] = rj["landed_cost"]["landed_cost_usd"];
    ranked.push_back(std::move(rj));
  }
  routes_json = std::move(ranked);
  return Ok{};
}

Status add_landed_costs(const nw::Network& net, const route::PlanRequest& r, const LandedOptions& o,
                        const std::vector<route::VariantResult>& variants, json& variants_json) {
  CARAVAN_TRY(data, trade_data(o));
  std::vector<route::Itinerary> routes;
  std::vector<std::size_t> with_route;
  for (std::size_t i = 0; i < variants.size(); ++i)
    if (variants[i].route) {
      routes.push_back(*variants[i].route);
      with_route.push_back(i);
    }
  CARAVAN_TRY(landed, trade::price_routes(net, r.shipment, routes, *data, o.terms));
  json ranked = json::array();
  for (std::size_t k : ranking(landed)) {
    json vj = std::move(variants_json[with_route[k]]);
    vj["route"]["landed_cost"] = landed_json(landed[k], o.terms.incoterm);
    vj["route"]["landed_cost_usd"] = vj["route"]["landed_cost"]["landed_cost_usd"];
    vj["landed_cost_usd"] = vj["route"]["landed_cost_usd"];
    ranked.push_back(std::move(vj));
  }
  for (std::size_t i = 0; i < variants.size(); ++i)
    if (!variants[i].route) ranked.push_back(std::move(variants_json[i]));
  variants_json = std::move(ranked);
  return Ok{};
}

Result<LandedRequest> parse_landed_request(const nw::Network& net, const json& request,
                                           const Limits& limits) {
  // The nomenclature is needed before the shipment is built, so read the options first.
  json rq = request;
  CARAVAN_TRY(o, take_landed_options(rq));
  CARAVAN_TRY(data, trade_data(o));
  std::string hs;
  if (rq.is_object() && rq.contains("hs")) {
    if (!rq["hs"].is_string()) return field_error("hs", "expected a string such as 2846.90");
    CARAVAN_TRY(valid, tf::validate_hs(rq["hs"].get<std::string>(), data->nomenclature, "hs"));
    hs = valid;
    rq.erase("hs");
    if (!rq.contains("commodity")) {
      const auto commodity = trade::commodity_for_hs(net, hs).value_or("general-container");
      if (commodity == "general-container" && !rq.contains("value_usd"))
        return field_error("value_usd", "HS " + hs +
                                            " matches no catalogue commodity: give the goods' "
                                            "value (--value-usd)");
      rq["commodity"] = commodity;
    }
  }
  Fields f(rq);
  CARAVAN_TRY(plan, parse_plan_request(net, f, limits));
  if (auto s = f.no_unknown(); !s) return s.error();
  if (!hs.empty()) {
    plan.shipment.hs = hs;
    plan.query.hs = hs;
  } else if (!data->nomenclature.empty()) {
    auto ok = tf::validate_hs(plan.shipment.hs, data->nomenclature, "commodity");
    if (!ok) return ok.error();
  }
  return LandedRequest{std::move(plan), o, std::move(data)};
}

json priced_json(const nw::Network& net, const route::Itinerary& it, const trade::LandedCost& lc,
                 tf::Incoterm incoterm) {
  json rj = itinerary_json(net, it);
  rj["landed_cost"] = landed_json(lc, incoterm);
  rj["landed_cost_usd"] = rj["landed_cost"]["landed_cost_usd"];
  return rj;
}

Result<json> landed_cost(const nw::Network& net, const json& request, const Limits& limits) {
  CARAVAN_TRY(p, parse_landed_request(net, request, limits));
  CARAVAN_TRY(result, trade::run_landed_cost(net, {p.plan, p.options.terms, p.data}));
  json out;
  out["query"] = shipment_json(net, p.plan);
  out["query"]["incoterm"] = tf::name(p.options.terms.incoterm);
  out["query"]["tariffs"] = p.options.tariffs_dir;
  out["query"]["hs_nomenclature"] = p.data->nomenclature.empty()
                                        ? std::string("(none: format check only)")
                                        : p.options.hs_nomenclature;
  json routes = json::array();
  for (const auto& pr : result.routes)
    routes.push_back(priced_json(net, pr.route, pr.landed, p.options.terms.incoterm));
  out["routes"] = routes;
  if (routes.empty()) out["no_route_reason"] = result.no_route_reason;
  return out;
}

namespace {

Result<std::optional<double>> opt_number(const json& j, const std::string& k, double min,
                                         double max) {
  if (!j.contains(k)) return std::optional<double>{};
  json one = {{k, j[k]}};
  Fields f(one);
  return f.opt_num(k, min, max);
}

void span_json(const std::string& key, trade::Span s, json& j) {
  j[key] = round2(s.low);
  j[key + "_high"] = round2(s.high);
}

json option_json(const nw::Network& net, const trade::ProcessingOption& o, double t,
                 tf::Incoterm incoterm) {
  json routes = json::array();
  for (const auto& leg : o.legs)
    routes.push_back(priced_json(net, leg.route, leg.landed, incoterm));
  json j = {{"id", o.id},
            {"description", o.description},
            {"shipped_tonnes", o.shipped_tonnes},
            {"shipped_commodity", o.shipped_commodity},
            {"process_at", net.location(o.process_at).id},
            {"input_value_usd", round2(o.input_value_usd)},
            {"routes", routes}};
  span_json("logistics_and_customs_usd", o.logistics, j);
  if (o.processing) span_json("processing_usd", *o.processing, j);
  span_json("cost_usd", o.total, j);
  span_json("cost_usd_per_t_product", {o.total.low / t, o.total.high / t}, j);
  j["complete"] = o.missing.empty();
  j["missing"] = o.missing;
  return j;
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
  trade::ProcessingRequest r;
  CARAVAN_TRY(data, trade_data(o));
  r.data = data;
  r.options = o.terms;
  r.input = take_str("commodity", r.input);
  r.product = take_str("product", r.product);
  r.plant = take_str("plant", "");
  CARAVAN_TRY(t, opt_number(rq, "tonnes", 1e-6, 1e9));
  r.tonnes_product = t.value_or(1.0);
  CARAVAN_TRY(grade, opt_number(rq, "input_grade", 0, 1));
  r.input_grade = grade;
  CARAVAN_TRY(recovery, opt_number(rq, "recovery", 0, 1));
  r.recovery = recovery;
  CARAVAN_TRY(cost_origin, opt_number(rq, "processing_cost_origin_usd_per_t", 0, 1e8));
  r.cost_origin_usd_per_t = cost_origin;
  CARAVAN_TRY(cost_dest, opt_number(rq, "processing_cost_destination_usd_per_t", 0, 1e8));
  r.cost_destination_usd_per_t = cost_dest;
  for (const char* k :
       {"tonnes", "teu", "input_grade", "recovery", "processing_cost_origin_usd_per_t",
        "processing_cost_destination_usd_per_t", "compare_processing", "value_usd"})
    rq.erase(k);
  if (!rq.contains("from") || !rq.contains("to")) return field_error("from", "give from and to");
  // The legs' objective, constraints and parameters: parsed once as a route request.
  r.value_of_time_given = rq.contains("value_of_time_usd_per_hour");
  if (!net.find_commodity(r.input))
    return field_error("commodity", "unknown commodity '" + r.input + "'");
  rq["commodity"] = r.input;
  rq["tonnes"] = r.tonnes_product;
  Fields f(rq);
  CARAVAN_TRY(base, parse_plan_request(net, f, limits));
  r.base = std::move(base);
  r.from = r.base.query.from;
  r.to = r.base.query.to;
  CARAVAN_TRY(res, trade::run_processing_comparison(net, r));

  const double tp = res.tonnes_product;
  const auto incoterm = r.options.incoterm;
  json out;
  out["query"] = {{"from", net.location(res.from).id},
                  {"to", net.location(res.to).id},
                  {"plant", net.location(res.plant).id},
                  {"input", res.input},
                  {"product", res.product},
                  {"tonnes_product", tp},
                  {"incoterm", tf::name(incoterm)}};
  json steps_j = json::array();
  for (const auto& s : res.chain.steps)
    steps_j.push_back({{"id", s.id},
                       {"from", s.from},
                       {"to", s.to},
                       {"input_grade", s.input_grade.value.value_or(-1)},
                       {"output_grade", s.output_grade.value.value_or(-1)},
                       {"recovery", s.recovery.value.value_or(-1)},
                       {"input_t_per_output_t", tf::input_per_output(s).value_or(-1)},
                       {"where", s.where}});
  out["chain"] = {{"steps", steps_j}, {"input_t_per_product_t", res.chain.input_per_output}};
  out["options"] = json::array({option_json(net, res.at_destination, tp, incoterm),
                                option_json(net, res.at_origin, tp, incoterm)});
  out["break_even_processing_premium_usd_per_t"] = round2(res.break_even_premium_usd_per_t);
  out["break_even_processing_premium_usd_per_t_range"] = {round2(res.break_even_range.low),
                                                          round2(res.break_even_range.high)};
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
  CARAVAN_TRY(annual, opt_number(rq, "annual_tonnes", 1e-6, 1e9));
  if (!annual) return field_error("annual_tonnes", "is required");
  CARAVAN_TRY(price, opt_number(rq, "sale_price_usd_per_t", 0, 1e9));
  if (!price) return field_error("sale_price_usd_per_t", "is required");
  CARAVAN_TRY(n, opt_number(rq, "shipments_per_year", 1, 10000));
  const double shipments = std::round(n.value_or(12));
  for (const char* k : {"annual_tonnes", "sale_price_usd_per_t", "shipments_per_year"}) rq.erase(k);
  rq["tonnes"] = *annual / shipments;
  rq.erase("teu");
  CARAVAN_TRY(p, parse_landed_request(net, rq, limits));
  trade::DealRequest dr{p.plan,          *annual, *price, static_cast<int>(shipments),
                        p.options.terms, p.data};
  CARAVAN_TRY(res, trade::run_deal(net, dr));
  json rows = json::array();
  for (const auto& c : res.corridors) {
    json row = {{"id", c.variant.id}, {"name", c.variant.name}};
    if (!c.landed) {
      row["no_route_reason"] = c.no_route_reason;
      rows.push_back(row);
      continue;
    }
    row["landed_cost_usd_per_t"] = round2(c.landed_usd_per_t);
    row["landed_cost_usd_per_t_high"] = round2(c.landed_usd_per_t_high);
    row["margin_usd_per_t"] = round2(c.margin_usd_per_t);
    row["margin_usd_per_t_low"] = round2(c.margin_usd_per_t_low);
    row["annual_margin_usd"] = round2(c.annual_margin_usd);
    row["days"] = round2(c.route->hours().value / 24.0);
    row["risk"] = std::round(c.route->risk * 1e4) / 1e4;
    row["summary"] = itinerary_json(net, *c.route)["summary"];
    row["complete"] = c.landed->complete();
    row["missing"] = c.landed->missing;
    row["landed_cost"] = landed_json(*c.landed, p.options.terms.incoterm);
    json match = json::object();
    for (const auto& [id, usd] : c.subsidy_to_match) match[id] = round2(usd);
    row["subsidy_usd_per_t_to_match"] = match;
    row["subsidy_usd_per_t_to_match_best"] = round2(c.subsidy_to_match_best);
    rows.push_back(row);
  }
  json out;
  out["query"] = shipment_json(net, p.plan);
  out["query"]["annual_tonnes"] = *annual;
  out["query"]["shipments_per_year"] = shipments;
  out["query"]["sale_price_usd_per_t"] = *price;
  out["query"]["incoterm"] = tf::name(p.options.terms.incoterm);
  out["corridors"] = rows;
  return out;
}

}  // namespace caravan::api
