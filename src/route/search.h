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
#include "route/policy_hit.h"
#include "route/query.h"
#include "route/timetable.h"

namespace caravan::route {

struct Path {
  std::vector<ArcId> arcs;
  double weight = 0.0;  // the objective's scalar (single-objective searches)
  // Time-dependent searches: per arc, the hours the cargo is held at its tail before taking it,
  // and the epoch it is taken in. Empty: no holds, epochs from the times.
  std::vector<double> hold;
  std::vector<std::uint32_t> epoch;
  // False when a time-dependent search ran past its work limit (16 per node) and fell back to one
  // label per node: the route is the best that search found, not proven optimal.
  bool exact = true;
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
  Timetable tt;                               // with a departure date: the arcs' weights by epoch
  // Per arc, when time-dependent, what the search's loop reads in one place: an arc without a
  // row has its scalar (+infinity when forbidden) and hours; an arc with a row has scalar
  // -1 - row (the row's epochs say the rest).
  struct TdArc {
    double scalar = 0, hours = 0;
  };
  std::vector<TdArc> td_arcs;
  // Per arc in the graph's by-head order (Graph::in_arc), when time-dependent: its smallest scalar
  // over the epochs, for the backward search of the bounds (route/td_search.cpp).
  std::vector<double> lower_in;
  bool time_dependent() const { return tt.active && tt.rows() > 0; }
  // Work (labels and list entries compared) the time-dependent search may do before it falls back
  // to one label per node (0: 16 per node x state + 100,000).
  std::size_t max_td_work = 0;
  std::uint32_t state_count() const { return static_cast<std::uint32_t>(stages) << bits; }
  std::uint32_t states() const { return state_count() * static_cast<std::uint32_t>(levels); }
};

// Compiles the query; contradictory constraints are an Unsatisfiable error. With an active
// timetable (route/timetable.h) the searches are time-dependent.
Result<Prepared> prepare(const network::Network& net, std::vector<cost::ArcWeights> weights,
                         const Query& query, Timetable timetable = {});

// The weights of `arc` in `epoch` (its static weights when it has no row).
const cost::ArcWeights& weights_at(const Prepared& p, ArcId arc, std::uint32_t epoch);

// One way to take an arc reached at some time: at once (hold 0), or held until a later epoch.
struct Move {
  double hold = 0;    // hours held at the arc's tail
  double scalar = 0;  // objective added: the hold's and the arc's
  double hours = 0;   // the arc's own hours (after the hold)
  std::uint32_t epoch = 0;
};
// Every move on `arc` reached `t` hours after departure that no other move on it dominates (an
// earlier arrival at the head with a scalar no worse once the earlier one waits); `all` gives
// every usable epoch instead (the multi-criteria search prunes by its own dominance).
void moves(const Prepared& p, std::uint32_t arc, double t, std::vector<Move>& out,
           bool all = false);

// A path's arcs with their times: the weights of each arc in the epoch it is taken, its hold
// included (as waiting and inventory), and when the cargo reaches its tail.
struct TimedArc {
  ArcId arc;
  cost::ArcWeights w;
  double reach = 0, hold = 0;  // hours after departure; hours held before taking it
  std::uint32_t epoch = 0;
};
std::vector<TimedArc> timed_arcs(const Prepared& p, const Path& path);

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
  double t = 0.0;  // hours after departure (time-dependent searches)
};

// Exact single-objective search (Dijkstra over node x state). Returns nullopt when no path.
std::optional<Path> best_path(const Prepared& p, const std::vector<Start>& starts,
                              const Bans* bans = nullptr);
std::optional<Path> best_path(const Prepared& p);

}  // namespace caravan::route
