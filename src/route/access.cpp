// Access legs to places beyond the network.
#include "route/access.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.h"
#include "network/link_medians.h"
#include "network/locate.h"

namespace caravan::route {

namespace nw = caravan::network;

namespace {

// The medians of the country's links of a mode (and gauge), else of the whole network's.
nw::LinkMedians figures(const nw::Network& net, nw::Mode mode, int gauge_mm, CountryId country) {
  const std::span<const nw::Link> links = net.tables().links;
  auto f = nw::link_medians(links, mode, gauge_mm, country);
  if (f.links > 0 && f.kmh > 0) return f;
  return nw::link_medians(links, mode, gauge_mm, CountryId{});
}

// What each location has: road links, and the gauge of its rail links (0: none); once per call,
// not once per candidate.
struct Served {
  std::vector<std::uint8_t> road;
  std::vector<int> gauge;
};
Served served(const nw::Network& net) {
  Served s{std::vector<std::uint8_t>(net.location_count(), 0),
           std::vector<int>(net.location_count(), 0)};
  for (std::uint32_t i = 0; i < net.link_count(); ++i) {
    const auto& l = net.link(LinkId{i});
    for (auto at : {l.from, l.to}) {
      if (l.mode == nw::Mode::Road) s.road[at.value] = 1;
      if (l.mode == nw::Mode::Rail && s.gauge[at.value] == 0) s.gauge[at.value] = l.gauge_mm;
    }
  }
  return s;
}

}  // namespace

Result<nw::Network> with_access(const nw::Network& net, const std::vector<AccessPlace>& ends,
                                const AccessOptions& opt) {
  nw::Tables t = net.tables();
  const Served here = served(net);
  t.sources.push_back(nw::derived_source(
      "d_access", "Access legs to places beyond the network (estimated)",
      "Great-circle distance to the nearest locations of the place's country, times a circuity "
      "factor (road " +
          text::compact(opt.road_circuity) + ", rail " + text::compact(opt.rail_circuity) +
          "; road networks run about 1.2 times the straight line: Newell 1980 and O'Sullivan 1996 "
          "(1.21-1.23) via Wikibooks 'Transportation Geography and Network Science/Circuity', "
          "https://en.wikibooks.org/wiki/Transportation_Geography_and_Network_Science/Circuity; "
          "the "
          "network's own derived road distances use 1.1-1.5, d_road_km; Kazakh rail 0.98-1.14, "
          "d_rail_km_kz). Speed, rate per t-km and per TEU-km, and emission class: the medians of "
          "the "
          "network's links of that mode (and gauge) in the country, else in the whole network."));
  const SourceId sid{static_cast<std::uint32_t>(t.sources.size() - 1)};
  for (const auto& end : ends) {
    const auto& p = end.place;
    if (const auto known = net.find_location(end.id)) {
      if (!end.query.empty()) t.locations[known->value].aliases.push_back(end.query);
      continue;
    }
    // A bare position takes the country of the nearest location of the network.
    std::optional<CountryId> country = net.find_country(p.country);
    bool country_guessed = false;
    if (p.country.empty() && p.has_position) {
      double best = opt.max_km.value;
      for (std::uint32_t i = 0; i < net.location_count(); ++i) {
        const auto& l = net.location(LocationId{i});
        if (const double d = great_circle(p.at, l.pos).value; d <= best)
          best = d, country = l.country;
      }
      country_guessed = country.has_value();
    }
    if (!country) {
      std::vector<std::string> all;
      for (const auto& c : net.tables().countries) all.push_back(c.iso2);
      return make_error(ErrorCode::NotFound,
                        p.name + " (" + (p.locode.empty() ? p.country : p.locode) + ") is in " +
                            (p.country.empty() ? std::string("no known country") : p.country) +
                            ", which the network '" + net.tables().name +
                            "' does not cover (it covers " + text::join(all, " ") +
                            "); a larger network loads with --network DIR");
    }
    if (!p.has_position)
      return make_error(ErrorCode::InvalidData, p.name + " (" + p.locode +
                                                    ") has no position in the gazetteer; give "
                                                    "it as lat,lon");
    nw::Location loc;
    loc.id = end.id;
    loc.name = p.name;
    if (!end.query.empty() && end.query != end.id && end.query != p.name) loc.aliases = {end.query};
    loc.country = *country;
    loc.pos = p.at;
    loc.kind = (p.functions & places::kRail)   ? nw::LocationKind::RailTerminal
               : (p.functions & places::kPort) ? nw::LocationKind::Seaport
                                               : nw::LocationKind::City;
    loc.prov.where = "gazetteer (" + p.source + ")" +
                     (country_guessed ? ", country of the nearest location" : "");
    loc.prov.sources = {{"*", sid}};
    t.locations.push_back(loc);
    const LocationId at{static_cast<std::uint32_t>(t.locations.size() - 1)};
    // The nearest locations of the same country, per mode.
    std::vector<std::pair<double, LocationId>> near;
    for (std::uint32_t i = 0; i < net.location_count(); ++i) {
      const auto& l = net.location(LocationId{i});
      if (l.country != *country) continue;
      const double d = great_circle(p.at, l.pos).value;
      if (d <= opt.max_km.value) near.push_back({d, LocationId{i}});
    }
    std::sort(near.begin(), near.end(), [](auto& a, auto& b) { return a.first < b.first; });
    int added = 0;
    auto add = [&](nw::Mode mode, int gauge, LocationId to, double gc, double circuity) {
      const auto f = figures(net, mode, gauge, *country);
      if (!(f.kmh > 0)) return;
      nw::Link k;
      k.id = "access-" + std::string(nw::name(mode)) + "-" + end.id + "-" + net.location(to).id;
      k.from = at;
      k.to = to;
      k.mode = mode;
      k.gauge_mm = gauge;
      k.km = Km{std::max(1.0, gc * circuity)};
      k.hours = Hours{k.km.value / f.kmh};
      k.handling_mask = 0x7;
      if (std::isfinite(f.usd_per_tkm)) k.usd_per_tkm = f.usd_per_tkm;
      if (std::isfinite(f.usd_per_teu_km)) k.usd_per_teu = f.usd_per_teu_km * k.km.value;
      k.emission_class = f.emission_class;
      k.countries = {*country};
      k.estimated = true;
      k.prov.where = "access leg (estimated)";
      k.prov.sources = {{"*", sid}};
      t.links.push_back(std::move(k));
      ++added;
    };
    int road = 0, rail = 0;
    for (const auto& [d, id] : near) {
      if (road < opt.nearest && here.road[id.value]) {
        add(nw::Mode::Road, 0, id, d, opt.road_circuity);
        ++road;
      }
      if ((p.functions & (places::kRail | places::kInlandDepot)) && rail < opt.nearest) {
        if (const int gauge = here.gauge[id.value]; gauge > 0) {
          add(nw::Mode::Rail, gauge, id, d, opt.rail_circuity);
          ++rail;
        }
      }
    }
    // Trucks also reach the nearest location of any kind (a rail terminal without road links
    // in the network, say), when it is nearer than those above; and, with no road location
    // near, the nearest locations of any kind.
    for (std::size_t i = 0; i < near.size(); ++i) {
      const auto& [d, id] = near[i];
      if (here.road[id.value]) {
        if (i == 0) break;  // the nearest has road links: joined above
        continue;
      }
      if (i > 0 && road >= opt.nearest) break;
      add(nw::Mode::Road, 0, id, d, opt.road_circuity);
      ++road;
      if (road >= opt.nearest + 1) break;
    }
    if (added == 0)
      return make_error(ErrorCode::NotFound,
                        p.name + " (" + end.id + ") has no location of the network in " +
                            p.country + " within " + text::thousands(opt.max_km.value) +
                            " km to join it to");
  }
  return nw::Network::build(std::move(t));
}

Result<std::vector<AccessPlace>> places_beyond(const nw::Network& net,
                                               const places::Gazetteer& gazetteer,
                                               const std::vector<std::string>& queries,
                                               const std::vector<std::string>& fields) {
  std::vector<AccessPlace> out;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto known = nw::resolve_location(net, queries[i], fields[i]);
    if (known) continue;
    if (known.error().code != ErrorCode::NotFound) return known.error();
    auto place = places::resolve(gazetteer, queries[i], fields[i], places::Purpose::Any);
    if (!place && place.error().code != ErrorCode::NotFound) return place.error();  // ambiguous
    if (!place) {
      Error e = known.error();
      e.message += "; nor is it in the gazetteer of " + std::to_string(gazetteer.size()) +
                   " UN/LOCODE and World Port Index places";
      return e;
    }
    // A place the network has under its code needs no access leg, only the request's spelling
    // as another alias (with_access adds it).
    std::string id = place->locode;
    if (id.empty())
      id = "PT" + text::format_number(place->at.lat, 3) + "_" +
           text::format_number(place->at.lon, 3);
    bool dup = false;
    for (const auto& o : out) dup = dup || o.id == id;
    if (!dup) out.push_back({id, std::move(*place), queries[i]});
  }
  return out;
}

}  // namespace caravan::route
