// Epochs from the departure date and the time-dependent rows of weights.
#include "route/timetable.h"

#include <algorithm>
#include <array>
#include <set>

#include "route/policy.h"

namespace caravan::route {
namespace nw = caravan::network;

std::uint32_t Timetable::epoch_at(double hours) const {
  const auto it = std::upper_bound(start.begin(), start.end(), hours);
  return it == start.begin() ? 0 : static_cast<std::uint32_t>(it - start.begin() - 1);
}

cost::ArcWeights Timetable::hold(double hours) const {
  cost::ArcWeights held;
  held.waiting = Hours{hours};
  held.inventory = Usd{hold_usd_per_hour * hours};
  return held;
}

Timetable build_timetable(const nw::Network& net, const Query& q, const cost::Shipment& shipment,
                          const cost::Params& params) {
  Timetable tt;
  if (!q.depart) return tt;
  tt.active = true;
  tt.depart = *q.depart;
  tt.hold_usd_per_hour = shipment.value.value * params.carrying_rate_per_year / 8760.0;
  const int d0 = tt.depart.day;
  const int horizon = d0 + static_cast<int>(kHorizonDays);

  // Epoch boundaries: the first of each month, and the days binding regimes begin or end.
  std::set<int> days;
  for (int y = year_of(tt.depart), m = month_of(tt.depart);;) {
    if (++m > 12) {
      m = 1;
      ++y;
    }
    const int day = make_date(y, m, 1).day;
    if (day > horizon) break;
    days.insert(day);
  }
  const auto& policies = net.tables().policies;
  std::vector<std::uint8_t> changing(policies.size(), 0);
  std::vector<std::uint8_t> binding(policies.size(), 0);  // apart from the date
  if (!q.constraints.ignore_policies) {
    const Parties parties = parties_of(net, q);
    for (std::size_t i = 0; i < policies.size(); ++i) {
      const auto& p = policies[i];
      if (std::find(q.constraints.waived_policies.begin(), q.constraints.waived_policies.end(),
                    p.id) != q.constraints.waived_policies.end())
        continue;
      if (!binds(net, p, parties, q.hs, p.from)) continue;  // whatever the date
      binding[i] = 1;
      auto mark = [&](int day) {
        if (day > d0 && day <= horizon) {
          days.insert(day);
          changing[i] = 1;
        }
      };
      mark(p.from.day);
      if (p.to) mark(p.to->day + 1);
    }
  }
  tt.date.push_back(tt.depart);
  tt.start.push_back(0.0);
  for (int day : days) {
    tt.date.push_back(Date{day});
    tt.start.push_back((day - d0) * 24.0);
  }
  const std::size_t E = tt.epochs();

  // Rows: arcs whose weights may change between epochs.
  const auto& g = net.graph();
  tt.row.assign(g.arc_count(), kStaticArc);
  auto add_row = [&](std::uint32_t a) {
    if (tt.row[a] != kStaticArc) return;
    tt.row[a] = static_cast<std::uint32_t>(tt.arc_of_row.size());
    tt.arc_of_row.push_back(a);
  };
  for (const auto& sa : net.seasonal_arcs())
    if ((sa.handling_bits >> static_cast<int>(shipment.handling)) & 1u) add_row(sa.arc);
  for (std::size_t i = 0; i < policies.size(); ++i)
    if (changing[i])
      for (const auto& pa : net.policy_arcs(i)) add_row(pa.arc);

  // The regimes that cover a row, with those rows: the only ones to apply in each epoch.
  std::vector<CoveredArcs> touching;
  {
    std::vector<std::vector<nw::PolicyArc>> by_policy(policies.size());
    for (const auto a : tt.arc_of_row)
      for (const auto& ap : net.arc_policies(a)) by_policy[ap.policy].push_back(ap.covered);
    for (std::uint32_t i = 0; i < policies.size(); ++i)
      if (binding[i] && !by_policy[i].empty()) touching.push_back({i, std::move(by_policy[i])});
  }

  // Their weights in each epoch: the month's closures and distributions, the day's regimes.
  tt.slot.resize(tt.rows() * E);
  tt.hits.resize(E);
  // Each row weighed once per class of months (months whose inputs are equal), shared by the
  // epochs of that class; a row no season touches (a regime's only) is weighed once.
  std::vector<std::uint8_t> month_class(tt.rows() * 13, 0);
  for (const auto& sa : net.seasonal_arcs())
    if (tt.row[sa.arc] != kStaticArc)
      std::copy(sa.month_class.begin(), sa.month_class.end(),
                month_class.begin() + static_cast<std::ptrdiff_t>(tt.row[sa.arc]) * 13);
  std::vector<cost::DataCostModel> models;
  std::vector<int> month(E);
  for (std::size_t e = 0; e < E; ++e) {
    cost::Params pe = params;
    pe.month = month[e] = month_of(tt.date[e]);
    models.emplace_back(shipment, pe);
  }
  for (std::size_t r = 0; r < tt.rows(); ++r) {
    std::array<std::uint32_t, 13> weighed;
    weighed.fill(UINT32_MAX);
    for (std::size_t e = 0; e < E; ++e) {
      std::uint32_t& entry = weighed[month_class[r * 13 + static_cast<std::size_t>(month[e])]];
      if (entry == UINT32_MAX) {
        entry = static_cast<std::uint32_t>(tt.pool.size());
        tt.pool.push_back(models[e].weigh(net, g.arcs[tt.arc_of_row[r]]));
      }
      tt.slot[r * E + e] = entry;
    }
  }
  // A regime changes its epoch's weights only: that slot gets an entry of its own first.
  const std::size_t shared = tt.pool.size();
  std::set<std::uint32_t> forbids;
  for (std::size_t e = 0; e < E; ++e) {
    auto effects = apply_policies_at(
        net, q, shipment, tt.date[e],
        [&](std::uint32_t a) {
          if (tt.row[a] == kStaticArc) return static_cast<cost::ArcWeights*>(nullptr);
          std::uint32_t& entry = tt.slot[tt.row[a] * E + e];
          if (entry < shared) {
            const cost::ArcWeights copy = tt.pool[entry];
            entry = static_cast<std::uint32_t>(tt.pool.size());
            tt.pool.push_back(copy);
          }
          return &tt.pool[entry];
        },
        &touching);
    tt.hits[e] = std::move(effects.hits);
    forbids.insert(effects.forbids.begin(), effects.forbids.end());
  }
  tt.forbids.assign(forbids.begin(), forbids.end());
  return tt;
}

void compile_scalars(Timetable& tt, const std::vector<std::uint8_t>& allowed, Objective objective,
                     double vot) {
  if (!tt.active) return;
  const std::size_t E = tt.epochs();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  tt.hold_scalar_per_hour = scalar_weight(tt.hold(1.0), objective, vot);
  const std::size_t slots = tt.slot.size();
  tt.scalar.assign(slots, kInf);
  tt.row_hours.resize(slots);
  tt.later_adjusted.assign(slots, kInf);
  tt.later_arrival.assign(slots, kInf);
  tt.lower.assign(tt.rows(), kInf);
  const double omega = tt.hold_scalar_per_hour;
  // Per entry of the pool (epochs share them): its scalar and hours.
  std::vector<double> pool_scalar(tt.pool.size()), pool_hours(tt.pool.size());
  for (std::size_t i = 0; i < tt.pool.size(); ++i) {
    const auto& w = tt.pool[i];
    pool_scalar[i] = w.usable() ? scalar_weight(w, objective, vot) : kInf;
    pool_hours[i] = w.hours().value;
  }
  for (std::size_t r = 0; r < tt.rows(); ++r) {
    const bool ok = allowed[tt.arc_of_row[r]] != 0;
    for (std::size_t e = 0; e < E; ++e) {
      const std::uint32_t entry = tt.slot[r * E + e];
      tt.row_hours[r * E + e] = pool_hours[entry];
      if (ok) tt.scalar[r * E + e] = pool_scalar[entry];
      tt.lower[r] = std::min(tt.lower[r], tt.scalar[r * E + e]);
    }
    // From the last epoch back: the best a hold into a later epoch can do (adjusted scalar
    // s - omega * hours, and arrival time at the head).
    double adj = kInf, arr = kInf;
    for (std::size_t e = E; e-- > 0;) {
      tt.later_adjusted[r * E + e] = adj;
      tt.later_arrival[r * E + e] = arr;
      const double s = tt.scalar[r * E + e];
      if (s < kInf) {
        const double h = tt.row_hours[r * E + e];
        adj = std::min(adj, s - omega * h);
        arr = std::min(arr, tt.start[e] + h);
      }
    }
  }
}

}  // namespace caravan::route
