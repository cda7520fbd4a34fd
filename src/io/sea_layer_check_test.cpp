// The corridor network's sea links checked against the global maritime layer: each link's
// length is within 5% of the layer's route between its two ports (avoiding what the link's
// sailing avoids), or data/eurasia/sea_layer.csv explains the difference; and the chokepoints a
// link lists are the passages the layer's route goes through.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"
#include "io/sea_reader.h"
#include "sea/sea_path.h"

namespace caravan::io {
namespace {

const std::string kData = CARAVAN_DATA_DIR;

struct Check {
  std::vector<std::string> avoid;
  std::string explanation;
};

std::map<std::string, Check> checks() {
  auto t = read_table(kData + "/eurasia/sea_layer.csv", "sea_layer.csv",
                      {"link", "layer_avoid", "explanation"}, {});
  EXPECT_TRUE(t) << (t ? "" : t.error().message);
  std::map<std::string, Check> out;
  if (!t) return out;
  for (const auto& row : t->rows) {
    RowReader r(*t, row);
    Check c;
    const auto link = r.text("link");
    for (const auto& a : text::split(r.raw("layer_avoid"), '|'))
      if (!text::trim(a).empty()) c.avoid.emplace_back(text::trim(a));
    c.explanation = std::string(text::trim(r.raw("explanation")));
    out[link] = c;
  }
  return out;
}

// The layer, loaded once for both tests.
const sea::SeaNetwork& the_layer() {
  static const auto sea = load_sea_data(
      std::string(CARAVAN_SHARED_DIR) + "/data/marnet/marnet_plus_20km.geojson", kData + "/sea");
  if (!sea) {
    ADD_FAILURE() << sea.error().message;
    std::abort();
  }
  return sea.value()->network;
}

TEST(SeaLayerCheck, EverySeaLinkAgreesWithTheLayerOrSaysWhyNot) {
  auto net = load_network(kData + "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  const auto& layer = the_layer();
  const auto table = checks();
  // The corridor network's chokepoint ids and the layer's passage ids.
  const std::map<std::string, std::string> same = {
      {"suez", "suez"},     {"bab-el-mandeb", "babelmandeb"}, {"malacca", "malacca"},
      {"hormuz", "hormuz"}, {"bosporus", "bosporus"},         {"gibraltar", "gibraltar"},
      {"dover", "dover"}};
  std::set<std::string> sea_links;
  int checked = 0, explained = 0;
  for (std::uint32_t i = 0; i < net->link_count(); ++i) {
    const auto& l = net->link(LinkId{i});
    if (l.mode != network::Mode::Sea) continue;
    sea_links.insert(l.id);
    const auto it = table.find(l.id);
    const auto& a = net->location(l.from);
    const auto& b = net->location(l.to);
    const auto sa = layer.snap(a.pos), sb = layer.snap(b.pos);
    if (sa.distance.value > 300 || sb.distance.value > 300) {  // the Caspian: not in the layer
      ASSERT_NE(it, table.end()) << l.id
                                 << ": a port is off the layer and sea_layer.csv says nothing";
      EXPECT_FALSE(it->second.explanation.empty()) << l.id;
      ++explained;
      continue;
    }
    std::vector<bool> avoid(layer.passages().size(), false);
    for (std::uint32_t p = 0; p < layer.passages().size(); ++p)
      avoid[p] = layer.passages()[p].avoided_by_default;
    if (it != table.end())
      for (const auto& name : it->second.avoid) {
        const auto p = layer.find_passage(name);
        ASSERT_TRUE(p) << l.id << ": unknown passage " << name;
        avoid[p->value] = true;
      }
    const auto path = sea::shortest_sea_path(layer, sa.node, sb.node, avoid);
    ASSERT_TRUE(path) << l.id;
    const double layer_km = (path->length + sa.distance + sb.distance).value;
    const double diff = std::abs(l.km.value - layer_km) / layer_km;
    ++checked;
    if (diff > 0.05) {
      ASSERT_NE(it, table.end()) << l.id << ": " << l.km.value << " km, the layer " << layer_km
                                 << " km; explain it in sea_layer.csv or fix the link";
      EXPECT_FALSE(it->second.explanation.empty()) << l.id;
      ++explained;
      continue;
    }
    // The chokepoints the link lists are the layer's passages that the network also knows.
    std::set<std::string> listed, passed;
    for (auto c : l.chokepoints) {
      const auto& id = net->chokepoint(c).id;
      if (same.count(id)) listed.insert(same.at(id));
    }
    for (auto p : path->passages) {
      const auto& id = layer.passages()[p.value].id;
      for (const auto& [mine, theirs] : same)
        if (theirs == id) passed.insert(id);
    }
    EXPECT_EQ(listed, passed) << l.id;
  }
  for (const auto& [link, c] : table)
    EXPECT_TRUE(sea_links.count(link)) << "sea_layer.csv: " << link;
  EXPECT_GT(checked, 60);
  std::printf("sea links: %d checked against the layer, %d explained\n", checked, explained);
}

// data/eurasia/geometry.geojson: each sea link drawn along the layer (the same path as the check
// above: port, the lanes between the ports' nearest lane nodes, port; positions to 4 decimals), so
// maps show sailings round the land instead of straight across it. The file is what the layer
// gives: CARAVAN_WRITE_GEOMETRY=1 writes it, the test checks it.
TEST(SeaLayerCheck, TheEmbeddedSeaGeometryIsTheLayers) {
  auto net = load_network(kData + "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  const auto& layer = the_layer();
  const auto table = checks();
  auto r4 = [](double v) { return std::round(v * 1e4) / 1e4; };
  nlohmann::json features = nlohmann::json::array();
  for (std::uint32_t i = 0; i < net->link_count(); ++i) {
    const auto& l = net->link(LinkId{i});
    if (l.mode != network::Mode::Sea) continue;
    const auto& a = net->location(l.from).pos;
    const auto& b = net->location(l.to).pos;
    const auto sa = layer.snap(a), sb = layer.snap(b);
    if (sa.distance.value > 300 || sb.distance.value > 300) continue;  // not in the layer
    std::vector<bool> avoid(layer.passages().size(), false);
    for (std::uint32_t p = 0; p < layer.passages().size(); ++p)
      avoid[p] = layer.passages()[p].avoided_by_default;
    if (const auto it = table.find(l.id); it != table.end())
      for (const auto& name : it->second.avoid)
        if (const auto p = layer.find_passage(name)) avoid[p->value] = true;
    const auto path = sea::shortest_sea_path(layer, sa.node, sb.node, avoid);
    ASSERT_TRUE(path) << l.id;
    nlohmann::json line = nlohmann::json::array();
    line.push_back({r4(a.lon), r4(a.lat)});
    for (auto n : path->nodes)
      line.push_back({r4(layer.position(n).lon), r4(layer.position(n).lat)});
    line.push_back({r4(b.lon), r4(b.lat)});
    features.push_back({{"type", "Feature"},
                        {"properties", {{"id", l.id}}},
                        {"geometry", {{"type", "LineString"}, {"coordinates", line}}}});
  }
  const nlohmann::json doc = {
      {"type", "FeatureCollection"},
      {"description",
       "Sea links of the embedded network drawn along the Eurostat MARNET layer "
       "(marnet_plus_20km.geojson, eurostat/searoute, EUPL), shortest path avoiding what "
       "sea_layer.csv says each sailing avoids; derived by src/io/sea_layer_check_test.cpp"},
      {"features", features}};
  const auto path = kData + "/eurasia/geometry.geojson";
  if (const char* w = std::getenv("CARAVAN_WRITE_GEOMETRY"); w && *w) {
    std::ofstream(path) << doc.dump() << "\n";
  }
  std::ifstream in(path);
  const auto file = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(file.is_discarded()) << path << " (write it with CARAVAN_WRITE_GEOMETRY=1)";
  EXPECT_EQ(file, doc) << path << " differs from the layer (CARAVAN_WRITE_GEOMETRY=1 rewrites it)";
  EXPECT_GT(features.size(), 60u);
  // And the network reads it: a long sailing (Shanghai to Rotterdam) is drawn through the
  // straits, not across Asia.
  auto again = load_network(kData + "/eurasia");
  ASSERT_TRUE(again) << again.error().message;
  int long_sailings = 0;
  for (std::uint32_t i = 0; i < again->link_count(); ++i) {
    const auto& l = again->link(LinkId{i});
    if (l.mode != network::Mode::Sea || l.km.value < 15000) continue;
    ++long_sailings;
    EXPECT_GT(l.geometry.size(), 10u) << l.id;
  }
  EXPECT_GT(long_sailings, 0);
}

}  // namespace
}  // namespace caravan::io
