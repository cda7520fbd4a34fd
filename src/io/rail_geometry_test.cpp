// The embedded network's rail shapes (data/eurasia/geometry-rail.geojson, written by
// tools/rail_geometry.py from Natural Earth 10m railroads): each starts and ends at its link's
// ends, is about as long as the link's km, and most rail links have one.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/geo.h"
#include "io/network_reader.h"

namespace caravan::io {
namespace {

const std::string kEurasia = std::string(CARAVAN_DATA_DIR) + "/eurasia";

// The script's bounds on drawn length / links.csv km (RATIO_LO, RATIO_HI in
// tools/rail_geometry.py): the layer is generalised (shorter than the track) and its junctions
// approximate (longer); outside them the path took a shortcut or a detour the railway does not.
constexpr double kRatioLo = 0.85;
constexpr double kRatioHi = 1.3;
// The script writes the exact end positions, to 4 decimals (about 10 m).
constexpr double kEndKm = 2.0;
// It drew 93 of the 131 rail links; fewer than this means the file or the reader lost some.
constexpr int kMinDrawn = 88;

double length_km(const std::vector<LatLon>& line) {
  double km = 0;
  for (std::size_t i = 1; i < line.size(); ++i) km += great_circle(line[i - 1], line[i]).value;
  return km;
}

TEST(RailGeometry, EveryRailShapeRunsBetweenItsEndsAtAboutItsLength) {
  auto net = load_network(kEurasia);
  ASSERT_TRUE(net) << net.error().message;
  int rail = 0, drawn = 0;
  for (std::uint32_t i = 0; i < net->link_count(); ++i) {
    const auto& l = net->link(LinkId{i});
    if (l.mode != network::Mode::Rail) continue;
    ++rail;
    if (l.geometry.empty()) continue;
    ++drawn;
    const auto& a = net->location(l.from).pos;
    const auto& b = net->location(l.to).pos;
    ASSERT_GE(l.geometry.size(), 2u) << l.id;
    EXPECT_LT(great_circle(l.geometry.front(), a).value, kEndKm)
        << l.id << " starts away from " << net->location(l.from).id;
    EXPECT_LT(great_circle(l.geometry.back(), b).value, kEndKm)
        << l.id << " ends away from " << net->location(l.to).id;
    const double ratio = length_km(l.geometry) / l.km.value;
    EXPECT_GE(ratio, kRatioLo) << l.id << ": drawn " << length_km(l.geometry) << " km, links.csv "
                               << l.km.value << " km";
    EXPECT_LE(ratio, kRatioHi) << l.id << ": drawn " << length_km(l.geometry) << " km, links.csv "
                               << l.km.value << " km";
  }
  EXPECT_GE(drawn, kMinDrawn) << "of " << rail << " rail links";
  std::printf("rail links: %d of %d drawn along the railroads layer\n", drawn, rail);
}

// The file says where its lines come from, and holds rail links only.
TEST(RailGeometry, TheFileNamesItsSourceAndShapesOnlyRailLinks) {
  std::ifstream in(kEurasia + "/geometry-rail.geojson");
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << "geometry-rail.geojson";
  const auto description = doc.value("description", "");
  EXPECT_NE(description.find("Natural Earth 10m railroads"), std::string::npos) << description;
  EXPECT_NE(description.find("tools/rail_geometry.py"), std::string::npos) << description;
  auto net = load_network(kEurasia);
  ASSERT_TRUE(net) << net.error().message;
  ASSERT_TRUE(doc.contains("features") && doc["features"].is_array());
  for (const auto& f : doc["features"]) {
    const auto id = f["properties"].value("id", "");
    EXPECT_EQ(f["properties"].value("source", ""), "ne_10m_railroads") << id;
    const auto link = net->find_link(id);
    ASSERT_TRUE(link) << id;
    EXPECT_EQ(net->link(*link).mode, network::Mode::Rail) << id;
  }
}

}  // namespace
}  // namespace caravan::io
