// The OSM reader and the import on the shared Liechtenstein extract: its railway ways and
// stations are read, the simplified network is written, reads back and routes between stations;
// a file with no railway and a file that is not OSM fail with a clear message.
#include "io/osm_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/network_reader.h"
#include "io/network_writer.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

const std::string kExtract =
    std::string(CARAVAN_SHARED_DIR) + "/data/osm/liechtenstein-2013-08-03.osm.pbf";

TEST(OsmReader, ReadsTheRailwayWaysAndStationsOfTheExtract) {
  auto in = read_osm_rail(kExtract);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->ways.size(), 34u);  // the shared data's README: 34 railway=rail ways
  EXPECT_GE(in->stations.size(), 3u);
  for (const auto& w : in->ways)
    for (auto n : w.nodes) ASSERT_TRUE(in->positions.count(n)) << w.id;
}

TEST(OsmReader, TheImportedNetworkReadsBackAndRoutesBetweenStations) {
  auto in = read_osm_rail(kExtract);
  ASSERT_TRUE(in);
  network::RailImportOptions o;
  o.country = "LI";
  o.source_title = "liechtenstein-2013-08-03.osm.pbf";
  o.source_date = "2013-08-03";
  auto g = network::simplify_rail(*in, o);
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_LT(g->nodes.size(), g->input_nodes / 5);  // chains contracted
  auto catalogue = load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
  ASSERT_TRUE(catalogue);
  auto t = network::rail_tables(*g, o, catalogue->tables());
  ASSERT_TRUE(t) << t.error().message;
  const auto dir = (fs::temp_directory_path() / "caravan_osm_import_test").string();
  fs::remove_all(dir);
  auto written = write_network(*t, dir);
  ASSERT_TRUE(written) << written.error().message;
  auto net = load_network(dir);
  ASSERT_TRUE(net) << net.error().message;
  EXPECT_EQ(net->link_count(), t->links.size());
  // The two stations are joined by the imported line (shortest distance over the links).
  std::vector<double> dist(net->location_count(), 1e18);
  const auto from = net->find_location("OSM-10140"), to = net->find_location("OSM-26793");
  ASSERT_TRUE(from && to);
  EXPECT_EQ(net->location(*from).name, "Schaan-Vaduz");
  EXPECT_EQ(net->location(*to).name, "Nendeln");
  dist[from->value] = 0;
  for (std::size_t round = 0; round < net->location_count(); ++round)
    for (std::uint32_t i = 0; i < net->link_count(); ++i) {
      const auto& l = net->link(LinkId{i});
      dist[l.to.value] = std::min(dist[l.to.value], dist[l.from.value] + l.km.value);
      dist[l.from.value] = std::min(dist[l.from.value], dist[l.to.value] + l.km.value);
    }
  EXPECT_GT(dist[to->value], 2.0);  // Schaan-Vaduz to Nendeln is about 4 km of line
  EXPECT_LT(dist[to->value], 8.0);
}

TEST(OsmReader, AFileWithNoRailwayOrNotOsmFailsClearly) {
  const auto dir = fs::temp_directory_path() / "caravan_osm_reader_test";
  fs::create_directories(dir);
  const auto roads = (dir / "roads.osm").string();
  std::ofstream(roads) << R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
  <node id="1" lat="47.1" lon="9.5" version="1"/>
  <node id="2" lat="47.2" lon="9.5" version="1"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>
</osm>
)";
  auto in = read_osm_rail(roads);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_TRUE(in->ways.empty());
  network::RailImportOptions o;
  o.country = "LI";
  auto g = network::simplify_rail(*in, o);
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("no railway line"), std::string::npos);
  const auto junk = (dir / "junk.osm.pbf").string();
  std::ofstream(junk) << "this is not a PBF file";
  auto bad = read_osm_rail(junk);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("junk.osm.pbf: not a readable OSM file"), std::string::npos);
  auto missing = read_osm_rail((dir / "missing.osm.pbf").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace caravan::io
