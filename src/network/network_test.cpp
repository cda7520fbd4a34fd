// Tests of the graph expansion and location search.
#include "network/network.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "network/locate.h"
#include "testing/ascii_network.h"
#include "testing/eurasia.h"

namespace caravan::network {
namespace {

TEST(Expansion, EachLayerOfALocationHasAnArrivalAndADepartureNode) {
  testing::AsciiOptions o;
  o.gauge_change_at = "B";
  const auto net = testing::network_from_ascii("A===B###C\n    ~\n    D", o);
  const auto b = *net.find_location("B");
  const auto& g = net.graph();
  int layers = 0;
  for (int y = 0; y < kLayerCount; ++y) layers += g.arrival[b.value][y] != kNone;
  EXPECT_EQ(layers, 3);  // rail1520, rail1435, sea
  // Transfers at B: every ordered pair of its 3 layers plus passing through each: 9 arcs out of
  // the arrival nodes.
  int transfers = 0;
  for (const auto& arc : g.arcs)
    if (arc.kind == ArcKind::Transfer && g.nodes[arc.tail.value].location == b) ++transfers;
  EXPECT_EQ(transfers, 9);
  // A has only rail1520: a gauge change is impossible there even though the layers exist elsewhere.
  const auto a = *net.find_location("A");
  EXPECT_EQ(g.arrival[a.value][static_cast<int>(Layer::Rail1435)], kNone);
}

TEST(Expansion, NoGaugeChangeWithoutATransferRow) {
  const auto net = testing::network_from_ascii("A===B###C");
  const auto b = *net.find_location("B");
  for (const auto& arc : net.graph().arcs) {
    if (arc.kind == ArcKind::Transfer && net.graph().nodes[arc.tail.value].location == b) {
      EXPECT_EQ(arc.from_layer, arc.to_layer);
    }
  }
}

TEST(Expansion, CsrOffsetsCoverEveryArcOnce) {
  const auto net = testing::network_from_ascii("A===B---C\n=   ~\nD===E");
  const auto& g = net.graph();
  ASSERT_EQ(g.first_out.size(), g.node_count() + 1);
  EXPECT_EQ(g.first_out.back(), g.arc_count());
  for (std::uint32_t v = 0; v < g.node_count(); ++v)
    for (auto a = g.first_out[v]; a < g.first_out[v + 1]; ++a) EXPECT_EQ(g.arcs[a].tail.value, v);
  // The arcs by head list each arc once, under its head, with its tail.
  ASSERT_EQ(g.first_in.size(), g.node_count() + 1);
  EXPECT_EQ(g.first_in.back(), g.arc_count());
  std::vector<int> seen(g.arc_count(), 0);
  for (std::uint32_t v = 0; v < g.node_count(); ++v)
    for (auto i = g.first_in[v]; i < g.first_in[v + 1]; ++i) {
      EXPECT_EQ(g.arcs[g.in_arc[i]].head.value, v);
      EXPECT_EQ(g.arcs[g.in_arc[i]].tail.value, g.in_tail[i]);
      ++seen[g.in_arc[i]];
    }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(g.arc_count()));
}

TEST(Build, BorderBetweenLocationsOfOneCountryIsAnError) {
  auto t = testing::tables_from_ascii("A===B");
  Border border;
  border.from = LocationId{0};
  border.to = LocationId{1};
  border.prov.where = "borders.csv:2";
  t.borders.push_back(border);
  auto n = Network::build(t);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().message,
            "borders.csv:2: field 'to': a border joins locations in different countries, but 'A' "
            "and 'B' are both in XA");
}

TEST(Locate, FindsByIdNameAliasAndTypo) {
  auto t = testing::tables_from_ascii("A===B");
  t.locations[0].id = "KZAAU";
  t.locations[0].name = "Aktau";
  t.locations[0].aliases = {"Aqtau", "Актау"};
  t.locations[1].id = "AZALA";
  t.locations[1].name = "Alat";
  const auto net = *Network::build(t);
  EXPECT_EQ(resolve_location(net, "KZAAU", "from")->value, 0u);
  EXPECT_EQ(resolve_location(net, "aktau", "from")->value, 0u);
  EXPECT_EQ(resolve_location(net, "Aqtau", "from")->value, 0u);
  EXPECT_EQ(resolve_location(net, "Актау", "from")->value, 0u);
  auto typo = resolve_location(net, "Aktua", "from");
  ASSERT_FALSE(typo);
  EXPECT_EQ(
      typo.error().message,
      "unknown location 'Aktua' (closest: Aktau (KZAAU)); the network 'ascii' has 2 places (a "
      "larger one loads with --network DIR)");
  EXPECT_EQ(typo.error().field, "from");
  EXPECT_EQ(locate(net, "akt").front().id.value, 0u);
}

// Misspellings a user types (transpositions, a dropped or doubled letter, transliterations), the
// place each means on the embedded network; and words that are other places, not typos.
TEST(Locate, RealMisspellingsOnTheEmbeddedNetwork) {
  const auto& net = testing::eurasia();
  const std::pair<const char*, const char*> typos[] = {
      {"Aktua", "KZAAU"},     {"Hambrug", "DEHAM"},     {"Stepnogorks", "KZ-STEPNOGORSK"},
      {"Urumchi", "CNURM"},   {"Almati", "KZALA"},      {"Tashkant", "UZTAS"},
      {"Shangai", "CNSGH"},   {"Tbilsi", "GE-TBILISI"}, {"Rotterdm", "NLRTM"},
      {"Yokohamma", "JPYOK"}, {"Lianyungan", "CNLYG"},  {"Dusiburg", "DEDUI"},
      {"Alat", "AZALA"},      {"Osaka", "JPUKB"},       {"bandar abbas", "IRBND"},
      {"Poti", "GEPTI"},      {"Kobe", "JPUKB"},
  };
  for (const auto& [typed, id] : typos) {
    const auto m = locate(net, typed, 3);
    ASSERT_FALSE(m.empty()) << typed;
    EXPECT_EQ(net.location(m.front().id).id, id) << typed;
  }
  // A whole word of a name resolves as the name does ("Osaka" in "Kobe/Osaka (Hanshin)").
  ASSERT_TRUE(resolve_location(net, "Osaka", "to"));
  EXPECT_EQ(net.location(*resolve_location(net, "Osaka", "to")).id, "JPUKB");
  // Not typos of a place the network has: no match rather than a wrong one.
  for (const char* other : {"Xiamen", "Milan"}) EXPECT_TRUE(locate(net, other, 3).empty()) << other;
  // "Kobe" is not "Aktobe".
  for (const auto& m : locate(net, "Kobe", 5)) EXPECT_NE(net.location(m.id).id, "KZAKX");
}

}  // namespace
}  // namespace caravan::network
