// The sea readers: the shared marnet and the embedded data/sea tables load, every passage marks
// lanes of the real network, and bad files fail with file, feature or line, and field.
#include "io/sea_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "io/network_reader.h"
#include "sea/sea_path.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

const std::string kShared = std::string(CARAVAN_SHARED_DIR) + "/data";
const std::string kSeaDir = std::string(CARAVAN_DATA_DIR) + "/sea";

std::string write(const std::string& name, const std::string& text) {
  const auto dir = fs::temp_directory_path() / "caravan_sea_reader_test";
  fs::create_directories(dir);
  const auto p = (dir / name).string();
  std::ofstream(p) << text;
  return p;
}

TEST(SeaReader, EveryPassageOfTheTableMarksLanesOfTheSharedMarnet) {
  for (const char* file : {"marnet_plus_20km.geojson", "marnet_plus_50km.geojson"}) {
    auto d = load_sea_data(kShared + "/marnet/" + file, kSeaDir);
    ASSERT_TRUE(d) << d.error().message;
    const auto& sea = d.value()->network;
    EXPECT_GT(sea.node_count(), 5000u) << file;
    for (std::uint32_t p = 0; p < sea.passages().size(); ++p) {
      const auto& passage = sea.passages()[p];
      EXPECT_GT(sea.lanes_in(sea::PassageId{p}), 0u) << file << " " << passage.id;
    }
    EXPECT_EQ(d.value()->vessels.front().id, "container-large");
  }
}

TEST(SeaReader, TheGazetteerMergesWorldPortIndexPortsIntoUnLocode) {
  auto g = load_gazetteer(kShared + "/unlocode/unlocode_corridor_subset.csv",
                          kShared + "/wpi/wpi_corridor_subset.csv");
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_GT(g->size(), 20000u);
  const auto rtm = g->find_locode("NLRTM");
  ASSERT_TRUE(rtm);
  const auto& p = g->place(*rtm);
  EXPECT_TRUE(p.port);
  EXPECT_EQ(p.source, "UN/LOCODE + WPI");
  EXPECT_EQ(p.port->harbor_size, "Large");
  EXPECT_FALSE(p.port->container.has_value());  // "Unknown" in the index
  // A row whose coordinates are "NaN" is kept, without a position.
  const auto ima = g->find_locode("ROIMA");
  ASSERT_TRUE(ima);
  EXPECT_FALSE(g->place(*ima).has_position);
}

// The embedded network's ids: a UN/LOCODE where the place has one, else "XX-NAME" (country and
// name) for a place UN/LOCODE does not list. A LOCODE-form id must be in UN/LOCODE, and an
// XX-NAME id must not name a place UN/LOCODE lists under that name in that country.
TEST(SeaReader, EmbeddedIdsAreUnLocodesOrNamesOfPlacesItLacks) {
  auto g = load_gazetteer(kShared + "/unlocode/unlocode_corridor_subset.csv",
                          kShared + "/wpi/wpi_corridor_subset.csv");
  ASSERT_TRUE(g) << g.error().message;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::set<std::pair<std::string, std::string>> listed;  // (country, name), lower case
  std::set<std::string> countries;
  for (std::size_t i = 0; i < g->size(); ++i) {
    const auto& p = g->place(places::PlaceId{static_cast<std::uint32_t>(i)});
    if (p.locode.empty() || p.source.find("UN/LOCODE") == std::string::npos) continue;
    countries.insert(p.country);
    listed.emplace(p.country, lower(p.name));
    for (const auto& a : p.aliases) listed.emplace(p.country, lower(a));
  }
  auto net = load_network(CARAVAN_DATA_DIR "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  int locodes = 0, named = 0;
  for (const auto& l : net->tables().locations) {
    const std::string country = l.id.substr(0, 2);
    const bool locode_form =
        l.id.size() == 5 && std::all_of(l.id.begin(), l.id.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || (c >= '2' && c <= '9');
        });
    if (locode_form) {
      ++locodes;
      if (countries.count(country)) {
        EXPECT_TRUE(g->find_locode(l.id)) << l.id << " " << l.name;
      }
      continue;
    }
    ASSERT_TRUE(l.id.size() > 3 && l.id[2] == '-') << l.id << ": neither a LOCODE nor XX-NAME";
    ++named;
    std::string name = l.id.substr(3);
    for (auto& c : name) c = c == '-' ? ' ' : c;
    EXPECT_FALSE(listed.count({country, lower(name)}))
        << l.id << " names a place UN/LOCODE lists: use its LOCODE";
  }
  EXPECT_GT(locodes, 50);
  EXPECT_GT(named, 20);
}

TEST(SeaReader, AMalformedMarnetNamesTheFeatureAndField) {
  auto bad = load_marnet(write("notjson.geojson", "{\"type\": "), {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("notjson.geojson: not valid JSON"), std::string::npos);
  bad = load_marnet(
      write("point.geojson",
            R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"fid":7},)"
            R"("geometry":{"type":"Point","coordinates":[1,2]}}]})"),
      {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("feature 0 (fid 7): geometry.type: expected LineString"),
            std::string::npos)
      << bad.error().message;
  bad = load_marnet(
      write("lat.geojson",
            R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
            R"("geometry":{"type":"LineString","coordinates":[[1,2],[3,95]]}}]})"),
      {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("geometry.coordinates[1]: position out of range"),
            std::string::npos)
      << bad.error().message;
  bad = load_marnet(kShared + "/marnet/missing.geojson", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::NotFound);
}

TEST(SeaReader, BadTablesNameTheLineAndField) {
  auto p = load_passages(write("passages.csv",
                               "id,name,marnet_pass,min_lon,min_lat,max_lon,max_lat,source\n"
                               "x,X,,10,5,9,6,s\n"));
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("passages.csv:2"), std::string::npos) << p.error().message;
  p = load_passages(write("passages.csv",
                          "id,name,marnet_pass,min_lon,min_lat,max_lon,max_lat,source\n"
                          "x,X,,10,5,,,s\n"));
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("needs all four"), std::string::npos);
  auto v = load_vessel_classes(
      write("vessel_classes.csv",
            "id,name,cargo,speed_kn,cost_unit,usd_per_unit_1000nm,g_co2_per_tkm,source\n"
            "a,A,container,15,box,1,1,s\n"));
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("vessel_classes.csv:2"), std::string::npos);
  EXPECT_NE(v.error().message.find("cost_unit"), std::string::npos);
  auto g = load_gazetteer(write("lo.csv",
                                "country,location,name,function,lat,lon\n"
                                "NL,RTM,Rotterdam,1-------,51.9,4.5\n"
                                "NLX,RT,Bad,1-------,1,2\n"),
                          "");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("lo.csv:3"), std::string::npos) << g.error().message;
}

}  // namespace
}  // namespace caravan::io
