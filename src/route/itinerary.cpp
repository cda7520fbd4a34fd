// From a path of arcs to an explained itinerary.
#include "route/itinerary.h"

#include <algorithm>
#include <cmath>

namespace caravan::route {
namespace nw = caravan::network;

namespace {
void add(cost::ArcWeights& t, const cost::ArcWeights& w) {
  t.line_haul += w.line_haul;
  t.handling += w.handling;
  t.border += w.border;
  t.inventory += w.inventory;
  t.regimes += w.regimes;
  t.moving += w.moving;
  t.waiting += w.waiting;
  t.handling_time += w.handling_time;
  t.border_time += w.border_time;
  t.regime_time += w.regime_time;
  t.co2 += w.co2;
  t.risk += w.risk;
}
}  // namespace

Itinerary build_itinerary(const Prepared& p, const Path& path) {
  const nw::Network& net = *p.net;
  const auto& g = net.graph();
  Itinerary it;
  it.path = path;
  it.risk_weight = p.start_risk;
  if (p.tt.active) it.depart = p.tt.depart;
  it.locations.push_back(p.query.from);
  it.countries.push_back(net.location(p.query.from).country);
  for (const auto& ta : timed_arcs(p, path)) {
    const ArcId a = ta.arc;
    const nw::Arc& arc = g.arcs[a.value];
    const auto& w = ta.w;
    add(it.total, w);
    it.risk_weight += w.risk;
    it.held_hours += ta.hold;
    // The regimes met on the arc: those of its epoch when its weights change with time.
    const auto& hits =
        p.time_dependent() && p.tt.row[a.value] != kStaticArc ? p.tt.hits[ta.epoch] : p.policy_hits;
    for (auto h = std::lower_bound(
             hits.begin(), hits.end(), a.value,
             [](const PolicyHit&x, std::uint32_t arc_index) { return x.arc < arc_index; });
         h != hits.end() && h->arc == a.value; ++h) {
      it.exposure.push_back(*h);
      it.exposure.back().leg = it.legs.size();  // the leg this arc is (or precedes)
    }
    if (arc.kind == nw::ArcKind::Link) {
      const nw::Link& l = net.link(LinkId{arc.link});
      Leg leg;
      leg.link = LinkId{arc.link};
      leg.from = arc.reverse ? l.to : l.from;
      leg.to = arc.reverse ? l.from : l.to;
      leg.mode = l.mode;
      leg.gauge_mm = l.gauge_mm;
      leg.km = l.km;
      leg.w = w;
      leg.reach_hours = ta.reach;
      leg.hold_hours = ta.hold;
      leg.countries = l.countries;
      if (arc.reverse) std::reverse(leg.countries.begin(), leg.countries.end());
      leg.chokepoints = l.chokepoints;
      if (arc.border != nw::kNone) {
        leg.border = arc.border;
        it.border_legs.push_back(it.legs.size());
      }
      for (auto c : leg.countries)
        if (it.countries.back() != c) {
          it.crossings.push_back({it.legs.size(), it.countries.back(), c, std::nullopt});
          it.countries.push_back(c);
        }
      // The land border row goes with the crossing into its country.
      if (leg.border) {
        const auto& b = net.tables().borders[*leg.border];
        const auto into = net.location(b.to).country;
        bool matched = false;
        for (auto& x : it.crossings)
          if (x.leg == it.legs.size() && x.to == into && !matched) {
            x.border = leg.border;
            matched = true;
          }
        if (!matched)
          it.crossings.push_back({it.legs.size(), net.location(b.from).country, into, leg.border});
      }
      for (auto c : leg.chokepoints) it.chokepoints.push_back(c);
      if (it.locations.back() != leg.to) it.locations.push_back(leg.to);
      it.legs.push_back(std::move(leg));
    } else {
      const bool layer_change = arc.from_layer != arc.to_layer;
      if (!layer_change && w.cost().value == 0 && w.hours().value == 0) continue;
      Stop s;
      s.reach_hours = ta.reach;
      s.hold_hours = ta.hold;
      s.at = g.nodes[arc.tail.value].location;
      s.from = arc.from_layer;
      s.to = arc.to_layer;
      s.w = w;
      s.transshipment = p.transship[a.value] != 0;
      s.after_leg = it.legs.size();
      if (s.transshipment) ++it.transshipments;
      if (nw::mode_of(s.from) == nw::Mode::Rail && nw::mode_of(s.to) == nw::Mode::Rail &&
          layer_change)
        it.gauge_breaks.push_back(it.stops.size());
      it.stops.push_back(s);
    }
  }
  it.risk = cost::risk_probability(it.risk_weight);
  return it;
}

std::vector<std::string> differences(const nw::Network& net, const Itinerary& best,
                                     const Itinerary& other) {
  std::vector<std::string> out;
  auto has = [](const auto& v, const auto& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  auto codes = [&](const std::vector<CountryId>& a, const std::vector<CountryId>& b) {
    std::vector<std::string> r;
    for (auto c : a)
      if (!has(b, c) && !has(r, net.country(c).iso2)) r.push_back(net.country(c).iso2);
    return r;
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (auto v = codes(other.countries, best.countries); !v.empty()) out.push_back("via " + join(v));
  if (auto v = codes(best.countries, other.countries); !v.empty())
    out.push_back("avoids " + join(v));
  // Land border crossings (with a borders.csv row) the best route does not use.
  auto crossing_names = [&](const Itinerary& it) {
    std::vector<std::string> r;
    for (const auto& x : it.crossings)
      if (x.border) {
        const auto& b = net.tables().borders[*x.border];
        r.push_back(net.location(b.from).name + "/" + net.location(b.to).name);
      }
    return r;
  };
  std::vector<std::string> crossings;
  const auto best_crossings = crossing_names(best);
  for (const auto& c : crossing_names(other))
    if (!has(best_crossings, c)) crossings.push_back(c);
  if (!crossings.empty()) out.push_back("crosses at " + join(crossings));
  // Places where it changes mode or transships that the best route does not.
  auto stop_places = [&](const Itinerary& it) {
    std::vector<LocationId> r;
    for (const auto& st : it.stops)
      if (st.transshipment) r.push_back(st.at);
    return r;
  };
  std::vector<std::string> stops;
  const auto best_stops = stop_places(best);
  for (auto at : stop_places(other))
    if (!has(best_stops, at) && !has(stops, net.location(at).name))
      stops.push_back(net.location(at).name);
  if (!stops.empty()) out.push_back("transships at " + join(stops));
  std::vector<std::string> modes;
  for (const auto& l : other.legs) {
    const bool in_best = std::any_of(best.legs.begin(), best.legs.end(),
                                     [&](const Leg& b) { return b.mode == l.mode; });
    if (!in_best && !has(modes, std::string(nw::name(l.mode))))
      modes.push_back(std::string(nw::name(l.mode)));
  }
  if (!modes.empty()) out.push_back("by " + join(modes));
  double total = 0, shared = 0;
  for (const auto& l : other.legs) {
    total += l.km.value;
    if (std::any_of(best.legs.begin(), best.legs.end(),
                    [&](const Leg& b) { return b.link == l.link; }))
      shared += l.km.value;
  }
  if (total > 0)
    out.push_back("shares " + std::to_string(static_cast<int>(std::lround(100 * shared / total))) +
                  "% of its length with the best route");
  return out;
}

}  // namespace caravan::route
