// Tests of CSV parsing and the network reader's error messages.
#include "io/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/network_reader.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

TEST(Csv, ParsesQuotesCommentsAndLineNumbers) {
  auto t = parse_csv("# comment\na,b\n1,\"x, \"\"y\"\"\"\n\n2,\"multi\nline\"\n3,z\n", "t.csv");
  ASSERT_TRUE(t) << t.error().message;
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t->rows[0].line, 3);
  EXPECT_EQ(t->rows[1].fields[1], "multi\nline");
  EXPECT_EQ(t->rows[2].line, 7);
}

TEST(Csv, NamesTheLineOfAShortRow) {
  auto t = parse_csv("a,b\n1,2\n3\n", "t.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, "t.csv:3: expected 2 fields (as in the header), found 1");
}

TEST(Csv, RejectsAnUnterminatedQuote) {
  auto t = parse_csv("a,b\n1,\"oops\n", "t.csv");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("t.csv:2: unterminated"), std::string::npos);
}

// Copies the tiny sample network, applies `edit` to one file, and loads it.
class BrokenNetwork : public ::testing::Test {
 protected:
  fs::path dir_;
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("caravan_io_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(fs::path(CARAVAN_DATA_DIR) / "samples" / "tiny", dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void replace(const std::string& file, const std::string& from, const std::string& to) {
    auto text = *read_file((dir_ / file).string());
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    text.replace(pos, from.size(), to);
    std::ofstream(dir_ / file) << text;
  }
  std::string error() {
    auto n = load_network(dir_.string());
    return n ? "" : n.error().message;
  }
};

TEST_F(BrokenNetwork, TheSampleLoads) { EXPECT_EQ(error(), ""); }

TEST_F(BrokenNetwork, UnknownModeNamesFileLineAndField) {
  replace("links.csv", "r4,CNAKA,CNLYG,rail", "r4,CNAKA,CNLYG,barge");
  EXPECT_EQ(error(),
            "links.csv:5: field 'mode': unknown mode 'barge' (expected rail, road, sea, ferry, "
            "pipeline)");
}

TEST_F(BrokenNetwork, UnknownLocationSuggestsTheClosest) {
  replace("links.csv", "r4,CNAKA,CNLYG", "r4,CNAKA,CNLYH");
  EXPECT_EQ(error(), "links.csv:5: field 'to': unknown location 'CNLYH' (did you mean CNLYG?)");
}

TEST_F(BrokenNetwork, AFigureWithoutASourceIsAnError) {
  replace("links.csv", "rail_diesel,,,,,*:sample\nr2", "rail_diesel,,,,,\nr2");
  EXPECT_EQ(error(), "links.csv:2: field 'sources': the figure in column 'km' has no source");
}

TEST_F(BrokenNetwork, UnknownSourceIdIsAnError) {
  replace("countries.csv", "KZ,Kazakhstan,0.01,*:sample", "KZ,Kazakhstan,0.01,*:sampel");
  EXPECT_EQ(error(),
            "countries.csv:2: field 'sources': unknown source id 'sampel' (did you mean sample?)");
}

TEST_F(BrokenNetwork, ProbabilityOutOfRange) {
  replace("countries.csv", "KZ,Kazakhstan,0.01", "KZ,Kazakhstan,1.5");
  EXPECT_EQ(error(),
            "countries.csv:2: field 'disruption_probability': value 1.5 is out of range [0, 1]");
}

TEST_F(BrokenNetwork, InvertedTriangularDwell) {
  replace("borders.csv", "KZDOS,CNAKA,300,,,6,30,70", "KZDOS,CNAKA,300,,,6,80,70");
  EXPECT_EQ(error(),
            "borders.csv:2: field 'hours_mode': expected hours_min <= hours_mode <= hours_max, "
            "found 6, 80, 70");
}

TEST_F(BrokenNetwork, UnknownColumnIsAnError) {
  replace("commodities.csv", "id,name,hs", "id,nmae,hs");
  EXPECT_NE(error().find("commodities.csv:1: missing column 'name'"), std::string::npos);
}

TEST_F(BrokenNetwork, CrossBorderLinkWithoutBorderRow) {
  replace("borders.csv", "CNAKA,KZDOS,300,,,10,48,100,*:sample\n", "");
  EXPECT_EQ(error(),
            "links.csv:3: field 'to': the link crosses from CN to KZ but borders.csv has no "
            "crossing CNAKA -> KZDOS");
}

TEST_F(BrokenNetwork, RailWithoutGauge) {
  replace("links.csv", "r1,KZ-ORIGIN,KZDOS,rail,1520", "r1,KZ-ORIGIN,KZDOS,rail,1000");
  EXPECT_EQ(error(), "links.csv:2: field 'gauge_mm': expected 1520 or 1435 for rail");
}

TEST_F(BrokenNetwork, MissingFileIsNamed) {
  fs::remove(dir_ / "borders.csv");
  EXPECT_NE(error().find("borders.csv: cannot open file"), std::string::npos);
}

TEST_F(BrokenNetwork, DuplicateLocationId) {
  replace("locations.csv", "JPYOK,Yokohama", "CNLYG,Yokohama");
  EXPECT_EQ(error(), "locations.csv:6: field 'id': duplicate location id 'CNLYG'");
}

// policies.csv: a valid regime loads; each kind of bad figure names file, line and field.
class BrokenPolicies : public BrokenNetwork {
 protected:
  void write(const std::string& row) {
    std::ofstream(dir_ / "policies.csv")
        << "id,issuer,kind,binds,party_countries,countries,hs_prefixes,effect,"
           "refusal_probability,delay_hours_mode,from,to,description,sources\n"
        << row << "\n";
  }
  static constexpr const char* kGood =
      "cn-transit,CN,transit_permit,any,,CN,2846,permit,0.1,240,2025-01-01,,a test regime,*:sample";
};

TEST_F(BrokenPolicies, AValidRegimeLoads) {
  write(kGood);
  auto n = load_network(dir_.string());
  ASSERT_TRUE(n) << n.error().message;
  ASSERT_EQ(n->tables().policies.size(), 1u);
  EXPECT_EQ(n->tables().policies[0].hs_prefixes, std::vector<std::string>{"2846"});
}

TEST_F(BrokenPolicies, EachBadFigureNamesFileLineAndField) {
  const std::pair<std::string, std::string> cases[] = {
      {"cn-transit,CN,transit_permit,any,,CN,2846,permit,0.1,240,2025-01-01,2024-01-01,x,*:sample",
       "policies.csv:2: field 'to': the regime ends (2024-01-01) before it starts (2025-01-01)"},
      {"cn-transit,CN,transit_permit,any,,XX,2846,permit,0.1,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'countries': unknown country 'XX'"},
      {"cn-transit,CN,transit_permit,any,,CN,28a6,permit,0.1,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'hs_prefixes': expected an HS prefix"},
      {"cn-transit,CN,transit_permit,any,,CN,2846,permit,1.5,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'refusal_probability'"},
      {"cn-transit,CN,transit_permit,buyer,ZZ,CN,2846,permit,0.1,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'party_countries': 'ZZ' is not an ISO 3166-1 alpha-2 code"},
      {"cn-transit,XX,transit_permit,any,,CN,2846,permit,0.1,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'issuer': 'XX' is not an ISO 3166-1 alpha-2 code"},
      {"cn-transit,CN,transit_permit,any,,CN,2846,permit,0.1,240,2025-02-30,,x,*:sample",
       "policies.csv:2: field 'from': expected a date YYYY-MM-DD, found '2025-02-30'"},
      {"cn-transit,CN,transit_permit,any,,CN,2846,permit,,,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'refusal_probability': a permit needs"},
      {"cn-transit,CN,ban,any,,CN,2846,permit,0.1,240,2025-01-01,,x,*:sample",
       "policies.csv:2: field 'kind': unknown kind 'ban'"},
  };
  for (const auto& [row, want] : cases) {
    write(row);
    EXPECT_EQ(error().rfind(want, 0), 0u) << error() << "\n  wanted: " << want;
  }
}

// geometry.geojson: a link's shape, read from `from` to `to` whichever way it is drawn; an
// unknown link or a bad geometry names the file, the feature and the field.
TEST_F(BrokenNetwork, GeometryShapesALinkAndBadFeaturesAreNamed) {
  auto write = [&](const std::string& features) {
    std::ofstream(dir_ / "geometry.geojson")
        << R"({"type": "FeatureCollection", "features": [)" << features << "]}";
  };
  // r1 runs KZ-ORIGIN -> KZDOS; drawn here from the KZDOS end.
  write(R"({"type": "Feature", "properties": {"id": "r1"}, "geometry": {"type": "LineString",
           "coordinates": [[82.5, 45.2], [75.0, 48.0], [70.0, 50.0]]}})");
  auto n = load_network(dir_.string());
  ASSERT_TRUE(n) << n.error().message;
  const auto& r1 = n->link(*n->find_link("r1"));
  ASSERT_EQ(r1.geometry.size(), 3u);
  const auto& from = n->location(r1.from).pos;
  EXPECT_LT(std::abs(r1.geometry.front().lon - from.lon),
            std::abs(r1.geometry.back().lon - from.lon));
  write(R"({"type": "Feature", "properties": {"id": "r9"}, "geometry": {"type": "LineString",
           "coordinates": [[1, 2], [3, 4]]}})");
  EXPECT_NE(error().find("geometry.geojson: feature 1 properties.id: unknown link 'r9'"),
            std::string::npos)
      << error();
  write(R"({"type": "Feature", "properties": {"id": "r1"}, "geometry": {"type": "Point",
           "coordinates": [1, 2]}})");
  EXPECT_NE(error().find("feature 1 geometry: expected a LineString"), std::string::npos)
      << error();
}

// geometry-*.geojson: more shape files beside geometry.geojson (the embedded network's rail lines
// are one), read after it in name order; a link in none keeps no shape.
TEST_F(BrokenNetwork, GeometryFilesBesideGeometryGeojsonAreReadToo) {
  std::ofstream(dir_ / "geometry.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
           {"id": "r1"}, "geometry": {"type": "LineString",
           "coordinates": [[70.0, 50.0], [75.0, 48.0], [82.5, 45.2]]}}]})";
  std::ofstream(dir_ / "geometry-rail.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
           {"id": "r2", "source": "test"}, "geometry": {"type": "LineString",
           "coordinates": [[82.5, 45.2], [83.0, 45.1], [83.5, 45.0], [84.0, 44.9]]}}]})";
  std::ofstream(dir_ / "geometry-notes.txt") << "not a shape file";
  auto n = load_network(dir_.string());
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(n->link(*n->find_link("r1")).geometry.size(), 3u);
  EXPECT_EQ(n->link(*n->find_link("r2")).geometry.size(), 4u);
  // Only geometry-*.geojson: geometry.geojson is optional.
  fs::remove(dir_ / "geometry.geojson");
  n = load_network(dir_.string());
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_TRUE(n->link(*n->find_link("r1")).geometry.empty());
  EXPECT_EQ(n->link(*n->find_link("r2")).geometry.size(), 4u);
  // A bad feature in the second file names that file.
  std::ofstream(dir_ / "geometry-rail.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
           {"id": "r9"}, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}]})";
  EXPECT_NE(error().find("geometry-rail.geojson: feature 1 properties.id: unknown link 'r9'"),
            std::string::npos)
      << error();
}

// One link shaped by two files: neither is the obvious one to keep, so the folder is refused,
// naming the link and both files.
TEST_F(BrokenNetwork, ALinkShapedByTwoGeometryFilesIsRefused) {
  std::ofstream(dir_ / "geometry.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
           {"id": "r1"}, "geometry": {"type": "LineString",
           "coordinates": [[70.0, 50.0], [82.5, 45.2]]}}]})";
  std::ofstream(dir_ / "geometry-rail.geojson")
      << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
           {"id": "r2"}, "geometry": {"type": "LineString", "coordinates": [[82.5, 45.2],
           [84.0, 44.9]]}}, {"type": "Feature", "properties": {"id": "r1"}, "geometry":
           {"type": "LineString", "coordinates": [[70.0, 50.0], [82.5, 45.2]]}}]})";
  EXPECT_NE(error().find("geometry-rail.geojson: feature 2 properties.id: link 'r1' already has "
                         "a shape in geometry.geojson"),
            std::string::npos)
      << error();
  // Between two geometry-*.geojson files likewise: the later name is the one reported.
  fs::rename(dir_ / "geometry.geojson", dir_ / "geometry-a.geojson");
  EXPECT_NE(error().find("geometry-rail.geojson: feature 2 properties.id: link 'r1' already has "
                         "a shape in geometry-a.geojson"),
            std::string::npos)
      << error();
}

// rates.csv: rates by commodity class and train type. A bulk shipment on r1 (KZ) pays the
// wagonload rate, from 3,000 t the block-train rate, and a container never.
class BrokenRates : public BrokenNetwork {
 protected:
  void write(const std::vector<std::string>& rows) {
    std::ofstream f(dir_ / "rates.csv");
    f << "id,mode,handling,countries,train,min_tonnes,usd_per_tkm,low,high,sources\n";
    for (const auto& r : rows) f << r << "\n";
  }
};

TEST_F(BrokenRates, TheMatchingRateWithTheLargestMinimumReachedApplies) {
  write({"kz-wagon,rail,dry_bulk,KZ,wagonload,,0.02,0.015,0.025,*:sample",
         "kz-block,rail,dry_bulk,KZ,block train,3000,0.015,,,*:sample",
         "any-wagon,rail,dry_bulk,,wagonload,,0.03,,,*:sample"});
  auto n = load_network(dir_.string());
  ASSERT_TRUE(n) << n.error().message;
  const auto r1 = *n->find_link("r1");
  const auto r4 = *n->find_link("r4");  // in CN: the row for any country
  using network::Handling;
  ASSERT_NE(n->link_rate(r1.value, Handling::DryBulk, 1000), nullptr);
  EXPECT_EQ(n->link_rate(r1.value, Handling::DryBulk, 1000)->id, "kz-wagon");
  EXPECT_EQ(n->link_rate(r1.value, Handling::DryBulk, 3000)->id, "kz-block");
  EXPECT_EQ(n->link_rate(r4.value, Handling::DryBulk, 3000)->id, "any-wagon");
  EXPECT_EQ(n->link_rate(r1.value, Handling::Container, 1000), nullptr);
  EXPECT_EQ(n->link_rate(r1.value, Handling::LiquidBulk, 1000), nullptr);
}

TEST_F(BrokenRates, EachBadRowNamesFileLineAndField) {
  const std::pair<std::string, std::string> cases[] = {
      {"x,rail,container,KZ,,,0.02,,,*:sample", "rates.csv:2: field 'handling': a rate per"},
      {"x,rail,dry_bulk,XX,,,0.02,,,*:sample", "rates.csv:2: field 'countries': unknown country"},
      {"x,rail,dry_bulk,KZ,,,0.02,0.03,,*:sample", "rates.csv:2: field 'low': the range's low"},
      {"x,rail,dry_bulk,KZ,,,0.02,,0.01,*:sample", "rates.csv:2: field 'high': the range's high"},
      {"x,rail,dry_bulk,KZ,,,,,,*:sample", "rates.csv:2: field 'usd_per_tkm'"},
      {"x,train,dry_bulk,KZ,,,0.02,,,*:sample", "rates.csv:2: field 'mode': unknown mode"},
      {"x,rail,dry_bulk,KZ,,,0.02,,,", "rates.csv:2: field 'sources': the figure in column"},
  };
  for (const auto& [row, want] : cases) {
    write({row});
    EXPECT_EQ(error().rfind(want, 0), 0u) << error() << "\n  wanted: " << want;
  }
  write({"x,rail,dry_bulk,KZ,,,0.02,,,*:sample", "x,rail,dry_bulk,CN,,,0.02,,,*:sample"});
  EXPECT_EQ(error().rfind("rates.csv:3: field 'id': duplicate rate id 'x'", 0), 0u) << error();
}

}  // namespace
}  // namespace caravan::io
