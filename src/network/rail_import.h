// A rail network from OpenStreetMap-like input: railway ways (node ids, gauge, usage, service,
// electrification, maximum speed) and stations, simplified to a routable graph (chains of
// degree-2 nodes contracted, geometry kept) and turned into network tables (`caravan network
// import-osm`; the OSM reading itself is io/osm_reader.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "network/network.h"

namespace caravan::network {

struct RailWay {
  std::int64_t id = 0;
  std::vector<std::int64_t> nodes;
  int gauge_mm = 0;     // 0: not tagged
  std::string usage;    // main, branch, industrial, ... ("" not tagged)
  std::string service;  // siding, yard, spur, crossover ("" for a running line)
  bool electrified = false;
  std::optional<double> maxspeed_kmh;
};

struct RailStation {
  std::int64_t node = 0;  // an OSM node; when it is not on a way, the nearest way node is used
  std::string name;
  std::string kind;  // station, halt, yard
  LatLon pos;
};

struct RailInput {
  std::vector<RailWay> ways;
  std::unordered_map<std::int64_t, LatLon> positions;  // every node of the ways
  std::vector<RailStation> stations;
};

struct RailImportOptions {
  std::string country;  // ISO 3166 code of every location (the extract's country)
  std::string name = "OSM rail import";
  std::string source_title;          // the file, e.g. "liechtenstein-2013-08-03.osm.pbf"
  std::string source_date;           // YYYY-MM-DD, the extract's date (required by rail_tables)
  int default_gauge_mm = 1435;       // ways without a gauge tag
  bool keep_service_tracks = false;  // sidings, yards, spurs
  double max_station_snap_km = 1.0;
};

// A simplified graph: the nodes kept (way ends, junctions, stations, where a way's attributes
// change) and edges between them with their geometry.
struct RailGraph {
  struct Node {
    std::int64_t osm = 0;
    LatLon pos;
    std::string name;  // a station's
    bool station = false;
  };
  struct Edge {
    std::uint32_t a = 0, b = 0;
    double km = 0;
    int gauge_mm = 0;
    std::string usage;
    bool electrified = false;
    std::optional<double> maxspeed_kmh;
    std::vector<LatLon> geometry;
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::size_t ways = 0, input_nodes = 0, stations_snapped = 0, stations_dropped = 0;
};

// Errors: no railway way at all ("not an empty network"), a way node without a position.
Result<RailGraph> simplify_rail(const RailInput& in, const RailImportOptions& options);

// The graph as network tables: a location per kept node (stations by name, kind rail_terminal;
// others junctions "OSM-<node id>"), a rail link per edge (speed: the way's maxspeed, else a
// default by usage), with the OSM source on every row. The commodities and the rail emission
// classes (rail_electric, rail_diesel) come from `catalogue` (the embedded network), with the
// sources they cite. Links carry no tariff: OSM has none (costs are inventory and handling
// until a tariff is added).
Result<Tables> rail_tables(const RailGraph& graph, const RailImportOptions& options,
                           const Tables& catalogue);

}  // namespace caravan::network
