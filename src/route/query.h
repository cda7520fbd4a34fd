// A routing query: origin, destination, objective and the constraints applied at query time.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "cost/cost_model.h"
#include "network/network.h"

namespace caravan::route {

enum class Objective { Cost, Time, Co2, Risk, Generalized };
std::string_view name(Objective o);
std::optional<Objective> parse_objective(std::string_view s);

// "Commodity (HS prefix) may not transit country X".
struct TransitRule {
  std::string hs_prefix;  // "*" or digits
  CountryId country;
  std::string
      origin;  // where the rule came from, for explanations ("--forbid-transit", "rules.csv:3")
};

struct Constraints {
  std::vector<CountryId> avoid_countries;
  std::vector<LocationId> avoid_locations;
  std::vector<network::Mode> avoid_modes;
  std::vector<ChokepointId> avoid_chokepoints;
  std::vector<LinkId> avoid_links;           // closed links (scenarios)
  std::vector<LocationId> via;               // pass each, in this order
  std::vector<LocationId> via_any;           // pass at least one (corridor definitions)
  std::vector<CountryId> require_countries;  // cross each (at most 8)
  std::optional<int> max_transshipments;
  std::vector<TransitRule> transit_rules;  // query rules; the network's rules.csv applies too
  bool ignore_network_rules = false;
  bool ignore_policies = false;              // the network's policies.csv
  std::vector<std::string> waived_policies;  // regime ids not applied (what-if, explanations)
};

// The parties of a shipment (ISO 3166 codes): the seller's and the buyer's country default to the
// origin's and the destination's; the carrier's (or vessel's flag) is unknown by default.
struct Parties {
  std::string seller, buyer, carrier;
};

struct Query {
  LocationId from, to;
  std::string hs;  // the shipment's HS code (digits), for transit rules
  Objective objective = Objective::Cost;
  double value_of_time_usd_per_hour = 0.0;  // for Objective::Generalized
  Constraints constraints;
  Parties parties;
  std::optional<Date> depart;  // regimes in force that day; none: the network's as-of date
};

// The scalar a single-objective search minimises for one arc; ties broken by money.
double scalar_weight(const cost::ArcWeights& w, Objective o, double value_of_time_usd_per_hour);

}  // namespace caravan::route
