// The feature table's entries for network info, validate and export: request -> use-case -> answer,
// and renderers.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "api/feature_groups.h"
#include "api/feature_options.h"
#include "api/handlers.h"
#include "api/reliability.h"
#include "api/render.h"
#include "api/scenario_codec.h"
#include "api/scenario_library.h"
#include "api/simulate_handler.h"
#include "api/table.h"
#include "api/trade_codec.h"
#include "core/date.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/geojson.h"
#include "io/network_reader.h"
#include "io/network_writer.h"
#include "io/osm_reader.h"
#include "network/rail_import.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

namespace {

// --- network --------------------------------------------------------------------------------

Result<Answer> run_info(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{network_info(*ctx.net), {}};
}
std::string info_of(const Context&, const json& r) { return info_text(r); }

bool never(const json&) { return false; }
Result<Answer> run_validate(const Context& ctx, const json& request) {
  Fields f(request);
  CARAVAN_TRY(dir, f.opt_str("dir"));
  if (auto s = f.no_unknown(); !s) return s.error();
  const std::string d = dir.value_or(ctx.network_dir);
  CARAVAN_TRY(net, io::load_network(d));
  return Answer{json{{"dir", d},
                     {"valid", true},
                     {"locations", net.location_count()},
                     {"links", net.link_count()},
                     {"sources", net.tables().sources.size()}},
                {}};
}
std::string validate_of(const Context&, const json& r) {
  std::ostringstream s;
  s << r["dir"].get<std::string>() << ": valid (" << r["locations"] << " locations, " << r["links"]
    << " links, " << r["sources"] << " sources)\n";
  return s.str();
}

Result<Answer> run_export(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{io::network_geojson(*ctx.net), {}};
}
std::string export_of(const Context&, const json& r) { return r.dump() + "\n"; }

// --- network import-osm -----------------------------------------------------------------------

Result<Answer> run_import_osm(const Context& ctx, const json& request) {
  Fields f(request);
  CARAVAN_TRY(file, f.str("osm"));
  CARAVAN_TRY(country, f.str("country"));
  CARAVAN_TRY(out, f.str("out"));
  CARAVAN_TRY(name, f.opt_str("name"));
  CARAVAN_TRY(service, f.flag("keep_service_tracks"));
  if (auto s = f.no_unknown(); !s) return s.error();
  std::string cc;
  for (char c : country) cc += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!is_iso3166_alpha2(cc))
    return field_error("country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
  network::RailImportOptions o;
  o.country = cc;
  o.keep_service_tracks = service;
  o.source_title = std::filesystem::path(file).filename().string();
  o.name = name.value_or("OSM rail import: " + o.source_title);
  std::error_code ec;
  const auto stamp = std::filesystem::last_write_time(file, ec);
  if (!ec) {  // the file's date (OSM extracts are snapshots)
    const auto sys = std::chrono::file_clock::to_sys(stamp);
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(sys)};
    o.source_date = format_date(make_date(static_cast<int>(ymd.year()),
                                          static_cast<int>(static_cast<unsigned>(ymd.month())),
                                          static_cast<int>(static_cast<unsigned>(ymd.day()))));
  }
  CARAVAN_TRY(input, io::read_osm_rail(file));
  CARAVAN_TRY(graph, network::simplify_rail(input, o));
  CARAVAN_TRY(tables, network::rail_tables(graph, o, ctx.net->tables()));
  if (auto w = io::write_network(tables, out); !w) return w.error();
  // The geometry of each link, for maps and GIS (the network format keeps only its ends).
  json lines = json::array();
  double km = 0;
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& e = graph.edges[i];
    json coords = json::array();
    for (const auto& p : e.geometry) coords.push_back({p.lon, p.lat});
    km += e.km;
    lines.push_back({{"type", "Feature"},
                     {"geometry", {{"type", "LineString"}, {"coordinates", coords}}},
                     {"properties",
                      {{"id", tables.links[i].id},
                       {"gauge_mm", e.gauge_mm},
                       {"usage", e.usage},
                       {"electrified", e.electrified},
                       {"km", e.km}}}});
  }
  {
    std::ofstream g(std::filesystem::path(out) / "geometry.geojson");
    g << json{{"type", "FeatureCollection"}, {"features", lines}}.dump() << "\n";
    if (!g) return make_error(ErrorCode::Io, out + "/geometry.geojson: cannot write");
  }
  // Read back: what was written is a valid network.
  CARAVAN_TRY(back, io::load_network(out));
  std::size_t stations = 0;
  for (const auto& n : graph.nodes) stations += n.station ? 1 : 0;
  return Answer{json{{"file", file},
                     {"out", out},
                     {"country", cc},
                     {"railway_ways", input.ways.size()},
                     {"ways_imported", graph.ways},
                     {"osm_nodes", graph.input_nodes},
                     {"locations", back.location_count()},
                     {"links", back.link_count()},
                     {"stations", stations},
                     {"stations_snapped", graph.stations_snapped},
                     {"stations_dropped", graph.stations_dropped},
                     {"km", km}},
                {}};
}
std::string import_of(const Context&, const json& r) {
  std::ostringstream s;
  s << r["file"].get<std::string>() << ": " << r["railway_ways"] << " railway ways, "
    << r["ways_imported"] << " lines imported (" << r["osm_nodes"] << " OSM nodes) -> "
    << r["locations"] << " locations (" << r["stations"] << " stations), " << r["links"]
    << " links, " << text::thousands(r["km"].get<double>()) << " km\n";
  if (r["stations_snapped"].get<std::size_t>() + r["stations_dropped"].get<std::size_t>() > 0)
    s << "  stations beside the tracks: " << r["stations_snapped"]
      << " joined to the nearest track node (within 1 km), " << r["stations_dropped"]
      << " too far from any track, left out\n";
  s << "  written: " << r["out"].get<std::string>()
    << " (network folder, valid; geometry.geojson); load it with --network "
    << r["out"].get<std::string>() << "\n";
  return s.str();
}

}  // namespace

std::vector<Feature> network_features() {
  return {
      {"network info",
       "counts, corridors and commodities",
       "/v1/info",
       false,
       {},
       false,
       nullptr,
       nullptr,
       run_info,
       info_of,
       nullptr,
       nullptr,
       nullptr},
      {"network validate",
       "check a network folder; prints the first error with file, line and field",
       "",
       false,
       {{"dir", "dir", K::Positional, "network folder (default: --network)"}},
       false,
       never,
       nullptr,
       run_validate,
       validate_of,
       nullptr,
       nullptr,
       nullptr},
      {"network import-osm",
       "import the railway lines of an OpenStreetMap file as a network folder",
       "",
       false,
       {{"file", "osm", K::Positional, "an .osm.pbf, .osm or .osm.bz2 file", true},
        {"--country", "country", K::Text, "ISO code of the extract's country", true},
        {"--out", "out", K::Text, "the network folder to write", true},
        {"--name", "name", K::Text, "the network's name"},
        {"--keep-service-tracks", "keep_service_tracks", K::Flag,
         "keep sidings, yards and spurs (service=*)"}},
       false,
       nullptr,
       nullptr,
       run_import_osm,
       import_of,
       nullptr,
       nullptr,
       nullptr},
      {"network export",
       "export the network as a GeoJSON FeatureCollection",
       "/v1/network",
       false,
       {{"--geojson", "", K::Flag, "GeoJSON FeatureCollection (the only format for now)"}},
       false,
       nullptr,
       nullptr,
       run_export,
       export_of,
       nullptr,
       nullptr,
       nullptr},
  };
}

}  // namespace caravan::api
