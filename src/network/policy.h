// Policy regimes: sanctions, export controls, transit bans and permits, insurance exclusions and
// war-risk zones, each dated, with the parties whose country puts a shipment under it, the part
// of a route it covers and what it does there (docs/policies.md).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/provenance.h"
#include "network/types.h"

namespace caravan::network {

enum class PolicyKind : std::uint8_t {
  CountrySanctions,
  GoodsBan,
  ExportControl,
  TransitBan,
  TransitPermit,
  ExportPermit,
  SecondarySanctions,
  InsuranceExclusion,
  WarRisk,
};
inline constexpr std::string_view kPolicyKinds =
    "country_sanctions, goods_ban, export_control, transit_ban, transit_permit, export_permit, "
    "secondary_sanctions, insurance_exclusion, war_risk";
std::string_view name(PolicyKind k);
std::optional<PolicyKind> parse_policy_kind(std::string_view s);

// What a regime does where it applies.
enum class PolicyEffect : std::uint8_t {
  Forbid,   // the route may not go there
  Permit,   // a licence: a chance of refusal and a delay
  Cost,     // a charge: % of the goods' value, per tonne, per TEU
  Premium,  // an insurance premium, % of the goods' value per passage
  Risk,     // a chance of disruption
};
std::string_view name(PolicyEffect e);
std::optional<PolicyEffect> parse_policy_effect(std::string_view s);

// The parties of a shipment, as bits.
enum PartyBits : std::uint8_t { kSeller = 1, kBuyer = 2, kCarrier = 4, kAnyParty = 7 };

// An uncertain figure: a low..high range, or unknown (never taken as zero).
struct Uncertain {
  std::optional<double> low, high;  // both empty: not given; `unknown` says whether it is known
  bool unknown = false;
  bool given() const { return low.has_value() || unknown; }
};

struct Policy {
  std::string id, issuer;  // issuer: an ISO 3166 code, a bloc id (blocs.csv) or MARKET
  PolicyKind kind = PolicyKind::CountrySanctions;
  std::uint8_t binds = 0;  // the parties it reaches (PartyBits)
  bool anyone = false;     // binds "any": every shipment, whoever its parties are
  // The parties' countries it reaches: empty = the issuer's jurisdiction (the issuer, or the
  // bloc's members); {"*"} = any country (extraterritorial reach, market practice).
  std::vector<std::string> party_countries;
  // Where it applies (every non-empty scope must match): countries, locations, chokepoints,
  // modes; and the goods (HS prefixes, digits; empty = all goods).
  std::vector<CountryId> countries;
  std::vector<LocationId> locations;
  std::vector<ChokepointId> chokepoints;
  std::vector<Mode> modes;
  std::vector<std::string> hs_prefixes;
  PolicyEffect effect = PolicyEffect::Risk;
  Uncertain refusal_probability, delay_hours_min, delay_hours_mode, delay_hours_max;
  Uncertain cost_pct_value, cost_usd_per_t, cost_usd_per_teu, premium_pct_value, risk;
  Date from;                // in force from this day
  std::optional<Date> to;   // to this day inclusive; nullopt: still in force
  std::string description;  // the act, e.g. "Council Regulation (EU) No 833/2014 art. 3l"
  Provenance prov;
  bool in_force(Date d) const { return from <= d && (!to || d <= *to); }
};

// An arc a regime covers, and whether it enters the regime's territory: its tail lies outside the
// regime's countries (or, without countries, its locations), or the regime names no place; effects
// other than forbid count on entering arcs (and on any covered link arc leaving the origin).
struct PolicyArc {
  std::uint32_t arc = 0;
  bool entry = false;
  bool link = false;  // a link arc (transfers are covered by forbid only)
};

// A bloc whose members a regime of the bloc reaches (EU, EAEU ...).
struct Bloc {
  std::string id, name;
  std::vector<std::string> members;  // ISO 3166 codes
  Provenance prov;
};

}  // namespace caravan::network
