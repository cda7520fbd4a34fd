// Planning, explanations and comparisons on top of the searches.
#include "route/planner.h"

#include <algorithm>
#include <functional>

#include "core/text.h"
#include "network/locate.h"
#include "route/alternatives.h"
#include "route/pareto.h"
#include "route/policy.h"

namespace caravan::route {
namespace nw = caravan::network;

namespace {

Result<Prepared> compile(const nw::Network& net, const PlanRequest& r) {
  cost::Params params = r.params;
  if (r.query.depart) params.month = month_of(*r.query.depart);  // the static weights: day one
  cost::DataCostModel model(r.shipment, params);
  auto weights = cost::weigh_all(net, model);
  auto effects = apply_policies(net, r.query, r.shipment, weights);
  auto timetable = build_timetable(net, r.query, r.shipment, params);
  for (auto f : timetable.forbids)
    if (std::find(effects.forbids.begin(), effects.forbids.end(), f) == effects.forbids.end())
      effects.forbids.push_back(f);
  CARAVAN_TRY(p, prepare(net, std::move(weights), r.query, std::move(timetable)));
  p.start_risk = cost::origin_risk(net, r.query.from, params.month);  // in the departure month
  p.policy_hits = std::move(effects.hits);
  p.policy_forbids = std::move(effects.forbids);
  return p;
}

// Just "is there a route": compiles and searches.
bool has_route(const nw::Network& net, const PlanRequest& r) {
  auto p = compile(net, r);
  return p && best_path(*p).has_value();
}

std::string names(const nw::Network& net, const std::vector<LocationId>& ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back(net.location(id).name);
  return text::join(out, ", ");
}

}  // namespace

std::optional<LocationId> revisited(const Itinerary& it) {
  for (std::size_t i = 0; i < it.locations.size(); ++i)
    for (std::size_t j = i + 1; j < it.locations.size(); ++j)
      if (it.locations[i] == it.locations[j]) return it.locations[i];
  return std::nullopt;
}

std::string policy_label(const nw::Policy& p) {
  std::string d = p.description;
  if (const auto stop = d.find(": "); stop != std::string::npos && stop < 160) d.resize(stop);
  if (d.size() > 160) d = d.substr(0, 157) + "...";
  return p.issuer + " " + std::string(nw::name(p.kind)) + " '" + p.id + "' (" + d + ", " +
         format_date(p.from) + ".." + (p.to ? format_date(*p.to) : std::string()) + ")";
}

Constraints merge(Constraints a, const Constraints& b) {
  auto append = [](auto& x, const auto& y) { x.insert(x.end(), y.begin(), y.end()); };
  append(a.avoid_countries, b.avoid_countries);
  append(a.avoid_locations, b.avoid_locations);
  append(a.avoid_modes, b.avoid_modes);
  append(a.avoid_chokepoints, b.avoid_chokepoints);
  append(a.avoid_links, b.avoid_links);
  append(a.via, b.via);
  append(a.via_any, b.via_any);
  append(a.require_countries, b.require_countries);
  append(a.transit_rules, b.transit_rules);
  if (b.max_transshipments)
    a.max_transshipments = a.max_transshipments
                               ? std::min(*a.max_transshipments, *b.max_transshipments)
                               : b.max_transshipments;
  a.ignore_network_rules = a.ignore_network_rules || b.ignore_network_rules;
  a.ignore_policies = a.ignore_policies || b.ignore_policies;
  append(a.waived_policies, b.waived_policies);
  return a;
}

Result<PlanRequest> make_plan_request(const network::Network& net, std::string_view from,
                                      std::string_view to, const std::string& commodity,
                                      std::optional<double> tonnes, std::optional<double> teu) {
  PlanRequest r;
  CARAVAN_TRY(a, network::resolve_location(net, from, "from"));
  CARAVAN_TRY(b, network::resolve_location(net, to, "to"));
  r.query.from = a;
  r.query.to = b;
  CARAVAN_TRY(shipment, cost::make_shipment(net, commodity, tonnes, teu, std::nullopt));
  r.shipment = shipment;
  r.query.hs = shipment.hs;
  r.params.carrying_rate_per_year = net.tables().carrying_rate_per_year;
  r.query.value_of_time_usd_per_hour = cost::default_value_of_time_usd_per_hour(shipment);
  return r;
}

Date departure_in_month(const nw::Network& net, int month) {
  const Date as_of = net.tables().as_of;
  int year = year_of(as_of);
  if (month < month_of(as_of)) ++year;
  return make_date(year, month, 1);
}

Result<PlanResult> plan(const nw::Network& net, const PlanRequest& r) {
  auto prepared = compile(net, r);
  if (!prepared) return prepared.error();
  PlanResult out;
  out.prepared = std::move(*prepared);
  const Prepared& p = out.prepared;
  std::vector<Path> paths;
  if (r.pareto) {
    auto pr = pareto_paths(p, r.max_labels);
    paths = std::move(pr.paths);
    out.truncated = pr.truncated;
    out.labels = pr.labels;
  } else if (r.alternatives > 1) {
    paths = k_alternatives(p, r.alternatives);
  } else if (auto best = best_path(p)) {
    paths.push_back(*best);
  }
  for (const auto& path : paths) out.routes.push_back(build_itinerary(p, path));
  if (out.routes.empty()) out.no_route_reason = explain_no_route(net, r);
  return out;
}

std::string explain_no_route(const nw::Network& net, const PlanRequest& r) {
  const Constraints& c = r.query.constraints;
  std::vector<std::string> freeing;
  // Try dropping one constraint at a time.
  auto try_without = [&](const std::string& label, const std::function<void(PlanRequest&)>& drop) {
    PlanRequest relaxed = r;
    drop(relaxed);
    if (has_route(net, relaxed)) freeing.push_back(label);
  };
  auto qc = [](PlanRequest& x) -> Constraints& { return x.query.constraints; };
  for (std::size_t i = 0; i < c.avoid_countries.size(); ++i)
    try_without("avoiding " + net.country(c.avoid_countries[i]).iso2, [&](PlanRequest& x) {
      qc(x).avoid_countries.erase(qc(x).avoid_countries.begin() + i);
    });
  for (std::size_t i = 0; i < c.avoid_locations.size(); ++i)
    try_without("avoiding " + net.location(c.avoid_locations[i]).name, [&](PlanRequest& x) {
      qc(x).avoid_locations.erase(qc(x).avoid_locations.begin() + i);
    });
  for (std::size_t i = 0; i < c.avoid_modes.size(); ++i)
    try_without("avoiding mode " + std::string(nw::name(c.avoid_modes[i])),
                [&](PlanRequest& x) { qc(x).avoid_modes.erase(qc(x).avoid_modes.begin() + i); });
  for (std::size_t i = 0; i < c.avoid_chokepoints.size(); ++i)
    try_without("avoiding " + net.chokepoint(c.avoid_chokepoints[i]).name, [&](PlanRequest& x) {
      qc(x).avoid_chokepoints.erase(qc(x).avoid_chokepoints.begin() + i);
    });
  for (std::size_t i = 0; i < c.avoid_links.size(); ++i)
    try_without("the closure of link " + net.link(c.avoid_links[i]).id, [&](PlanRequest& x) {
      qc(x).avoid_links.erase(qc(x).avoid_links.begin() + static_cast<long>(i));
    });
  for (std::size_t i = 0; i < c.via.size(); ++i)
    try_without("going via " + net.location(c.via[i]).name,
                [&](PlanRequest& x) { qc(x).via.erase(qc(x).via.begin() + i); });
  if (!c.via_any.empty())
    try_without("passing one of " + names(net, c.via_any),
                [&](PlanRequest& x) { qc(x).via_any.clear(); });
  for (std::size_t i = 0; i < c.require_countries.size(); ++i)
    try_without("crossing " + net.country(c.require_countries[i]).iso2, [&](PlanRequest& x) {
      qc(x).require_countries.erase(qc(x).require_countries.begin() + i);
    });
  if (c.max_transshipments)
    try_without("the cap of " + std::to_string(*c.max_transshipments) + " transshipments",
                [&](PlanRequest& x) { qc(x).max_transshipments.reset(); });
  for (std::size_t i = 0; i < c.transit_rules.size(); ++i)
    try_without(
        "the rule that HS " + c.transit_rules[i].hs_prefix + " may not transit " +
            net.country(c.transit_rules[i].country).iso2,
        [&](PlanRequest& x) { qc(x).transit_rules.erase(qc(x).transit_rules.begin() + i); });
  if (!c.ignore_network_rules && !net.tables().rules.empty())
    try_without("the network's transit rules (rules.csv)",
                [&](PlanRequest& x) { qc(x).ignore_network_rules = true; });
  if (!c.ignore_policies)
    if (auto compiled = compile(net, r)) {
      const auto& forbids = compiled->policy_forbids;
      for (auto pi : forbids) {
        const auto& pol = net.tables().policies[pi];
        try_without(policy_label(pol),
                    [&](PlanRequest& x) { qc(x).waived_policies.push_back(pol.id); });
      }
      // Regimes that close the same way between them: waived together.
      if (forbids.size() > 1) {
        std::vector<std::string> labels;
        for (auto pi : forbids) labels.push_back(policy_label(net.tables().policies[pi]));
        try_without("the regimes " + text::join(labels, " and ") + " together",
                    [&](PlanRequest& x) {
                      for (auto pi : forbids)
                        qc(x).waived_policies.push_back(net.tables().policies[pi].id);
                    });
      }
    }
  if (r.query.depart)
    try_without("the departure date " + format_date(*r.query.depart) +
                    " (the closures, seasons and regimes met on the way from that day)",
                [&](PlanRequest& x) {
                  x.query.depart.reset();
                  x.params.month = 0;
                });
  else if (r.params.month)
    try_without("the closures of month " + std::to_string(r.params.month),
                [&](PlanRequest& x) { x.params.month = 0; });

  const std::string od = net.location(r.query.from).name + " to " + net.location(r.query.to).name;
  if (!freeing.empty())
    return "no route from " + od + " satisfies all constraints; dropping " +
           (freeing.size() == 1 ? "this one alone would allow one: "
                                : "any one of these alone would allow one: ") +
           text::join(freeing, "; ");
  PlanRequest bare = r;
  bare.query.constraints = Constraints{};
  bare.query.constraints.ignore_network_rules = true;
  bare.params.month = 0;
  bare.query.depart.reset();
  if (has_route(net, bare))
    return "no route from " + od +
           " satisfies all constraints together, and no single constraint is to blame: "
           "only dropping several of them at once allows a route";
  return "the network has no route from " + od + " for " +
         std::string(nw::name(r.shipment.handling)) +
         " cargo, whatever the constraints (the two places are not connected by links that carry "
         "it)";
}

Result<WhyNot> why_not(const nw::Network& net, const PlanRequest& r, LocationId via) {
  WhyNot out;
  const std::string vname = net.location(via).name;
  auto chosen = plan(net, r);
  if (!chosen) return chosen.error();
  if (!chosen->routes.empty()) out.chosen = chosen->routes.front();
  PlanRequest with_via = r;
  with_via.alternatives = 1;
  with_via.pareto = false;
  with_via.query.constraints.via.insert(with_via.query.constraints.via.begin(), via);
  auto forced = compile(net, with_via);
  if (!forced) {
    out.reason = "no route can go via " + vname + ": " + forced.error().message;
    return out;
  }
  auto path = best_path(*forced);
  if (!path) {
    out.reason = "no route via " + vname +
                 " exists under the constraints: " + explain_no_route(net, with_via);
    return out;
  }
  out.possible = true;
  out.via_route = build_itinerary(*forced, *path);
  if (out.chosen && std::find(out.chosen->locations.begin(), out.chosen->locations.end(), via) !=
                        out.chosen->locations.end()) {
    out.reason = "the chosen route already goes via " + vname;
    return out;
  }
  // Is the via route dominated by a Pareto route?
  PlanRequest par = r;
  par.pareto = true;
  auto front = plan(net, par);
  if (!front) return front.error();
  const Criteria vc = criteria_of(*forced, *path);
  for (const auto& it : front->routes) {
    const Criteria fc = criteria_of(front->prepared, it.path);
    if (dominates(fc, vc)) {
      out.dominated_by = it;
      break;
    }
  }
  const auto& v = *out.via_route;
  std::string diff;
  if (out.chosen) {
    const auto& c = *out.chosen;
    diff = "the best route via " + vname + " costs USD " + text::thousands(v.cost().value) +
           " and takes " + text::format_number(v.hours().value / 24, 1) + " days, against USD " +
           text::thousands(c.cost().value) + " and " +
           text::format_number(c.hours().value / 24, 1) + " days for the chosen route (objective " +
           std::string(name(r.query.objective)) + ")";
  }
  if (out.dominated_by) {
    out.reason = diff + "; it is dominated: a route through " +
                 names(net, out.dominated_by->locations) +
                 " is no worse in cost, time, CO2 and risk";
  } else {
    out.reason = diff +
                 "; it is not dominated (it is better in at least one of cost, time, CO2 and "
                 "risk than every other route) but it is not the best for this objective";
  }
  return out;
}

void merge_identical(std::vector<VariantResult>& results) {
  std::vector<VariantResult> kept;
  for (auto& r : results) {
    auto same = std::find_if(kept.begin(), kept.end(), [&](const VariantResult& k) {
      return r.route && k.route && k.route->path.arcs == r.route->path.arcs &&
             k.route->path.hold == r.route->path.hold;
    });
    if (same != kept.end())
      same->same_route.push_back(r.variant);
    else
      kept.push_back(std::move(r));
  }
  results = std::move(kept);
}

std::vector<Variant> corridor_variants(const nw::Network& net) {
  std::vector<Variant> out;
  for (const auto& c : net.tables().corridors) {
    Variant v;
    v.id = c.id;
    v.name = c.name;
    v.extra.via_any = c.via_any;
    v.extra.require_countries = c.require_countries;
    v.extra.avoid_countries = c.forbid_countries;
    v.extra.avoid_locations = c.forbid_locations;
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<VariantResult>> compare(const nw::Network& net, const PlanRequest& base,
                                           const std::vector<Variant>& variants) {
  std::vector<VariantResult> out;
  for (const auto& v : variants) {
    PlanRequest r = base;
    r.alternatives = 1;
    r.pareto = false;
    r.query.constraints = merge(base.query.constraints, v.extra);
    VariantResult vr;
    vr.variant = v;
    auto p = compile(net, r);
    if (!p) {
      if (p.error().code != ErrorCode::Unsatisfiable) return p.error();
      vr.no_route_reason = p.error().message;
    } else if (auto path = best_path(*p)) {
      auto it = build_itinerary(*p, *path);
      // A corridor that makes the route go somewhere and come back does not serve this trip.
      if (auto twice = revisited(it)) {
        vr.no_route_reason = "the corridor does not serve this trip: its best route passes " +
                             net.location(*twice).name + " twice (it goes there and comes back)";
      } else {
        vr.route = std::move(it);
        vr.prepared = std::move(*p);
      }
    } else {
      vr.no_route_reason = explain_no_route(net, r);
    }
    out.push_back(std::move(vr));
  }
  return out;
}

}  // namespace caravan::route
