// Simplifying OSM railway ways to a routable graph, and the graph as network tables.
#include "network/rail_import.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "network/link_medians.h"

namespace caravan::network {

namespace {

using Edge = RailGraph::Edge;

bool same_line(const Edge& a, const Edge& b) {
  return a.gauge_mm == b.gauge_mm && a.usage == b.usage && a.electrified == b.electrified &&
         a.maxspeed_kmh == b.maxspeed_kmh;
}

double length_km(const std::vector<LatLon>& g) {
  double km = 0;
  for (std::size_t i = 1; i < g.size(); ++i) km += great_circle(g[i - 1], g[i]).value;
  return km;
}

// Cells of 0.05 degree for snapping stations to the nearest way node.
std::int64_t cell_of(LatLon p) {
  return static_cast<std::int64_t>(std::floor((p.lat + 90) * 20)) * 100000 +
         static_cast<std::int64_t>(std::floor((p.lon + 180) * 20));
}

}  // namespace

Result<RailGraph> simplify_rail(const RailInput& in, const RailImportOptions& o) {
  RailGraph g;
  std::vector<const RailWay*> ways;
  for (const auto& w : in.ways)
    if (w.nodes.size() >= 2 && (o.keep_service_tracks || w.service.empty())) ways.push_back(&w);
  g.ways = ways.size();
  if (ways.empty())
    return make_error(
        ErrorCode::InvalidData,
        "no railway line in the input (" + std::to_string(in.ways.size()) +
            " railway ways, all sidings, yards or spurs, or none): nothing to import");
  // How often each node is used; way ends and nodes used twice are kept.
  std::unordered_map<std::int64_t, int> uses;
  std::unordered_set<std::int64_t> kept;
  for (const auto* w : ways) {
    for (auto n : w->nodes) {
      if (!in.positions.count(n))
        return make_error(ErrorCode::InvalidData, "way " + std::to_string(w->id) + ": node " +
                                                      std::to_string(n) + " has no position");
      ++uses[n];
    }
    kept.insert(w->nodes.front());
    kept.insert(w->nodes.back());
  }
  g.input_nodes = uses.size();
  for (const auto& [n, k] : uses)
    if (k >= 2) kept.insert(n);
  // Stations: on a way, or snapped to the nearest way node.
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> grid;
  for (const auto& [n, k] : uses) grid[cell_of(in.positions.at(n))].push_back(n);
  std::unordered_map<std::int64_t, const RailStation*> station_at;
  for (const auto& s : in.stations) {
    std::int64_t node = s.node;
    if (!uses.count(node)) {
      double best = o.max_station_snap_km;
      node = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          auto it = grid.find(cell_of(s.pos) + dy * 100000 + dx);
          if (it == grid.end()) continue;
          for (auto n : it->second)
            if (const double d = great_circle(s.pos, in.positions.at(n)).value; d <= best)
              best = d, node = n;
        }
      if (node == 0) {
        ++g.stations_dropped;
        continue;
      }
      ++g.stations_snapped;
    }
    if (!station_at.count(node)) station_at[node] = &s;
    kept.insert(node);
  }
  // Nodes and edges between kept nodes, way by way.
  std::unordered_map<std::int64_t, std::uint32_t> index;
  auto node_of = [&](std::int64_t n) {
    auto [it, fresh] = index.emplace(n, static_cast<std::uint32_t>(g.nodes.size()));
    if (fresh) {
      RailGraph::Node x;
      x.osm = n;
      x.pos = in.positions.at(n);
      if (auto s = station_at.find(n); s != station_at.end()) {
        x.station = true;
        x.name = s->second->name;
      }
      g.nodes.push_back(std::move(x));
    }
    return it->second;
  };
  for (const auto* w : ways) {
    Edge e;
    e.gauge_mm = w->gauge_mm > 0 ? w->gauge_mm : o.default_gauge_mm;
    e.usage = w->usage;
    e.electrified = w->electrified;
    e.maxspeed_kmh = w->maxspeed_kmh;
    std::uint32_t start = node_of(w->nodes.front());
    std::vector<LatLon> geometry = {in.positions.at(w->nodes.front())};
    for (std::size_t i = 1; i < w->nodes.size(); ++i) {
      const auto n = w->nodes[i];
      geometry.push_back(in.positions.at(n));
      if (!kept.count(n)) continue;
      const auto end = node_of(n);
      if (end != start || geometry.size() > 2) {
        Edge x = e;
        x.a = start;
        x.b = end;
        x.geometry = std::move(geometry);
        x.km = length_km(x.geometry);
        g.edges.push_back(std::move(x));
      }
      start = end;
      geometry = {in.positions.at(n)};
    }
  }
  // Contract: a node that is not a station, with exactly two edges of the same line, goes.
  std::vector<std::vector<std::uint32_t>> at(g.nodes.size());
  for (std::uint32_t i = 0; i < g.edges.size(); ++i) {
    at[g.edges[i].a].push_back(i);
    if (g.edges[i].b != g.edges[i].a) at[g.edges[i].b].push_back(i);
  }
  std::vector<bool> dead(g.edges.size(), false);
  for (std::uint32_t v = 0; v < g.nodes.size(); ++v) {
    if (g.nodes[v].station || at[v].size() != 2) continue;
    const auto i = at[v][0], j = at[v][1];
    if (i == j || dead[i] || dead[j] || !same_line(g.edges[i], g.edges[j])) continue;
    Edge& e1 = g.edges[i];
    Edge& e2 = g.edges[j];
    if (e1.a == e1.b || e2.a == e2.b) continue;
    // e1 oriented to end at v, e2 to start at v.
    if (e1.b != v) {
      std::swap(e1.a, e1.b);
      std::reverse(e1.geometry.begin(), e1.geometry.end());
    }
    if (e2.a != v) {
      std::swap(e2.a, e2.b);
      std::reverse(e2.geometry.begin(), e2.geometry.end());
    }
    e1.geometry.insert(e1.geometry.end(), e2.geometry.begin() + 1, e2.geometry.end());
    e1.km += e2.km;
    e1.b = e2.b;
    dead[j] = true;
    auto& far = at[e2.b];
    std::replace(far.begin(), far.end(), j, i);
    at[v].clear();
  }
  // Compact: live edges, and the nodes they use (or stations).
  std::vector<Edge> edges;
  std::vector<std::uint32_t> renumber(g.nodes.size(), UINT32_MAX);
  std::vector<RailGraph::Node> nodes;
  auto keep_node = [&](std::uint32_t v) {
    if (renumber[v] == UINT32_MAX) {
      renumber[v] = static_cast<std::uint32_t>(nodes.size());
      nodes.push_back(g.nodes[v]);
    }
    return renumber[v];
  };
  for (std::uint32_t i = 0; i < g.edges.size(); ++i) {
    if (dead[i]) continue;
    Edge e = std::move(g.edges[i]);
    if (e.a == e.b && e.km <= 0) continue;
    e.a = keep_node(e.a);
    e.b = keep_node(e.b);
    edges.push_back(std::move(e));
  }
  g.nodes = std::move(nodes);
  g.edges = std::move(edges);
  return g;
}

Result<Tables> rail_tables(const RailGraph& g, const RailImportOptions& o,
                           const Tables& catalogue) {
  if (o.source_date.empty())
    return make_error(ErrorCode::InvalidRequest,
                      "the OSM source needs a date (YYYY-MM-DD: the extract's)", "source_date");
  Tables t;
  t.name = o.name;
  t.version = "1";
  t.description = "Railway lines imported from OpenStreetMap (" + o.source_title + ")";
  Source osm;
  osm.id = "osm";
  osm.title = "OpenStreetMap: " + o.source_title;
  osm.publisher = "OpenStreetMap contributors (ODbL 1.0)";
  osm.url = "https://www.openstreetmap.org/copyright";
  osm.date = o.source_date;
  osm.reliability = "P";
  osm.note =
      "railway=rail ways (gauge, usage, service, electrified, maxspeed) and stations, "
      "simplified by caravan network import-osm";
  const Source speed =
      derived_source("d_osm_speed", "Running speed of imported rail links",
                     "the way's maxspeed tag where there is one; otherwise an assumption by usage: "
                     "main 60 km/h, branch 40, other 25 (freight running speeds, not line speeds)");
  // Tariffs: OSM has none; the medians of the catalogue's rail links of the same gauge (else of
  // every rail link), per t-km and per TEU-km.
  // Once per gauge, not per link.
  std::map<int, std::pair<double, double>> rates;
  auto median_rates = [&](int gauge) {
    auto [it, fresh] = rates.emplace(gauge, std::pair{0.0, 0.0});
    if (fresh) {
      auto m = link_medians(catalogue.links, Mode::Rail, gauge, CountryId{});
      if (m.links == 0) m = link_medians(catalogue.links, Mode::Rail, 0, CountryId{});
      it->second = {std::isnan(m.usd_per_tkm) ? 0.0 : m.usd_per_tkm,
                    std::isnan(m.usd_per_teu_km) ? 0.0 : m.usd_per_teu_km};
    }
    return it->second;
  };
  const Source tariff = derived_source(
      "d_osm_tariff", "Tariffs of imported rail links",
      "OpenStreetMap has no tariffs: the medians, per t-km and per TEU-km, of the rail "
      "links of the same gauge in the network '" +
          catalogue.name +
          "' (else of all its rail links); replace them with the country's tariff");
  t.sources = {osm, speed, tariff};
  Country c;
  c.iso2 = o.country;
  c.name = o.country;
  c.prov.sources = {{"*", SourceId{0}}};
  t.countries = {c};
  // Rows of the catalogue, with the sources they cite renumbered into this network's list.
  std::unordered_map<std::uint32_t, SourceId> moved;
  auto cite = [&](Provenance p) {
    for (auto& ref : p.sources) {
      auto [it, fresh] = moved.emplace(ref.source.value, SourceId{});
      if (fresh) {
        t.sources.push_back(catalogue.sources[ref.source.value]);
        it->second = SourceId{static_cast<std::uint32_t>(t.sources.size() - 1)};
      }
      ref.source = it->second;
    }
    return p;
  };
  std::uint32_t electric = UINT32_MAX, diesel = UINT32_MAX;
  for (const auto& e : catalogue.emission_classes)
    if (e.id == "rail_electric" || e.id == "rail_diesel") {
      EmissionClass x = e;
      x.prov = cite(e.prov);
      (e.id == "rail_electric" ? electric : diesel) =
          static_cast<std::uint32_t>(t.emission_classes.size());
      t.emission_classes.push_back(std::move(x));
    }
  if (electric == UINT32_MAX || diesel == UINT32_MAX)
    return make_error(
        ErrorCode::InvalidData,
        "the catalogue network has no rail_electric and rail_diesel emission classes");
  t.carrying_rate_per_year = catalogue.carrying_rate_per_year;
  t.parameters_prov = cite(catalogue.parameters_prov);
  for (const auto& goods : catalogue.commodities) {
    Commodity x = goods;
    x.prov = cite(goods.prov);
    t.commodities.push_back(std::move(x));
  }
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& n = g.nodes[i];
    Location l;
    l.id = "OSM-" + std::to_string(n.osm);
    l.name = n.station && !n.name.empty() ? n.name : l.id;
    l.country = CountryId{0};
    l.pos = n.pos;
    l.kind = n.station ? LocationKind::RailTerminal : LocationKind::Junction;
    l.prov.sources = {{"*", SourceId{0}}};
    t.locations.push_back(std::move(l));
  }
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    const auto& e = g.edges[i];
    Link k;
    k.id = "osm-" + std::to_string(i + 1);
    k.from = LocationId{e.a};
    k.to = LocationId{e.b};
    k.mode = Mode::Rail;
    k.gauge_mm = e.gauge_mm;
    k.km = Km{std::max(0.001, e.km)};
    const double kmh = e.maxspeed_kmh        ? *e.maxspeed_kmh
                       : e.usage == "main"   ? 60.0
                       : e.usage == "branch" ? 40.0
                                             : 25.0;
    k.hours = Hours{k.km.value / kmh};
    k.handling_mask = 0x7;
    const auto [tkm, teu_km] = median_rates(e.gauge_mm);
    if (tkm > 0) k.usd_per_tkm = tkm;
    if (teu_km > 0) k.usd_per_teu = teu_km * k.km.value;
    k.emission_class = e.electrified ? electric : diesel;
    k.countries = {CountryId{0}};
    k.prov.sources = {{"*", SourceId{0}},
                      {"speed_kmh", SourceId{1}},
                      {"tariff_usd_per_tkm", SourceId{2}},
                      {"tariff_usd_per_teu", SourceId{2}}};
    t.links.push_back(std::move(k));
  }
  return t;
}

}  // namespace caravan::network
