// The libosmium adapter: one pass over the file with a node-location index.
#include "io/osm_reader.h"

#include <cstdlib>
#include <filesystem>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include "core/text.h"

namespace caravan::io {

namespace {

using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using LocationHandler = osmium::handler::NodeLocationsForWays<Index>;

// "1435", "1435;1520" (the first), "standard" is not a number: 0.
int gauge_of(const char* v) {
  if (!v) return 0;
  const auto first = text::split(v, ';').front();
  const auto g = text::parse_int(text::trim(first));
  return g && *g > 300 && *g < 3000 ? static_cast<int>(*g) : 0;
}

// "100", "100 km/h", "60 mph"; nullopt otherwise.
std::optional<double> speed_of(const char* v) {
  if (!v) return std::nullopt;
  std::string s = std::string(text::trim(text::split(v, ';').front()));
  double factor = 1.0;
  if (s.size() > 3 && s.ends_with("mph")) {
    factor = 1.609344;
    s = std::string(text::trim(s.substr(0, s.size() - 3)));
  } else if (s.size() > 4 && s.ends_with("km/h")) {
    s = std::string(text::trim(s.substr(0, s.size() - 4)));
  }
  const auto d = text::parse_double(s);
  if (!d || *d <= 0 || *d > 500) return std::nullopt;
  return *d * factor;
}

struct RailHandler : public osmium::handler::Handler {
  network::RailInput out;
  void node(const osmium::Node& n) {
    const char* rw = n.tags()["railway"];
    if (!rw || !n.location().valid()) return;
    const std::string kind = rw;
    if (kind != "station" && kind != "halt" && kind != "yard") return;
    network::RailStation s;
    s.node = n.id();
    s.kind = kind;
    const char* name = n.tags()["name"];
    s.name = name ? name : kind + " " + std::to_string(n.id());
    s.pos = {n.location().lat(), n.location().lon()};
    out.stations.push_back(std::move(s));
  }
  void way(const osmium::Way& w) {
    const char* rw = w.tags()["railway"];
    if (!rw) return;
    const std::string kind = rw;
    if (kind != "rail" && kind != "narrow_gauge") return;
    network::RailWay r;
    r.id = w.id();
    r.gauge_mm = gauge_of(w.tags()["gauge"]);
    if (const char* u = w.tags()["usage"]) r.usage = u;
    if (const char* s = w.tags()["service"]) r.service = s;
    if (const char* e = w.tags()["electrified"]) r.electrified = std::string(e) != "no";
    r.maxspeed_kmh = speed_of(w.tags()["maxspeed"]);
    for (const auto& nr : w.nodes()) {
      if (!nr.location().valid()) continue;  // outside the extract
      r.nodes.push_back(nr.ref());
      out.positions[nr.ref()] = {nr.location().lat(), nr.location().lon()};
    }
    if (r.nodes.size() >= 2) out.ways.push_back(std::move(r));
  }
};

}  // namespace

Result<network::RailInput> read_osm_rail(const std::string& path) {
  if (!std::filesystem::exists(path))
    return make_error(ErrorCode::NotFound, path + ": cannot open file");
  try {
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    Index index;
    LocationHandler locations(index);
    locations.ignore_errors();  // ways cut at the extract's edge
    RailHandler rail;
    osmium::apply(reader, locations, rail);
    reader.close();
    return std::move(rail.out);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::InvalidData, path + ": not a readable OSM file: " + e.what());
  }
}

}  // namespace caravan::io
