// Baseline-versus-scenario runs.
#include "scenario/comparison.h"

#include <algorithm>

namespace caravan::scenario {
namespace nw = caravan::network;

namespace {

bool in_corridor(const nw::Corridor& c, const route::Itinerary& it) {
  auto has_loc = [&](LocationId l) {
    return std::find(it.locations.begin(), it.locations.end(), l) != it.locations.end();
  };
  auto has_country = [&](CountryId x) {
    return std::find(it.countries.begin(), it.countries.end(), x) != it.countries.end();
  };
  if (!c.via_any.empty() && std::none_of(c.via_any.begin(), c.via_any.end(), has_loc)) return false;
  for (auto x : c.require_countries)
    if (!has_country(x)) return false;
  for (auto x : c.forbid_countries)
    if (has_country(x)) return false;
  for (auto x : c.forbid_locations)
    if (has_loc(x)) return false;
  return true;
}

// One run: the variants (corridors, or the best route) on one network.
Result<Run> run_one(std::shared_ptr<const nw::Network> net, const ComparisonRequest& request,
                    const Scenario* sc) {
  Run run;
  if (sc) {
    run.id = sc->id;
    run.name = sc->name;
    run.why = sc->why;
    run.file = sc->file;
    run.month = sc->month;
  }
  run.network = net;
  run.plan = request.plan;
  if (sc) {
    run.plan.query.constraints =
        route::merge(run.plan.query.constraints, constraints_for(*sc, run.plan.query.hs));
    if (sc->month) {  // the scenario's month: a departure on the 1st of it
      run.plan.params.month = *sc->month;
      run.plan.query.depart = route::departure_in_month(*net, *sc->month);
    }
  }
  std::vector<route::Variant> variants;
  if (request.corridors)
    variants = route::corridor_variants(*net);
  else
    variants.push_back(route::Variant{"best", "best route", {}});
  CARAVAN_TRY(results, route::compare(*net, run.plan, variants));
  for (auto& v : results) {
    VariantRun vr;
    vr.variant = v.variant;
    vr.no_route_reason = v.no_route_reason;
    if (v.route) {
      if (sc)
        for (const auto& s : sc->subsidies)
          if (const auto* c = net->find_corridor(s.corridor); c && in_corridor(*c, *v.route))
            vr.subsidy += Usd{s.usd_per_t * run.plan.shipment.tonnes.value};
      if (request.reliability) {
        CARAVAN_TRY(rel, sim::reliability(*v.prepared, *v.route,
                                          sim::options_for(run.plan, *request.reliability)));
        vr.reliability = std::move(rel);
      }
      vr.route = std::move(v.route);
    }
    run.variants.push_back(std::move(vr));
  }
  return run;
}

}  // namespace

Result<ComparisonResponse> run_comparison(const nw::Network& base,
                                          const ComparisonRequest& request) {
  if (request.scenarios.empty())
    return make_error(ErrorCode::InvalidRequest, "give at least one scenario", "scenario");
  ComparisonResponse out;
  CARAVAN_TRY(baseline, run_one(std::shared_ptr<const nw::Network>(std::shared_ptr<void>(), &base),
                                request, nullptr));
  out.runs.push_back(std::move(baseline));
  for (const auto& sc : request.scenarios) {
    auto built = nw::Network::build(sc.tables);
    if (!built)
      return make_error(built.error().code, sc.file + ": " + built.error().message,
                        built.error().field);
    CARAVAN_TRY(run, run_one(std::make_shared<const nw::Network>(std::move(*built)), request, &sc));
    const auto& before = out.runs.front().variants;
    for (std::size_t i = 0; i < before.size() && i < run.variants.size(); ++i) {
      const auto& a = before[i];
      const auto& b = run.variants[i];
      Difference d;
      d.scenario = sc.id;
      d.run = out.runs.size();
      d.variant = i;
      d.had_route = a.route.has_value();
      d.has_route = b.route.has_value();
      if (d.had_route && d.has_route) {
        d.cost_delta = b.cost() - a.cost();
        d.hours_delta = b.route->hours() - a.route->hours();
        d.co2_kg_delta = b.route->total.co2.value - a.route->total.co2.value;
        d.risk_delta = b.route->risk - a.route->risk;
        // Places are compared by id: a scenario's network may number them differently.
        std::vector<std::string> pa, pb;
        for (auto l : a.route->locations) pa.push_back(base.location(l).id);
        for (auto l : b.route->locations) pb.push_back(run.network->location(l).id);
        d.route_changed = pa != pb;
        if (a.reliability && b.reliability) {
          d.p50_hours_delta = b.reliability->p50_hours - a.reliability->p50_hours;
          d.p90_hours_delta = b.reliability->p90_hours - a.reliability->p90_hours;
        }
      } else {
        d.route_changed = d.had_route != d.has_route;
      }
      out.differences.push_back(d);
    }
    out.runs.push_back(std::move(run));
  }
  return out;
}

}  // namespace caravan::scenario
