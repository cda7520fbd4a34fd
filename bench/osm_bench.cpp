// The OSM rail import at continental size: a generated rail network of 1,000,000 nodes (500
// parallel lines of 2,000 nodes, cut into ways of 50 nodes as OSM cuts them, a crossover to the
// next line every 200 nodes, a station every 100) is written once as .osm.pbf with libosmium;
// then read (io::read_osm_rail), simplified and turned into tables (network::simplify_rail,
// rail_tables), and built (Network::build). Counters: OSM nodes per second and peak memory.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>

#include "embedded_query.h"
#include "io/osm_reader.h"

namespace caravan::bench {
namespace {

constexpr int kLines = 500, kNodesPerLine = 2000, kWayNodes = 50;

const std::string& continental_pbf() {
  static const std::string path = [] {
    const auto p =
        (std::filesystem::temp_directory_path() / "caravan_continental_rail.osm.pbf").string();
    if (std::filesystem::exists(p)) return p;
    using namespace osmium::builder::attr;  // NOLINT
    osmium::io::Header header;
    header.set("generator", "caravan bench");
    osmium::io::Writer writer(p, header, osmium::io::overwrite::allow);
    auto id = [](int line, int i) {
      return static_cast<osmium::object_id_type>(line) * kNodesPerLine + i + 1;
    };
    for (int line = 0; line < kLines; ++line) {
      osmium::memory::Buffer buffer{1 << 20, osmium::memory::Buffer::auto_grow::yes};
      for (int i = 0; i < kNodesPerLine; ++i) {
        const double lat = 35.0 + line * 0.05, lon = 20.0 + i * 0.02;
        if (i % 100 == 50)
          osmium::builder::add_node(buffer, _id(id(line, i)), _version(1), _location(lon, lat),
                                    _tag("railway", "station"),
                                    _tag("name", "Station " + std::to_string(id(line, i))));
        else
          osmium::builder::add_node(buffer, _id(id(line, i)), _version(1), _location(lon, lat));
      }
      writer(std::move(buffer));
    }
    osmium::object_id_type way = 1;
    for (int line = 0; line < kLines; ++line) {
      osmium::memory::Buffer buffer{1 << 20, osmium::memory::Buffer::auto_grow::yes};
      for (int start = 0; start + 1 < kNodesPerLine; start += kWayNodes - 1) {
        std::vector<osmium::object_id_type> refs;
        for (int i = start; i < std::min(kNodesPerLine, start + kWayNodes); ++i)
          refs.push_back(id(line, i));
        osmium::builder::add_way(buffer, _id(way++), _version(1), _nodes(refs),
                                 _tag("railway", "rail"), _tag("usage", "main"),
                                 _tag("gauge", "1520"));
      }
      if (line + 1 < kLines)
        for (int i = 0; i < kNodesPerLine; i += 200)
          osmium::builder::add_way(buffer, _id(way++), _version(1),
                                   _nodes({id(line, i), id(line + 1, i)}), _tag("railway", "rail"),
                                   _tag("usage", "branch"), _tag("gauge", "1520"));
      writer(std::move(buffer));
    }
    writer.close();
    return p;
  }();
  return path;
}

double peak_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_OsmImport_ReadPbf(benchmark::State& state) {
  const auto& path = continental_pbf();
  std::size_t nodes = 0;
  for (auto _ : state) {
    auto in = io::read_osm_rail(path);
    if (!in) state.SkipWithError(in.error().message.c_str());
    nodes = in->positions.size();
    benchmark::DoNotOptimize(in);
  }
  state.counters["osm_nodes"] = static_cast<double>(nodes);
  state.counters["nodes_per_s"] =
      benchmark::Counter(static_cast<double>(nodes), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_MB"] = peak_mb();
}
BENCHMARK(BM_OsmImport_ReadPbf)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_OsmImport_SimplifyAndBuild(benchmark::State& state) {
  auto in = io::read_osm_rail(continental_pbf());
  network::RailImportOptions o;
  o.country = "KZ";
  o.source_date = "2026-12-06";
  std::size_t links = 0;
  for (auto _ : state) {
    auto g = network::simplify_rail(*in, o);
    auto t = network::rail_tables(*g, o, eurasia().tables());
    auto net = network::Network::build(std::move(*t));
    if (!net) state.SkipWithError(net.error().message.c_str());
    links = net->link_count();
    benchmark::DoNotOptimize(net);
  }
  state.counters["osm_nodes"] = static_cast<double>(in->positions.size());
  state.counters["links"] = static_cast<double>(links);
  state.counters["nodes_per_s"] = benchmark::Counter(static_cast<double>(in->positions.size()),
                                                     benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_MB"] = peak_mb();
}
BENCHMARK(BM_OsmImport_SimplifyAndBuild)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
}  // namespace caravan::bench

BENCHMARK_MAIN();
