// Policy regimes on a query: which regimes bind this shipment (its parties' countries, its goods,
// the date), and what each does on the arcs it covers: a forbidden arc, or cost, time and risk
// added once where the route enters what the regime covers (docs/policies.md).
#pragma once
#include <functional>
#include <vector>

#include "cost/cost_model.h"
#include "cost/shipment.h"
#include "network/network.h"
#include "route/policy_hit.h"
#include "route/query.h"

namespace caravan::route {

// The parties with their defaults filled in.
Parties parties_of(const network::Network& net, const Query& q);
// The date regimes are taken at: the query's departure, or the network's as-of date.
Date policy_date(const network::Network& net, const Query& q);

// Whether regime `p` binds a shipment of these parties and goods on `day`.
bool binds(const network::Network& net, const network::Policy& p, const Parties& parties,
           const std::string& hs, Date day);

struct PolicyEffects {
  std::vector<PolicyHit> hits;         // sorted by arc
  std::vector<std::uint32_t> forbids;  // regimes that forbid some arc
};

// Marks forbidden arcs unusable (Unusable::Forbidden) and adds the other regimes' cost, time and
// risk to the arcs where a route enters their scope.
PolicyEffects apply_policies(const network::Network& net, const Query& q,
                             const cost::Shipment& shipment,
                             std::vector<cost::ArcWeights>& weights);

// Some of the arcs a regime covers.
struct CoveredArcs {
  std::uint32_t policy = 0;
  std::vector<network::PolicyArc> arcs;
};

// The same at `day`, on the arcs `slot` gives weights for (nullptr: the arc is left alone), for
// the regimes and arcs `only` lists (every regime and arc when null; the regimes listed must bind
// the shipment apart from the date, which alone is checked); used for the epochs of a timetable.
PolicyEffects apply_policies_at(const network::Network& net, const Query& q,
                                const cost::Shipment& shipment, Date day,
                                const std::function<cost::ArcWeights*(std::uint32_t)>& slot,
                                const std::vector<CoveredArcs>* only = nullptr);

}  // namespace caravan::route
