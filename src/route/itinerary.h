// An itinerary: a path turned into legs and stops with totals, breakdowns and the explanation
// (countries, border crossings, gauge breaks, transshipments, ferries, chokepoints).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "route/search.h"

namespace caravan::route {

struct Leg {
  LinkId link;
  LocationId from, to;
  network::Mode mode = network::Mode::Rail;
  int gauge_mm = 0;
  Km km{0};
  cost::ArcWeights w;
  std::vector<CountryId> countries;  // in travel order
  std::vector<ChokepointId> chokepoints;
  std::optional<std::uint32_t> border;  // index into the network's borders
  double reach_hours = 0;  // hours after departure when the cargo reaches the leg's start
  double hold_hours = 0;   // hours held there before the leg (a closure, a season, a regime)
};

struct Stop {
  LocationId at;
  network::Layer from = network::Layer::Rail1520, to = network::Layer::Rail1520;
  cost::ArcWeights w;
  bool transshipment = false;  // a change of layer, or a priced sea-to-sea transshipment
  std::size_t after_leg = 0;   // number of legs before this stop
  double reach_hours = 0, hold_hours = 0;
};

struct Itinerary {
  Path path;
  std::vector<Leg> legs;
  std::vector<Stop> stops;  // only stops that cost something or change layer
  cost::ArcWeights total;   // sums of every component
  double risk_weight = 0.0;
  double risk = 0.0;                     // probability that something on the route is disrupted
  std::vector<CountryId> countries;      // ordered, consecutive duplicates removed
  std::vector<LocationId> locations;     // ordered
  std::vector<std::size_t> border_legs;  // legs that cross a border with a row in borders.csv
  // Every change of country along the route, in order: on a land border (with its row's fee and
  // dwell) or on a leg without one (a ferry, a ship, a link through a third country), where
  // customs are in the port transfers.
  struct Crossing {
    std::size_t leg = 0;
    CountryId from, to;
    std::optional<std::uint32_t> border;  // the borders.csv row, when the crossing has one
  };
  std::vector<Crossing> crossings;
  std::vector<std::size_t> gauge_breaks;  // stops that change gauge
  std::vector<ChokepointId> chokepoints;
  int transshipments = 0;
  std::vector<PolicyHit> exposure;  // regimes met along the route, in route order
  double held_hours = 0;            // holds along the route (time-dependent routing)
  std::optional<Date> depart;       // with a departure date: legs are dated from it

  Usd cost() const { return total.cost(); }
  Hours hours() const { return total.hours(); }
};

Itinerary build_itinerary(const Prepared& p, const Path& path);

// How route `other` differs from route `best`, in a planner's words: the countries it adds or
// avoids, the border crossings and transshipment places that differ, the modes it adds, and the
// share of its length on the best route's links ("via AZ, GE", "transships at Port Said",
// "shares 43% of its length with the best route").
std::vector<std::string> differences(const network::Network& net, const Itinerary& best,
                                     const Itinerary& other);

}  // namespace caravan::route
