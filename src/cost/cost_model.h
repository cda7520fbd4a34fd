// What one arc of the expanded graph costs a given shipment: money, time, CO2 and risk, with the
// breakdown the itinerary reports. Costs are computed at query time behind this small interface.
#pragma once
#include <vector>

#include "core/units.h"
#include "cost/shipment.h"
#include "network/network.h"

namespace caravan::cost {

// Why an arc cannot carry the shipment.
enum class Unusable : std::uint8_t { None, Handling, Closed, NoTransfer, Forbidden };

struct ArcWeights {
  Unusable unusable = Unusable::None;
  Usd line_haul{0}, handling{0}, border{0}, inventory{0};
  Usd regimes{0};  // policy regimes: permit and regime charges, war-risk premiums
  Hours moving{0}, waiting{0}, handling_time{0}, border_time{0};
  Hours regime_time{0};  // policy regimes: permit delays
  KgCo2 co2{0};
  double risk = 0.0;  // -ln(1 - p): additive along a path
  bool usable() const { return unusable == Unusable::None; }
  Usd cost() const { return line_haul + handling + border + inventory + regimes; }
  Hours hours() const { return moving + waiting + handling_time + border_time + regime_time; }
};

struct Params {
  int month = 0;                         // departure month 1..12; 0: ignore closures
  double carrying_rate_per_year = 0.10;  // cost of capital on the goods while in transit
};

class CostModel {
 public:
  virtual ~CostModel() = default;
  virtual ArcWeights weigh(const network::Network& net, const network::Arc& arc) const = 0;
};

// Tariffs, dwell times and emission factors from the network data.
class DataCostModel final : public CostModel {
 public:
  DataCostModel(Shipment shipment, Params params) : s_(std::move(shipment)), p_(params) {}
  ArcWeights weigh(const network::Network& net, const network::Arc& arc) const override;
  const Shipment& shipment() const { return s_; }
  const Params& params() const { return p_; }

 private:
  Shipment s_;
  Params p_;
};

// Weights of every arc, indexed by arc id.
std::vector<ArcWeights> weigh_all(const network::Network& net, const CostModel& model);

// -ln(1-p), the additive form of a disruption probability.
double risk_weight(double p);
// Back from the additive form to a probability.
double risk_probability(double w);

// A route's risk, one definition (docs/routing.md "Risk"), used by routing (ArcWeights::risk)
// and sampled by the Monte Carlo (sim/monte_carlo.h): the chance that at least one independent
// disruption hits the shipment. Its sources:
// - passages: each country entered, chokepoint passed and location reached, with its
//   `disruption_probability` (per passage);
// - events (disruptions.csv) on the arc, each with its probability if in season in `month`
//   (month 0, unknown: its probability spread over the year, p x months in season / 12);
// - regimes (policy risks and permit refusals), added by route/policy.h.
// The additive weight of the passages of a link arc (0 for a transfer).
double passage_risk(const network::Network& net, const network::Arc& arc);
// The weight of one event in `month`.
double event_risk(const network::DisruptionEvent& e, int month);
// The weight of the events of arc `a` in `month`.
double arc_event_risk(const network::Network& net, std::uint32_t a, int month);
// The weight of the origin's passages: its country's and location's.
double origin_passage_risk(const network::Network& net, LocationId origin);
// The weight at the origin: its passages and their events.
double origin_risk(const network::Network& net, LocationId origin, int month);

}  // namespace caravan::cost
