// The gazetteer: codes, names, other spellings, near misses, ports first, and the index against
// a scan of every spelling.
#include "places/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/name_match.h"

namespace caravan::places {
namespace {

Place make(std::string locode, std::string name, double lat, double lon, std::uint8_t f,
           bool wpi = false) {
  Place p;
  p.locode = std::move(locode);
  p.country = p.locode.substr(0, 2);
  p.name = std::move(name);
  p.at = {lat, lon};
  p.has_position = true;
  p.functions = f;
  if (wpi) p.port = PortFacts{"1", "Large", "", {}, {}, true, true, false, "Large"};
  return p;
}

Gazetteer sample() {
  std::vector<Place> v = {
      make("NLRTM", "Rotterdam", 51.9, 4.48, kPort | kRail, true),
      make("JPYOK", "Yokohama", 35.45, 139.65, kPort | kRail, true),
      make("EGALY", "Alexandria", 31.2, 29.9, kPort, true),
      make("USAXA", "Alexandria", 38.8, -77.05, kRoad),
      make("ITGOA", "Genova", 44.4, 8.92, kPort, true),
      make("KZAKX", "Aktau", 43.65, 51.2, kPort | kRail),
      make("KZAKT", "Aktobe", 50.28, 57.2, kRail),
  };
  v[4].aliases = {"Genoa"};
  return Gazetteer(std::move(v));
}

TEST(Gazetteer, FindsACodeWithOrWithoutItsSpace) {
  const auto g = sample();
  ASSERT_TRUE(g.find_locode("NL RTM"));
  EXPECT_EQ(g.place(*g.find_locode("nlrtm")).name, "Rotterdam");
  EXPECT_FALSE(g.find_locode("NLXXX"));
}

TEST(Gazetteer, FindsAnOtherSpellingAndANearMiss) {
  const auto g = sample();
  auto m = g.search("Genoa", 3);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(g.place(m[0].id).locode, "ITGOA");
  EXPECT_EQ(m[0].score, 0);
  m = g.search("Rotterdm", 3);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(g.place(m[0].id).locode, "NLRTM");
  EXPECT_GE(m[0].score, 10);
  EXPECT_TRUE(g.search("Qwzxv", 3).empty());
}

TEST(Gazetteer, ResolvesAPositionAndRefusesOneOffTheGlobe) {
  const auto g = sample();
  auto p = resolve(g, "35.45, 139.65", "from", Purpose::Any);
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->at.lon, 139.65);
  EXPECT_EQ(p->source, "coordinates");
  auto bad = resolve(g, "95,10", "from", Purpose::Any);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "from");
  EXPECT_NE(bad.error().message.find("latitude"), std::string::npos);
}

TEST(Gazetteer, APortIsChosenOverAnInlandPlaceOfTheSameNameForASeaRoute) {
  const auto g = sample();
  auto p = resolve(g, "Alexandria", "to", Purpose::Port);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->locode, "EGALY");
}

TEST(Gazetteer, AnUnknownPlaceListsTheClosestAndTheGazetteersSize) {
  const auto g = sample();
  auto p = resolve(g, "Aktao", "from", Purpose::Any);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::NotFound);
  EXPECT_NE(p.error().message.find("Aktau (KZAKX)"), std::string::npos);
  EXPECT_NE(p.error().message.find("7 places"), std::string::npos);
}

// The index (prefixes, words, bigrams) finds every place a scan of all spellings with the same
// rule finds, with the same best score, on 40,000 random names and typo queries.
TEST(Gazetteer, TheIndexFindsWhatAFullScanFinds) {
  std::mt19937 rng(7);
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  auto word = [&](int n) {
    std::string w;
    for (int i = 0; i < n; ++i) w += letters[rng() % 8 + (i % 3) * 6];  // clustered letters
    return w;
  };
  std::vector<Place> v;
  for (int i = 0; i < 40000; ++i) {
    std::string name = word(4 + static_cast<int>(rng() % 6));
    if (rng() % 3 == 0) name += " " + word(3 + static_cast<int>(rng() % 5));
    name[0] = static_cast<char>(std::toupper(name[0]));
    v.push_back(make("XX" + std::to_string(100 + i % 900), name, 0, 0, kPort));
  }
  const Gazetteer g(v);
  for (int trial = 0; trial < 300; ++trial) {
    // A word of a name, or (every third trial) the whole name, which may have two words.
    const auto& name = v[rng() % v.size()].name;
    std::string q = trial % 3 == 0 ? name : text::words_of(name).front();
    // One or two edits: a changed, dropped, doubled or swapped letter.
    for (int e = 0; e < 1 + trial % 2; ++e) {
      const auto at = rng() % q.size();
      switch (rng() % 4) {
        case 0:
          q[at] = letters[rng() % 26];
          break;
        case 1:
          if (q.size() > 3) q.erase(at, 1);
          break;
        case 2:
          if (at + 1 < q.size()) std::swap(q[at], q[at + 1]);
          break;
        default:
          q.insert(at, 1, q[at]);
      }
    }
    const text::NameQuery nq(q);
    int scan_best = 1 << 20;
    std::size_t scan_count = 0;
    for (const auto& p : v)
      if (auto s = text::match_score(nq, p.name)) {
        scan_best = std::min(scan_best, *s);
        ++scan_count;
      }
    const auto found = g.search(q, 1000000);
    ASSERT_EQ(found.size(), scan_count) << q;
    if (scan_count > 0) {
      EXPECT_EQ(found.front().score, scan_best) << q;
    }
  }
}

// A market's main seaports: the facility the cargo needs first, then harbour size and draft, one
// per coast (each 1,000 km from those taken), at most n.
TEST(Gazetteer, MainPortsAreTheLargestFittingOnePerCoast) {
  auto port = [](std::string code, double lat, double lon, std::string size,
                 std::optional<bool> box, double draft) {
    Place p = make(std::move(code), "Port", lat, lon, kPort);
    p.port = PortFacts{"1", std::move(size), "", {}, draft, box, true, {}, ""};
    return p;
  };
  Gazetteer g({
      port("VNSGN", 10.77, 106.7, "Medium", true, 11),        // Ho Chi Minh City
      port("VNBNO", 11.9, 109.2, "Large", std::nullopt, 14),  // Cam Ranh: no container facility
      port("VNVUT", 10.35, 107.07, "Medium", true, 9),  // Vung Tau: 70 km from Ho Chi Minh City
      port("VNHPH", 20.86, 106.68, "Small", true, 8),   // Hai Phong: 1,120 km north
      port("VNDAD", 16.07, 108.22, "Small", true, 12),  // Da Nang: within 1,000 km of both
      make("VNHAN", "Hanoi", 21.0, 105.8, kRoad),       // not a port
      port("JPYOK", 35.45, 139.65, "Large", true, 16),  // another country
  });
  auto codes = [&](const std::vector<PlaceId>& ids) {
    std::vector<std::string> out;
    for (auto id : ids) out.push_back(g.place(id).locode);
    return out;
  };
  EXPECT_EQ(codes(main_ports(g, "VN", 3)), (std::vector<std::string>{"VNSGN", "VNHPH"}));
  EXPECT_EQ(codes(main_ports(g, "VN", 1)), (std::vector<std::string>{"VNSGN"}));
  // For any cargo, size first: Cam Ranh.
  EXPECT_EQ(codes(main_ports(g, "VN", 1, Facility::Any)), (std::vector<std::string>{"VNBNO"}));
  EXPECT_TRUE(main_ports(g, "US", 3).empty());
}

}  // namespace
}  // namespace caravan::places
