// Shortest paths on the expanded graph under query-time constraints. Constraints that need memory
// (ordered vias, "pass one of", required countries, a cap on transshipments) become a small state
// carried with each node, so one exact label-setting search serves every query.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "cost/cost_model.h"
#include "network/network.h"
#include "route/query.h"

namespace caravan::route {

// A policy regime met on an arc (route/policy.h): what it adds there.
struct PolicyHit {
  std::uint32_t arc = 0;
  std::uint32_t policy = 0;   // index into the network's policies
  double usd = 0, hours = 0;  // added to the arc (low ends of ranges)
  double usd_high = 0, hours_high = 0;
  double risk = 0;       // probability added (refusal or disruption), low end
  bool unknown = false;  // a figure it needs is unknown: the effect is not counted
  std::size_t leg = 0;   // in an itinerary: the leg it applies to
};

struct Path {
  std::vector<ArcId> arcs;
  double weight = 0.0;  // the objective's scalar (single-objective searches)
};

// A query compiled against a network and a shipment's arc weights.
struct Prepared {
  const network::Network* net = nullptr;
  Query query;
  std::vector<cost::ArcWeights> weights;
  std::vector<double> scalar;           // per arc, for the query's objective
  std::vector<std::uint8_t> allowed;    // per arc: 1 if no constraint forbids it
  std::vector<std::uint8_t> transship;  // per arc: 1 if it counts as a transshipment
  std::vector<std::uint16_t> arc_bits;  // per arc: requirement bits set by traversing it
  std::vector<LocationId> vias;
  int stages = 1, bits = 0, levels = 1;  // state space: stage x mask x transshipment count
  std::uint16_t full_mask = 0;
  std::vector<std::uint32_t> sources;   // departure nodes at the origin
  std::vector<std::uint8_t> is_target;  // per node: arrival node at the destination
  std::vector<std::uint32_t> targets;   // the same nodes, as a short list
  std::uint32_t start_state = 0;
  double start_risk = 0.0;                    // origin country and location
  std::vector<PolicyHit> policy_hits;         // by arc: regimes that add to the arc's weights
  std::vector<std::uint32_t> policy_forbids;  // regimes that forbid arcs of this query
  std::uint32_t state_count() const { return static_cast<std::uint32_t>(stages) << bits; }
  std::uint32_t states() const { return state_count() * static_cast<std::uint32_t>(levels); }
};

// Compiles the query; contradictory constraints are an Unsatisfiable error.
Result<Prepared> prepare(const network::Network& net, std::vector<cost::ArcWeights> weights,
                         const Query& query);

// The state after traversing `arc` from `state`, or UINT32_MAX if the move is not allowed.
std::uint32_t transition(const Prepared& p, std::uint32_t state, ArcId arc);
bool is_final_state(const Prepared& p, std::uint32_t state);

struct Bans {
  std::vector<std::uint8_t> arcs;   // per arc
  std::vector<std::uint8_t> nodes;  // per node (never entered)
};

struct Start {
  std::uint32_t node;
  std::uint32_t state;
};

// Exact single-objective search (Dijkstra over node x state). Returns nullopt when no path.
std::optional<Path> best_path(const Prepared& p, const std::vector<Start>& starts,
                              const Bans* bans = nullptr);
std::optional<Path> best_path(const Prepared& p);

}  // namespace caravan::route
