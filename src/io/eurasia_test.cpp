// Checks of the embedded Eurasian network: it loads (so every figure has a source), every source
// is citable, every location reaches every other, and coordinates lie in their country.
#include <gtest/gtest.h>

#include <map>
#include <queue>

#include "io/network_reader.h"

namespace caravan::io {
namespace {
namespace nw = caravan::network;

const nw::Network& eurasia() {
  static const auto net = [] {
    auto n = load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
    if (!n) throw std::runtime_error(n.error().message);
    return std::move(*n);
  }();
  return net;
}

TEST(Eurasia, LoadsWithEveryFigureSourced) {
  auto n = load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_GE(n->location_count(), 60u);
  EXPECT_GE(n->link_count(), 120u);
}

TEST(Eurasia, EverySourceHasAnAddressADateAndDerivationsSayHow) {
  for (const auto& s : eurasia().tables().sources) {
    EXPECT_FALSE(s.url.empty()) << s.id;
    EXPECT_GE(s.date.size(), 4u) << s.id;
    if (s.reliability == "D") {
      EXPECT_FALSE(s.note.empty()) << s.id;
    } else {
      EXPECT_TRUE(s.url.rfind("http", 0) == 0 || s.url.size() > 10) << s.id << ": " << s.url;
    }
  }
}

TEST(Eurasia, EveryRowWithFiguresCitesASource) {
  const auto& t = eurasia().tables();
  for (const auto& l : t.links) EXPECT_FALSE(l.prov.sources.empty()) << l.id;
  for (const auto& l : t.locations) EXPECT_FALSE(l.prov.sources.empty()) << l.id;
  for (const auto& x : t.transfers) EXPECT_FALSE(x.prov.sources.empty()) << x.prov.where;
  for (const auto& b : t.borders) EXPECT_FALSE(b.prov.sources.empty()) << b.prov.where;
  for (const auto& c : t.commodities) EXPECT_FALSE(c.prov.sources.empty()) << c.id;
  EXPECT_FALSE(t.parameters_prov.sources.empty());
}

TEST(Eurasia, EveryLocationReachesEveryOther) {
  const auto& net = eurasia();
  const auto& g = net.graph();
  for (std::uint32_t from = 0; from < net.location_count(); ++from) {
    std::vector<std::uint8_t> seen(g.node_count(), 0), reached(net.location_count(), 0);
    std::queue<std::uint32_t> q;
    for (auto v : g.departure[from])
      if (v != nw::kNone) {
        seen[v] = 1;
        q.push(v);
      }
    reached[from] = 1;
    while (!q.empty()) {
      const auto v = q.front();
      q.pop();
      reached[g.nodes[v].location.value] = 1;
      for (auto a = g.first_out[v]; a < g.first_out[v + 1]; ++a) {
        const auto h = g.arcs[a].head.value;
        if (!seen[h]) {
          seen[h] = 1;
          q.push(h);
        }
      }
    }
    for (std::uint32_t to = 0; to < net.location_count(); ++to)
      EXPECT_TRUE(reached[to]) << net.location(LocationId{from}).id << " cannot reach "
                               << net.location(LocationId{to}).id;
  }
}

TEST(Eurasia, CoordinatesLieInTheirCountrysRoughBounds) {
  // Rough bounding boxes (lat min, lat max, lon min, lon max), from general geography, padded ~0.5
  // deg.
  const std::map<std::string, std::array<double, 4>> bounds = {
      {"KZ", {40.5, 55.5, 46.0, 87.5}},   {"CN", {18.0, 53.6, 73.0, 135.1}},
      {"RU", {41.0, 78.0, 19.0, 180.0}},  {"UZ", {37.0, 45.7, 55.9, 73.2}},
      {"KG", {39.1, 43.3, 69.2, 80.3}},   {"TM", {35.1, 42.8, 52.4, 66.7}},
      {"IR", {25.0, 39.8, 44.0, 63.4}},   {"AZ", {38.3, 41.9, 44.7, 50.9}},
      {"GE", {41.0, 43.6, 40.0, 46.8}},   {"TR", {35.8, 42.1, 25.6, 44.9}},
      {"JP", {24.0, 45.6, 122.9, 146.0}}, {"KR", {33.1, 38.7, 124.5, 131.0}},
      {"BG", {41.2, 44.3, 22.3, 28.7}},   {"RO", {43.6, 48.3, 20.2, 29.8}},
      {"HU", {45.7, 48.6, 16.1, 22.9}},   {"RS", {42.2, 46.2, 18.8, 23.0}},
      {"AT", {46.3, 49.1, 9.5, 17.2}},    {"DE", {47.2, 55.1, 5.8, 15.1}},
      {"NL", {50.7, 53.6, 3.3, 7.3}},     {"GR", {34.8, 41.8, 19.3, 29.7}},
      {"EG", {21.9, 31.7, 24.7, 36.9}},   {"SG", {1.1, 1.5, 103.6, 104.1}},
      {"BY", {51.2, 56.2, 23.1, 32.8}},   {"PL", {49.0, 54.9, 14.1, 24.2}},
      {"LV", {55.6, 58.1, 20.9, 28.3}},   {"BE", {49.5, 51.6, 2.5, 6.5}},
      {"IT", {35.5, 47.1, 6.6, 18.6}},    {"CZ", {48.5, 51.1, 12.0, 18.9}},
      {"IN", {6.5, 35.7, 68.1, 97.4}},    {"PK", {23.6, 37.1, 60.9, 77.9}},
      {"AF", {29.3, 38.5, 60.5, 75.0}}};
  const auto& net = eurasia();
  for (const auto& l : net.tables().locations) {
    const auto& iso = net.country(l.country).iso2;
    auto it = bounds.find(iso);
    ASSERT_NE(it, bounds.end()) << "no bounds for country " << iso << " of " << l.id;
    const auto& b = it->second;
    EXPECT_TRUE(l.pos.lat >= b[0] && l.pos.lat <= b[1] && l.pos.lon >= b[2] && l.pos.lon <= b[3])
        << l.id << " (" << l.pos.lat << ", " << l.pos.lon << ") is outside " << iso;
  }
}

TEST(Eurasia, HasThePlacesTheCorridorsNeed) {
  const auto& net = eurasia();
  // The places and links the corridor questions need (issue: origins, China, Middle Corridor,
  // northern, southern, Europe, crude oil).
  for (const char* id : {"KZ-STEPNOGORSK",
                         "KZ-UST-KAMENOGORSK",
                         "KZ-ZHANA-KAZAKHSTAN",
                         "KZALA",
                         "KZ-ASTANA",
                         "KZAKX",
                         "KZGUW",
                         "KZTGZ",
                         "UZTAS",
                         "KGFRU",
                         "TMAGT",
                         "CNXIA",
                         "CNCQI",
                         "CNURM",
                         "KZDOS",
                         "CNAKL",
                         "KZ-ALTYNKOL",
                         "CNHRS",
                         "CNLYG",
                         "CNQIN",
                         "JPYOK",
                         "JPUKB",
                         "KRPUS",
                         "KZAAU",
                         "KZ-KURYK",
                         "TMKRW",
                         "AZALA",
                         "AZBAK",
                         "GEPTI",
                         "GEBUS",
                         "GEZAI",
                         "TR-KARS",
                         "TRMER",
                         "TRAMR",
                         "ROCND",
                         "EGPSD",
                         "SGSIN",
                         "RUVYP",
                         "RUVVO",
                         "RULED",
                         "RUULU",
                         "TM-ETREK",
                         "IRBND",
                         "NLRTM",
                         "DEHAM",
                         "DEDUI",
                         "GRPIR"})
    EXPECT_TRUE(net.find_location(id).has_value()) << id;
  for (const char* id : {"pipe-cpc", "pipe-btc", "pipe-baku-novorossiysk", "pipe-baku-supsa",
                         "tanker-aktau-sangachal", "ferry-aktau-alat", "ferry-kuryk-alat",
                         "ferry-turkmenbashi-alat", "rail-akhalkalaki-kars"})
    EXPECT_TRUE(net.find_link(id).has_value()) << id;
  for (const char* c : {"china", "middle", "northern", "southern"})
    EXPECT_NE(net.find_corridor(c), nullptr) << c;
  for (const char* c :
       {"rare-earth-ore", "rare-earth-concentrate", "rare-earth-oxide", "rare-earth-metal",
        "ndfeb-magnets", "crude-oil", "grain", "general-container"})
    EXPECT_TRUE(net.find_commodity(c).has_value()) << c;
}

}  // namespace
}  // namespace caravan::io
