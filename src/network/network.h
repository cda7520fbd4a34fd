// The multimodal network: the tables as loaded (locations, links, transfers, borders, catalogue)
// and, once finalised, the NODUS-style expanded graph in CSR arrays.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/geo.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/units.h"
#include "network/distribution.h"
#include "network/graph.h"
#include "network/policy.h"
#include "network/provenance.h"
#include "network/types.h"

namespace caravan::network {

struct Country {
  std::string iso2, name;
  double disruption_probability = 0.0;
  Provenance prov;
};

struct Chokepoint {
  std::string id, name;
  double disruption_probability = 0.0;
  Provenance prov;
};

struct EmissionClass {
  std::string id, name;
  double g_co2e_per_tkm = 0.0;
  Provenance prov;
};

struct Location {
  std::string id, name;
  std::vector<std::string> aliases;
  CountryId country;
  LatLon pos;
  LocationKind kind = LocationKind::City;
  double disruption_probability = 0.0;
  Provenance prov;
};

// A line-haul rate by commodity class and train type (rates.csv): a shipment of `handling` on a
// link of `mode` whose countries are all in `countries` (empty: any) pays `usd_per_tkm` in place
// of the link's tariff, from `min_tonnes` up (a block train's rate applies to a train's load).
struct Rate {
  std::string id, train, note;
  Mode mode = Mode::Rail;
  Handling handling = Handling::DryBulk;
  std::vector<CountryId> countries;
  double min_tonnes = 0.0;
  double usd_per_tkm = 0.0;
  std::optional<double> low, high;  // the published range the value is taken from
  Provenance prov;
};

struct Link {
  std::string id;
  LocationId from, to;
  Mode mode = Mode::Rail;
  int gauge_mm = 0;
  Km km{0};
  Hours hours{0};  // running time (given, or km / speed)
  Triangular wait;
  MonthlyDist wait_dist = no_monthly_dist();  // distributions.csv overrides, per month
  std::uint8_t handling_mask = 0;             // bit per Handling
  std::optional<double> usd_per_tkm, usd_per_teu;
  double fixed_usd = 0.0;
  std::optional<double> capacity_tpy, capacity_teu_py;
  std::uint32_t emission_class = 0;
  std::vector<CountryId> countries;  // in order from `from` to `to`
  std::vector<ChokepointId> chokepoints;
  std::uint16_t closed_months = 0;  // bit m-1 set: closed in month m
  bool oneway = false;
  bool estimated = false;  // an access leg made at query time (route/access.h), not a surveyed link
  // Its shape from `from` to `to` (geometry.geojson, geometry-*.geojson), for maps; empty: a
  // straight line.
  std::vector<LatLon> geometry;
  Provenance prov;

  Layer layer() const { return *layer_of(mode, gauge_mm); }
  bool carries(Handling h) const { return (handling_mask >> static_cast<int>(h)) & 1u; }
  bool closed_in(int month) const {
    return month >= 1 && month <= 12 && ((closed_months >> (month - 1)) & 1u);
  }
};

struct Transfer {
  LocationId location;  // invalid: the default for every location
  Layer from = Layer::Rail1520, to = Layer::Rail1520;
  std::optional<Handling> handling;  // nullopt: every handling class
  std::optional<double> usd_per_t, usd_per_teu;
  double fixed_usd = 0.0;
  Triangular hours;
  MonthlyDist hours_dist = no_monthly_dist();
  std::optional<double> capacity_tpy, capacity_teu_py;  // annual handling capacity (assignment)
  Provenance prov;
};

struct Border {
  LocationId from, to;
  double fee_usd = 0.0, fee_usd_per_teu = 0.0, fee_usd_per_t = 0.0;
  Triangular hours;
  MonthlyDist hours_dist = no_monthly_dist();
  std::optional<double> capacity_tpy, capacity_teu_py;  // annual crossing capacity (assignment)
  Provenance prov;
};

struct Commodity {
  std::string id, name, hs;
  Handling handling = Handling::Container;
  double value_usd_per_t = 0.0;
  double tonnes_per_teu = 20.0;
  Provenance prov;
};

struct Corridor {
  std::string id, name, description;
  std::vector<LocationId> via_any;
  std::vector<CountryId> require_countries, forbid_countries;
  std::vector<LocationId> forbid_locations;
};

struct TransitRule {
  std::string hs_prefix;  // "*" for every commodity
  CountryId country;
  std::string note;
  Provenance prov;
};

// What a disruption event hits.
enum class TargetKind : std::uint8_t { Country, Location, Link, Chokepoint };

struct DisruptionEvent {
  std::string id, description;
  TargetKind target_kind = TargetKind::Location;
  std::uint32_t target = 0;  // index into the table of its kind
  double probability = 0.0;  // per shipment passing, or per month
  bool per_month = false;
  std::uint16_t months = 0x0FFF;  // bit m-1: can happen in month m
  bool closure = false;           // closure (reroute if possible) or delay
  Distribution duration;          // delay or closure duration, hours
  Provenance prov;
  bool in_month(int month) const { return month < 1 || ((months >> (month - 1)) & 1u); }
};

struct Tables {
  std::string name, version, description;
  Date as_of = make_date(2026, 1, 1);    // network.json "as_of": the date the data describes
  double carrying_rate_per_year = 0.10;  // cost of capital on goods in transit
  Provenance parameters_prov;
  std::vector<Source> sources;
  std::vector<Country> countries;
  std::vector<Chokepoint> chokepoints;
  std::vector<EmissionClass> emission_classes;
  std::vector<Location> locations;
  std::vector<Link> links;
  std::vector<Transfer> transfers;
  std::vector<Border> borders;
  std::vector<Commodity> commodities;
  std::vector<Corridor> corridors;
  std::vector<TransitRule> rules;
  std::vector<Policy> policies;             // policies.csv
  std::vector<Bloc> blocs;                  // blocs.csv
  std::vector<Distribution> distributions;  // referenced by the *_dist month tables
  std::vector<DisruptionEvent> disruptions;
  std::vector<Rate> rates;
};

// The distribution of a duration in `month` (1..12; 0: no month given).
Distribution duration_in(const Tables& t, const Triangular& base, const MonthlyDist& by_month,
                         int month);
// Its mean, without building the distribution.
Hours mean_duration(const Tables& t, const Triangular& base, const MonthlyDist& by_month,
                    int month);

// A network ready for queries: the tables, their id indexes and the expanded graph. Immutable once
// built, so one Network serves many threads.
class Network {
 public:
  // Checks cross-table consistency and builds the graph; errors name the row ("links.csv:12").
  static Result<Network> build(Tables tables);

  const Tables& tables() const { return t_; }
  const Graph& graph() const { return graph_; }
  const Location& location(LocationId id) const { return t_.locations[id.value]; }
  const Link& link(LinkId id) const { return t_.links[id.value]; }
  const Country& country(CountryId id) const { return t_.countries[id.value]; }
  const Chokepoint& chokepoint(ChokepointId id) const { return t_.chokepoints[id.value]; }
  const Commodity& commodity(CommodityId id) const { return t_.commodities[id.value]; }
  std::size_t location_count() const { return t_.locations.size(); }
  std::size_t link_count() const { return t_.links.size(); }

  std::optional<LocationId> find_location(std::string_view id) const;
  std::optional<CountryId> find_country(std::string_view iso2) const;
  std::optional<ChokepointId> find_chokepoint(std::string_view id) const;
  std::optional<CommodityId> find_commodity(std::string_view id) const;
  std::optional<LinkId> find_link(std::string_view id) const;
  const Corridor* find_corridor(std::string_view id) const;
  // The border crossed when going from `a` to `b`, if the pair is a border crossing.
  const Border* border_between(LocationId a, LocationId b) const;
  // The arcs policy regime `i` covers, by arc index (computed once, when the network is built).
  const std::vector<PolicyArc>& policy_arcs(std::size_t i) const { return policy_arcs_[i]; }
  // Arcs whose weights change with the month for some handling class (a closure, a
  // month-dependent wait or dwell, a disruption event of some months only), with a bit per
  // handling class (computed once).
  struct SeasonalArc {
    std::uint32_t arc = 0;
    std::uint8_t handling_bits = 0;  // bit h: varies for Handling h
    // Per month 1..12: the first month whose month-dependent inputs (closure, wait, border and
    // transfer durations, the disruption events in season) are the same as this month's; months
    // of one class weigh the same.
    std::array<std::uint8_t, 13> month_class{};
  };
  const std::vector<SeasonalArc>& seasonal_arcs() const { return seasonal_arcs_; }
  // The disruption events (Tables::disruptions) that can hit a shipment taking arc `a`: a link
  // arc that reaches the event's location, passes its chokepoint, is its link, or enters its
  // country; the same places and countries the route's risk counts (cost::passage_risk).
  std::span<const std::uint32_t> arc_events(std::uint32_t a) const {
    return {arc_events_.data() + arc_event_first_[a], arc_events_.data() + arc_event_first_[a + 1]};
  }
  // The rate (rates.csv) a shipment of `handling` and `tonnes` pays on link `link`: of the rows
  // whose mode, class and countries match, the one with the largest minimum the shipment reaches,
  // a row naming countries before one for any country; nullptr: the link's own tariff.
  const Rate* link_rate(std::uint32_t link, Handling handling, double tonnes) const;
  // The events that can hit a shipment at its origin: on the location or its country.
  std::vector<std::uint32_t> origin_events(LocationId origin) const;
  // The regimes that cover arc `a`, each with its entry of policy_arcs (the reverse index).
  struct ArcPolicy {
    std::uint32_t policy = 0;
    PolicyArc covered;
  };
  std::span<const ArcPolicy> arc_policies(std::uint32_t a) const {
    return {arc_policies_.data() + arc_policy_first_[a],
            arc_policies_.data() + arc_policy_first_[a + 1]};
  }

 private:
  Tables t_;
  Graph graph_;
  std::vector<std::vector<PolicyArc>> policy_arcs_;
  std::vector<SeasonalArc> seasonal_arcs_;
  // Per link x handling class: the matching rates, best first (rate_first_ ranges into rate_rows_).
  std::vector<std::uint32_t> rate_first_, rate_rows_;
  std::vector<std::uint32_t> arc_event_first_;  // per arc + 1: range in arc_events_
  std::vector<std::uint32_t> arc_events_;
  std::vector<std::uint32_t> arc_policy_first_;  // per arc + 1: range in arc_policies_
  std::vector<ArcPolicy> arc_policies_;
  std::unordered_map<std::string, LocationId> location_index_;
  std::unordered_map<std::string, CountryId> country_index_;
  std::unordered_map<std::string, ChokepointId> chokepoint_index_;
  std::unordered_map<std::string, CommodityId> commodity_index_;
  std::unordered_map<std::string, LinkId> link_index_;
  std::unordered_map<std::uint64_t, std::uint32_t> border_index_;
};

// The transfer rows of `loc` for the layer pair, to edit: when the location has none, the default
// rows (location "*") are copied to it first. Empty when neither exists.
std::vector<std::size_t> own_transfer_rows(Tables& t, LocationId loc, Layer from, Layer to);

}  // namespace caravan::network
