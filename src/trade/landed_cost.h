// Landed cost of one shipment on one route: customs value by the destination's rule, import duty,
// excise, VAT on its base, origin export duty, transit regimes, freight and border fees, insurance
// rising with the route's risk and carrying cost, each with the party that pays it (Incoterms).
// Unknown figures are never zero: they are listed in `missing`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/units.h"
#include "tariff/incoterm.h"
#include "tariff/schedule.h"

namespace caravan::trade {

// The freight part of a route, cut at the port of shipment (the first sea or ferry leg; the origin
// when there is none).
struct Carriage {
  Usd freight{0};    // line haul and handling
  Usd border{0};     // border fees
  Usd inventory{0};  // capital tied up in the goods while moving
  Usd regimes{0};    // policy regimes: permits, charges, war-risk premiums
};

struct LandedInput {
  std::string origin_country, destination_country;  // ISO codes
  struct Transit {
    std::string country;             // crossed, neither origin nor destination
    std::vector<std::string> modes;  // of the legs in it, e.g. {"ferry", "rail"}
  };
  std::vector<Transit> transit;
  std::string hs;  // digits
  Usd goods_value{0};
  Tonnes tonnes{0};
  Carriage pre, main;  // before and after the port of shipment
  double risk = 0.0;   // probability that something on the route is disrupted, 0..1
  tariff::Incoterm incoterm = tariff::Incoterm::Dap;
  bool vat_recoverable = false;  // a registered importer recovers import VAT: shown, not counted
};

struct Component {
  std::string name;  // e.g. "import_duty"
  Usd usd{0};        // 0 when unknown; with the schedule's range figures at their low ends
  tariff::Party payer = tariff::Party::Buyer;
  bool known = true;
  std::string detail;  // how it was computed: rate, base, line
  std::vector<std::string> sources;
  std::optional<Usd> usd_high;  // with range figures at their high ends, when that differs
  bool counted = true;          // false: shown but not in the totals (recoverable import VAT)
};

struct LandedCost {
  std::vector<Component> components;
  Usd goods_value{0}, seller{0}, buyer{0};  // seller/buyer: costs each carries, goods excluded
  Usd seller_high{0}, buyer_high{0};        // the same with range figures at their high ends
  Usd customs_value{0};
  tariff::Valuation valuation = tariff::Valuation::Cif;
  std::vector<std::string> missing;    // components whose figures are unknown or not in the data
  std::vector<std::string> notes;      // export bans, licences, sea terms without a sea leg ...
  bool blocked = false;                // an export ban applies
  std::string currency;                // the destination's currency
  std::optional<double> usd_per_unit;  // its dated rate, when known
  std::string fx_date;

  Usd total() const { return goods_value + seller + buyer; }  // what the goods cost landed
  Usd total_high() const { return goods_value + seller_high + buyer_high; }
  bool ranged() const { return total_high() != total(); }
  bool complete() const { return missing.empty(); }
  const Component* find(std::string_view name) const;
};

// Computes every component; never fails: gaps in the schedule are reported in `missing`. Range
// figures ("low..high" in the data) give a range: the figures at their low ends (`usd`, `total`)
// and at their high ends (`usd_high`, `total_high`); every rule rises with each figure.
LandedCost landed_cost(const tariff::Schedule& schedule, const LandedInput& in);

}  // namespace caravan::trade
