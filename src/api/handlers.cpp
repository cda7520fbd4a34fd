// Request handlers shared by the CLI and the server.
#include "api/handlers.h"

#include "api/reliability.h"
#include "api/render.h"
#include "api/trade_codec.h"
#include "core/text.h"
#include "network/locate.h"
#include "network/summary.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

Status attach_reliability(const route::PlanRequest& r, const route::Prepared& p,
                          const route::Itinerary& it, const ReliabilityRequest& rel,
                          const std::string& label, json& route_json, SampleSeries* samples) {
  std::vector<double> hours;
  auto j = reliability_json(r, p, it, rel, samples ? &hours : nullptr);
  if (!j) return j.error();
  route_json["reliability"] = *j;
  if (samples) samples->emplace_back(label, std::move(hours));
  return Ok{};
}

// The parts every route-like request has: the plan, the reliability and the landed options.
struct RouteParts {
  route::PlanRequest plan;
  std::optional<ReliabilityRequest> reliability;
  LandedOptions landed;
};
Result<RouteParts> parse_route_parts(const nw::Network& net, Fields& f, const Limits& limits,
                                     bool force_reliability) {
  CARAVAN_TRY(plan, parse_plan_request(net, f, limits));
  CARAVAN_TRY(rel, parse_reliability(f, force_reliability, limits));
  CARAVAN_TRY(landed, parse_landed_options(f));
  return RouteParts{std::move(plan), rel, std::move(landed)};
}

Result<json> route_impl(const nw::Network& net, const json& request, const Limits& limits,
                        SampleSeries* samples, bool force_reliability) {
  Fields f(request);
  CARAVAN_TRY(parts, parse_route_parts(net, f, limits, force_reliability));
  if (auto s = f.no_unknown(); !s) return s.error();
  const route::PlanRequest& r = parts.plan;
  const auto& rel = parts.reliability;
  const LandedOptions& landed = parts.landed;
  auto result = route::plan(net, r);
  if (!result) return result.error();
  json out;
  out["query"] = shipment_json(net, r);
  json routes = json::array();
  for (const auto& it : result->routes) {
    routes.push_back(itinerary_json(net, it));
    if (routes.size() > 1)  // how each alternative differs from the best
      routes.back()["differs_from_best"] = route::differences(net, result->routes[0], it);
  }
  if (rel)
    for (std::size_t i = 0; i < routes.size(); ++i)
      if (auto s = attach_reliability(r, result->prepared, result->routes[i], *rel,
                                      "route " + std::to_string(i + 1), routes[i], samples);
          !s)
        return s.error();
  if (landed.enabled)
    if (auto s = add_landed_costs(net, r, landed, result->routes, routes); !s) return s.error();
  out["routes"] = routes;
  if (r.pareto) out["pareto"] = {{"truncated", result->truncated}, {"labels", result->labels}};
  if (routes.empty()) out["no_route_reason"] = result->no_route_reason;
  return out;
}

Result<json> compare_impl(const nw::Network& net, const json& request, const Limits& limits,
                          SampleSeries* samples, bool force_reliability) {
  Fields f(request);
  CARAVAN_TRY(parts, parse_route_parts(net, f, limits, force_reliability));
  CARAVAN_TRY(sets, f.list("avoid_sets"));
  if (auto s = f.no_unknown(); !s) return s.error();
  const route::PlanRequest& r = parts.plan;
  const auto& rel = parts.reliability;
  const LandedOptions& landed = parts.landed;
  std::vector<route::Variant> variants;
  if (sets.empty() && !f.has("avoid_sets")) {
    variants = route::corridor_variants(net);
  } else {
    for (const auto& set : sets) {
      route::Variant v;
      const auto codes = text::split(set, '|');  // a set in a list form uses '|' or ' '
      std::vector<std::string> list;
      for (const auto& part : codes)
        for (const auto& c : text::split(part, ' '))
          if (!c.empty() && text::fold(c) != "none") list.push_back(c);
      auto countries = parse_countries(net, list, "avoid_sets");
      if (!countries) return countries.error();
      v.extra.avoid_countries = *countries;
      v.id = list.empty() ? "best" : "avoid-" + text::join(list, "-");
      v.name = list.empty() ? "best overall" : "avoiding " + text::join(list, ", ");
      variants.push_back(std::move(v));
    }
  }
  if (static_cast<int>(variants.size()) > limits.max_variants)
    return make_error(ErrorCode::LimitExceeded,
                      "at most " + std::to_string(limits.max_variants) + " variants", "avoid_sets");
  auto results = route::compare(net, r, variants);
  if (!results) return results.error();
  route::merge_identical(*results);
  json out;
  out["query"] = shipment_json(net, r);
  json vs = json::array();
  for (const auto& v : *results) {
    json vj = {{"id", v.variant.id}, {"name", v.variant.name}};
    if (!v.same_route.empty()) {
      json also = json::array();
      for (const auto& o : v.same_route) also.push_back({{"id", o.id}, {"name", o.name}});
      vj["same_route_as"] = also;
    }
    if (v.route) {
      vj["route"] = itinerary_json(net, *v.route);
      if (rel)
        if (auto s = attach_reliability(r, *v.prepared, *v.route, *rel, v.variant.name, vj["route"],
                                        samples);
            !s)
          return s.error();
    } else {
      vj["no_route_reason"] = v.no_route_reason;
    }
    vs.push_back(std::move(vj));
  }
  if (landed.enabled)
    if (auto s = add_landed_costs(net, r, landed, *results, vs); !s) return s.error();
  out["variants"] = vs;
  return out;
}

}  // namespace

Result<json> route(const nw::Network& net, const json& request, const Limits& limits,
                   SampleSeries* samples) {
  return route_impl(net, request, limits, samples, false);
}

Result<json> compare(const nw::Network& net, const json& request, const Limits& limits,
                     SampleSeries* samples) {
  return compare_impl(net, request, limits, samples, false);
}

Result<json> reliability(const nw::Network& net, const json& request, const Limits& limits,
                         SampleSeries* samples) {
  if (!request.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  json req = request;
  auto corridors_flag = take_bool(req, "corridors", false);
  if (!corridors_flag) return corridors_flag.error();
  const bool corridors = *corridors_flag || req.contains("avoid_sets");
  return corridors ? compare_impl(net, req, limits, samples, true)
                   : route_impl(net, req, limits, samples, true);
}

Result<json> why_not(const nw::Network& net, const json& request, const Limits& limits) {
  Fields f(request);
  auto via = f.str("via");
  if (!via) return via.error();
  auto r = parse_plan_request(net, f, limits);
  if (!r) return r.error();
  if (auto s = f.no_unknown(); !s) return s.error();
  auto loc = nw::resolve_location(net, *via, "via");
  if (!loc) return loc.error();
  // `via` is the question here, not a constraint: the route it is compared with is the one
  // chosen without it.
  r->query.constraints.via.clear();
  auto w = route::why_not(net, *r, *loc);
  if (!w) return w.error();
  json out = {{"query", shipment_json(net, *r)},
              {"via", net.location(*loc).id},
              {"via_name", net.location(*loc).name},
              {"possible", w->possible},
              {"reason", w->reason}};
  if (w->chosen) out["chosen"] = itinerary_json(net, *w->chosen);
  if (w->via_route) out["via_route"] = itinerary_json(net, *w->via_route);
  if (w->dominated_by) out["dominated_by"] = itinerary_json(net, *w->dominated_by);
  return out;
}

Result<json> locate(const nw::Network& net, const json& request) {
  json req = request;
  // A query string's number ("1520", a gauge or a code) is text typed all the same.
  if (req.is_object() && req.contains("q") && req["q"].is_number()) req["q"] = req["q"].dump();
  Fields f(req);
  auto q = f.str("q");
  if (!q) return q.error();
  auto limit = f.opt_int("limit", 1, 100);
  if (!limit) return limit.error();
  if (auto s = f.no_unknown(); !s) return s.error();
  json matches = json::array();
  for (const auto& m : nw::locate(net, *q, limit->value_or(10))) {
    const auto& l = net.location(m.id);
    matches.push_back({{"id", l.id},
                       {"name", l.name},
                       {"country", net.country(l.country).iso2},
                       {"kind", nw::name(l.kind)},
                       {"lat", l.pos.lat},
                       {"lon", l.pos.lon},
                       {"matched", m.matched},
                       {"exact", m.score == 0}});
  }
  return json{{"q", *q}, {"matches", matches}};
}

json network_info(const nw::Network& net) {
  const auto& t = net.tables();
  const auto sum = nw::summarize(net);
  json corridors = json::array();
  for (const auto& c : t.corridors)
    corridors.push_back({{"id", c.id}, {"name", c.name}, {"description", c.description}});
  json commodities = json::array();
  for (const auto& c : t.commodities)
    commodities.push_back({{"id", c.id},
                           {"name", c.name},
                           {"hs", c.hs},
                           {"handling", nw::name(c.handling)},
                           {"value_usd_per_t", c.value_usd_per_t},
                           {"tonnes_per_teu", c.tonnes_per_teu}});
  return {{"name", t.name},
          {"version", t.version},
          {"locations", sum.locations},
          {"location_kinds", sum.locations_by_kind},
          {"links", sum.links},
          {"links_by_mode", sum.links_by_mode},
          {"link_km", std::round(sum.link_km)},
          {"transfers", sum.transfers},
          {"borders", sum.borders},
          {"countries", sum.countries},
          {"chokepoints", sum.chokepoints},
          {"sources", sum.sources},
          {"rules", sum.rules},
          {"graph_nodes", sum.graph_nodes},
          {"graph_arcs", sum.graph_arcs},
          {"corridors", corridors},
          {"commodities", commodities}};
}

}  // namespace caravan::api
