// The corridor network's sea links checked against the global maritime layer: each link's
// length is within 5% of the layer's route between its two ports (avoiding what the link's
// sailing avoids), or data/eurasia/sea_layer.csv explains the difference; and the chokepoints a
// link lists are the passages the layer's route goes through.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
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

TEST(SeaLayerCheck, EverySeaLinkAgreesWithTheLayerOrSaysWhyNot) {
  auto net = load_network(kData + "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  auto sea = load_sea_data(
      std::string(CARAVAN_SHARED_DIR) + "/data/marnet/marnet_plus_20km.geojson", kData + "/sea");
  ASSERT_TRUE(sea) << sea.error().message;
  const auto& layer = sea.value()->network;
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

}  // namespace
}  // namespace caravan::io
