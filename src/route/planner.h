// The route planner's entry points: plan one shipment (best, k alternatives or the Pareto set),
// explain an empty answer, answer "why not via X", and compare variants (corridors) side by side.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cost/cost_model.h"
#include "route/itinerary.h"
#include "route/search.h"

namespace caravan::route {

struct PlanRequest {
  Query query;
  cost::Shipment shipment;
  cost::Params params;
  int alternatives = 1;  // k distinct routes
  bool pareto = false;   // the exact non-dominated set instead
  std::size_t max_labels = 500000;
};

struct PlanResult {
  std::vector<Itinerary> routes;
  Prepared prepared;            // the compiled query (arc weights for rendering)
  std::string no_route_reason;  // when routes is empty: which constraint cut the last route off
  bool truncated = false;       // Pareto label limit hit
  std::size_t labels = 0;
};

// A request with the network's defaults: places by name, alias or UN/LOCODE (errors name `from`
// or `to` and the closest matches), the commodity's catalogue value and HS code, the network's
// carrying rate and the default value of time. Give tonnes or TEU.
Result<PlanRequest> make_plan_request(const network::Network& net, std::string_view from,
                                      std::string_view to, const std::string& commodity,
                                      std::optional<double> tonnes,
                                      std::optional<double> teu = std::nullopt);

// Plans with the request's departure date (Query::depart): closures, month-dependent times and
// regimes are taken in the epoch the cargo reaches each arc (route/timetable.h); without one, no
// closure applies and regimes are those of the network's as-of date.
Result<PlanResult> plan(const network::Network& net, const PlanRequest& request);

// `--month M` as a departure: the first of the coming month M (on or after the network's as-of
// month).
Date departure_in_month(const network::Network& net, int month);

// A regime as an explanation names it: "JP country_sanctions 'jp-fefta-russia-2022' (Cabinet
// Order ..., 2022-03-01..)".
std::string policy_label(const network::Policy& p);

// Says which constraint, dropped alone, would let a route through (or that none would).
std::string explain_no_route(const network::Network& net, const PlanRequest& request);

struct WhyNot {
  bool possible = false;                  // some route via X satisfies the constraints
  std::string reason;                     // the explanation, in one paragraph
  std::optional<Itinerary> via_route;     // best route via X, when possible
  std::optional<Itinerary> chosen;        // the route chosen without the via
  std::optional<Itinerary> dominated_by;  // a Pareto route no worse in every criterion
};
Result<WhyNot> why_not(const network::Network& net, const PlanRequest& request, LocationId via);

// A named variant of the base request: extra constraints (a corridor, an avoid set).
struct Variant {
  std::string id, name;
  Constraints extra;
};
struct VariantResult {
  Variant variant;
  std::vector<Variant> same_route;  // variants merged into this one: their route is the same
  std::optional<Itinerary> route;
  std::optional<Prepared> prepared;  // the compiled query the route was found in
  std::string no_route_reason;
};
// Each variant's best route; a variant whose best route passes a place twice (the corridor forces
// a detour there and back) gets no route and says so.
Result<std::vector<VariantResult>> compare(const network::Network& net, const PlanRequest& base,
                                           const std::vector<Variant>& variants);

// The first place a route passes twice (it went there and came back), if any.
std::optional<LocationId> revisited(const Itinerary& it);

// Shows variants whose routes come out identical (the same arcs and holds) once: the later ones
// are removed and listed in the first one's `same_route`.
void merge_identical(std::vector<VariantResult>& results);

// The network's corridors as variants.
std::vector<Variant> corridor_variants(const network::Network& net);
// Merges b into a (lists appended, the tighter transshipment cap kept).
Constraints merge(Constraints a, const Constraints& b);

}  // namespace caravan::route
