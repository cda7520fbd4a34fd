// Time-dependent arc weights. With a departure date, the calendar from that day is cut into
// epochs: the first of every month and every day a binding regime begins or ends. An arc whose
// weights change between epochs (a link closed in some months, a month-dependent wait or dwell,
// a regime that starts or ends within the horizon) gets a row of weights, one per epoch; every
// other arc keeps its one static weight. The searches read an arc at the epoch the cargo reaches
// it, and may hold the cargo at the arc's tail until a later epoch begins (waiting for a link to
// reopen, for a season or for a regime to end). A hold costs the inventory of the goods while they
// wait. See docs/routing.md "Time-dependent routing".
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/date.h"
#include "cost/cost_model.h"
#include "cost/shipment.h"
#include "network/network.h"
#include "route/policy_hit.h"
#include "route/query.h"

namespace caravan::route {

inline constexpr std::uint32_t kStaticArc = UINT32_MAX;
inline constexpr double kHorizonDays = 400;  // epochs beyond this extend the last one

struct Timetable {
  bool active = false;             // a departure date was given
  Date depart;                     // epoch 0 begins at 00:00 of this day
  std::vector<double> start;       // per epoch: hours after departure (start[0] = 0)
  std::vector<Date> date;          // per epoch: its first day
  std::vector<std::uint32_t> row;  // per arc: kStaticArc, or its row of weights
  std::vector<std::uint32_t> arc_of_row;
  // The weights of row r in epoch e are pool[slot[r * epochs + e]]: epochs whose months weigh the
  // same share one entry, until a regime changes one of them.
  std::vector<cost::ArcWeights> pool;
  std::vector<std::uint32_t> slot;  // [row * epochs + e]
  std::vector<double> row_hours;    // the same layout: the weights' hours
  std::vector<double> scalar;       // the same layout; +infinity where the arc cannot be used
  std::vector<double> later_adjusted, later_arrival;  // [row * epochs + e]: bounds over e' > e
  std::vector<double> lower;  // per row: its smallest scalar over the epochs (a lower bound)
  std::vector<std::vector<PolicyHit>> hits;  // per epoch: hits on time-dependent arcs
  std::vector<std::uint32_t> forbids;        // regimes that forbid an arc in some epoch
  double hold_usd_per_hour = 0.0;            // inventory of the goods while held
  double hold_scalar_per_hour = 0.0;         // the same hour in the query's objective

  std::size_t epochs() const { return start.size(); }
  std::size_t rows() const { return arc_of_row.size(); }
  const cost::ArcWeights& w(std::size_t r, std::size_t e) const {
    return pool[slot[r * epochs() + e]];
  }
  // The epoch that contains `hours` after departure.
  std::uint32_t epoch_at(double hours) const;
  // The weights of a hold of `hours`.
  cost::ArcWeights hold(double hours) const;
};

// Fills `scalar` (from `allowed`: per arc, 1 if no query constraint forbids it) and the hold
// bounds; called by prepare().
void compile_scalars(Timetable& tt, const std::vector<std::uint8_t>& allowed, Objective objective,
                     double value_of_time_usd_per_hour);

// The timetable of a query with a departure date (`q.depart`); an inactive one without.
// `params.month` is ignored: each epoch takes its own month.
Timetable build_timetable(const network::Network& net, const Query& q,
                          const cost::Shipment& shipment, const cost::Params& params);

}  // namespace caravan::route
