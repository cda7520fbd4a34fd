// Access legs to places beyond the network.
#include "route/access.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.h"
#include "network/link_medians.h"
#include "network/locate.h"
#include "sea/sea_path.h"

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

// The network's chokepoint for a sea passage: the same id, ignoring case and punctuation
// ("babelmandeb" is "bab-el-mandeb").
std::optional<ChokepointId> chokepoint_of(const nw::Network& net, const sea::Passage& p) {
  auto norm = [](std::string_view s) {
    std::string o;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c)))
        o.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return o;
  };
  const auto want = norm(p.id);
  for (std::uint32_t i = 0; i < net.tables().chokepoints.size(); ++i)
    if (norm(net.tables().chokepoints[i].id) == want) return ChokepointId{i};
  return std::nullopt;
}

const sea::VesselClass* vessel_for(const sea::SeaData& s, bool per_teu) {
  for (const auto& v : s.vessels)
    if (v.per_teu == per_teu && (per_teu || v.cargo == "dry bulk")) return &v;
  return nullptr;
}

// Sailings from the network's seaports nearest to `p` by sea (see AccessOptions); how many.
Result<int> add_sea_access(const nw::Network& net, const sea::SeaData& sd, nw::Tables& t,
                           LocationId at, const std::string& id, const places::Place& p,
                           CountryId country, SourceId sid, const AccessOptions& opt) {
  const auto& layer = sd.network;
  const auto from = layer.snap(p.at);
  const auto& near = layer.position(from.node);
  if (from.distance.value > opt.max_snap_km.value)
    return make_error(ErrorCode::NotFound,
                      p.name + " is " + text::thousands(from.distance.value) +
                          " km from the nearest sea lane (node " + std::to_string(from.node.value) +
                          " at " + text::format_number(near.lat, 3) + "," +
                          text::format_number(near.lon, 3) + "; at most " +
                          text::thousands(opt.max_snap_km.value) + " km): not joined by sea");
  std::vector<bool> avoid(layer.passages().size(), false);
  for (std::uint32_t i = 0; i < layer.passages().size(); ++i)
    avoid[i] = layer.passages()[i].avoided_by_default;
  // The network's seaports with sailings of their own (not the Caspian's: it is not in the layer).
  std::vector<std::uint8_t> sails(net.location_count(), 0);
  for (std::uint32_t i = 0; i < net.link_count(); ++i)
    if (const auto& l = net.link(LinkId{i}); l.mode == nw::Mode::Sea && !l.estimated)
      sails[l.from.value] = sails[l.to.value] = 1;
  // The network's seaports by the lane node they snap to, and the nearest by sea from the place.
  std::vector<LocationId> ports;
  std::vector<std::pair<sea::SeaNodeId, double>> targets;
  for (std::uint32_t i = 0; i < net.location_count(); ++i) {
    const auto& l = net.location(LocationId{i});
    if (!sails[i] || l.kind != nw::LocationKind::Seaport) continue;
    if (const auto s = layer.snap(l.pos); s.distance.value <= opt.max_snap_km.value) {
      ports.push_back(LocationId{i});
      targets.push_back({s.node, s.distance.value});
    }
  }
  const auto found = sea::nearest_by_sea(
      layer, from.node, targets, static_cast<std::size_t>(std::max(1, opt.sea_ports)), avoid);
  const auto* box = vessel_for(sd, true);
  const auto* bulk = vessel_for(sd, false);
  const auto medians = figures(net, nw::Mode::Sea, 0, CountryId{});
  int added = 0;
  for (const auto& c : found) {
    const LocationId to = ports[c.target];
    const auto& port = net.location(to);
    nw::Link k;
    k.id = "access-sea-" + id + "-" + port.id;
    k.from = at;
    k.to = to;
    k.mode = nw::Mode::Sea;
    k.km = Km{std::max(1.0, c.km + from.distance.value)};
    const double nm = k.km.value / 1.852;
    const double knots = box ? box->speed_kn.mid() : 15.0;
    k.hours = Hours{nm / knots};
    if (box) k.usd_per_teu = box->usd_per_unit_1000nm.mid() * nm / 1000;
    if (bulk) k.usd_per_tkm = bulk->usd_per_unit_1000nm.mid() / 1000 / 1.852;
    k.handling_mask = 0x7;
    k.emission_class = medians.emission_class;
    k.countries = {country, port.country};
    for (const auto pid : c.path.passages)
      if (const auto cp = chokepoint_of(net, layer.passages()[pid.value]))
        if (std::find(k.chokepoints.begin(), k.chokepoints.end(), *cp) == k.chokepoints.end())
          k.chokepoints.push_back(*cp);
    k.geometry.push_back(p.at);
    for (const auto node : c.path.nodes) k.geometry.push_back(layer.position(node));
    k.geometry.push_back(port.pos);
    k.estimated = true;
    k.prov.where = "sea access leg (estimated, over " + layer.source() + ")";
    k.prov.sources = {{"*", sid}};
    t.links.push_back(std::move(k));
    ++added;
  }
  return added;
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
          "network's links of that mode (and gauge) in the country, else in the whole network. "
          "Sea access legs (a port the land network does not reach): the shortest path over the "
          "maritime layer from the network's seaports nearest by sea, at the speed and cost of "
          "the layer's default container class and its first dry-bulk class (middle of their "
          "ranges; data/sea/vessel_classes.csv), emission class the most common of the "
          "network's sea links."));
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
    // A port (or a position) in a country the network does not cover can still be reached by sea:
    // the country is added, with no figures of its own.
    const bool sea_joinable = opt.sea != nullptr && (p.functions & places::kPort || p.port ||
                                                     (p.country.empty() && p.has_position));
    if (!country && sea_joinable && p.has_position) {
      const std::string iso = p.country.empty() ? std::string("ZZ") : p.country;
      country = net.find_country(iso);
      for (std::uint32_t c = 0; !country && c < t.countries.size(); ++c)
        if (t.countries[c].iso2 == iso) country = CountryId{c};
      if (!country) {
        nw::Country c;
        c.iso2 = iso;
        c.name = p.country.empty() ? std::string("unknown country (a position)") : iso;
        c.prov.where = "gazetteer (" + p.source + "): a country beyond the network";
        c.prov.sources = {{"*", sid}};
        t.countries.push_back(std::move(c));
        country = CountryId{static_cast<std::uint32_t>(t.countries.size() - 1)};
      }
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
    if (added == 0 && sea_joinable) {
      CARAVAN_TRY(n, add_sea_access(net, *opt.sea, t, at, end.id, p, *country, sid, opt));
      added += n;
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
