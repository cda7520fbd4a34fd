// The feature table: every feature is complete and reachable by name and path, every CLI option
// sets a field its feature reads, HTTP callers cannot name local files, and running through the
// table gives the same answer as the codec.
#include "api/feature.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "api/handlers.h"
#include "api/reliability.h"
#include "testing/eurasia.h"

namespace caravan::api {
namespace {
using nlohmann::json;
using K = Option::Kind;

const network::Network& eurasia() { return testing::eurasia(); }

Context local() {
  Context c;
  c.net = &eurasia();
  c.network_dir = std::string(CARAVAN_DATA_DIR) + "/eurasia";
  c.limits.max_samples = 1000;
  return c;
}

// The smallest request each feature accepts (its required fields).
json base_request(const Feature& f) {
  const std::string name(f.name);
  json r = json::object();
  for (const auto& o : f.options)
    if (o.field == "from") r = {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", 10}};
  if (name == "why-not") r["via"] = "Aktau";
  if (name == "locate" || name == "places") r["q"] = "Aktau";
  if (name == "sea-route") r = {{"from", "Poti"}, {"to", "Yokohama"}};
  if (name == "markets") r["to"] = "JP,DE";
  if (name == "network import-osm")
    r = {{"osm", std::string(CARAVAN_SHARED_DIR) + "/data/osm/liechtenstein-2013-08-03.osm.pbf"},
         {"country", "LI"},
         {"out", (std::filesystem::temp_directory_path() / "caravan_feature_test_osm").string()}};
  if (name == "scenario") r["scenarios"] = json::array({"suez-closed"});
  if (name == "simulate") r = {{"config", "middle-corridor"}};
  if (name == "deal") r.update({{"annual_tonnes", 120}, {"sale_price_usd_per_t", 1000}});
  if (name == "assign") r = {{"max_iterations", 1}};
  if (name == "classify") r = {{"text", "milling wheat"}};
  if (name == "report")  // the store the sweep entry (earlier in the table) wrote
    r = {{"store",
          (std::filesystem::temp_directory_path() / "caravan_feature_test.sqlite").string()}};
  if (name == "sweep")
    r = {
        {"sweep", {{"origins", {"Stepnogorsk"}}, {"destinations", {"Yokohama"}}, {"tonnes", {10}}}},
        {"store",
         (std::filesystem::temp_directory_path() / "caravan_feature_test.sqlite").string()},
        {"fresh", true}};
  if (name == "train-classifier" || name == "evaluate-classifier") {
    const auto dir = std::filesystem::temp_directory_path();
    const auto examples = (dir / "caravan_feature_test_examples.csv").string();
    std::ofstream(examples) << "text,hs6,lang,source_id\nmilling wheat,100199,en,t\n"
                               "hard wheat for flour,100199,en,t\npermanent magnets,850511,en,t\n";
    r = {{"examples", examples}};
    if (name == "train-classifier") r["out"] = (dir / "caravan_feature_test_model.txt").string();
  }
  return r;
}

// A value of the option's kind.
json sample(const Option& o) {
  // Fields that write files: into the temporary folder, never the working directory.
  if (o.field == "export_split" || o.field == "out" || o.field == "store")
    return (std::filesystem::temp_directory_path() /
            ("caravan_feature_test_" + std::string(o.field)))
        .string();
  switch (o.kind) {
    case K::Number:
    case K::Integer:
      return 1;
    case K::Flag:
      return true;
    case K::List:
      return json::array({"x"});
    default:
      return "x";
  }
}

TEST(FeatureTable, EveryFeatureIsCompleteWithUniqueNamesAndPaths) {
  std::set<std::string> names, paths;
  for (const auto& f : features()) {
    EXPECT_TRUE(names.insert(std::string(f.name)).second) << f.name;
    EXPECT_TRUE(f.run && f.text) << f.name;
    EXPECT_FALSE(f.summary.empty()) << f.name;
    if (!f.http_path.empty()) {
      EXPECT_TRUE(paths.insert(std::string(f.http_path)).second) << f.http_path;
      EXPECT_EQ(feature_at(f.http_path), &f);
    }
    EXPECT_EQ(find_feature(f.name), &f);
    if (f.spatial) {
      EXPECT_TRUE(f.csv && f.geojson) << f.name;
    }
  }
  EXPECT_EQ(find_feature("no-such-feature"), nullptr);
  for (const char* n :
       {"route", "compare", "reliability", "scenario", "simulate", "why-not", "locate",
        "landed-cost", "deal", "assign", "network info", "network validate", "network export"})
    EXPECT_NE(find_feature(n), nullptr) << n;
}

TEST(FeatureTable, EveryOptionSetsAFieldItsFeatureReads) {
  for (const auto& f : features()) {
    for (const auto& o : f.options) {
      if (o.field.empty() || o.kind == K::File) continue;
      json r = base_request(f);
      const std::string field(o.field);
      if (!r.contains(field)) r[field] = sample(o);
      // The processing comparison's own fields apply in its mode only.
      for (const char* k :
           {"product", "plant", "input_grade", "recovery", "processing_cost_origin_usd_per_t",
            "processing_cost_destination_usd_per_t"})
        if (field == k) r["compare_processing"] = true;
      auto a = run(f, local(), r);
      if (!a) {
        EXPECT_EQ(a.error().message.find("unknown field"), std::string::npos)
            << f.name << " " << o.flag << ": " << a.error().message;
      }
    }
  }
}

TEST(FeatureTable, TheSmallestRequestOfEveryFeatureRuns) {
  for (const auto& f : features()) {
    auto a = run(f, local(), base_request(f));
    EXPECT_TRUE(a) << f.name << ": " << (a ? "" : a.error().message);
    if (a) {
      EXPECT_FALSE(f.text(local(), a->json).empty()) << f.name;
    }
  }
}

TEST(FeatureTable, HttpCallersCannotNameLocalFiles) {
  Context http = local();
  http.local = false;
  for (const char* field : {"tariffs", "hs_nomenclature", "tntp"}) {
    json r = base_request(*find_feature("landed-cost"));
    r[field] = "/etc";
    auto a = run(*find_feature("landed-cost"), http, r);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, ErrorCode::InvalidRequest);
    EXPECT_EQ(a.error().field, field);
  }
  // A demand file is a name in the network's demand/ folder over HTTP, a path only locally.
  auto bad = prepare(*find_feature("assign"), http, {{"demand", "../../etc/passwd"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::NotFound);
  EXPECT_EQ(bad.error().field, "demand");
}

TEST(FeatureTable, RunningThroughTheTableGivesTheCodecsAnswer) {
  const json r = {{"from", "Stepnogorsk"},
                  {"to", "Yokohama"},
                  {"tonnes", 100},
                  {"commodity", "rare-earth-oxide"},
                  {"alternatives", 2}};
  auto direct = route(eurasia(), r);
  auto tabled = run(*find_feature("route"), local(), r);
  ASSERT_TRUE(direct && tabled);
  EXPECT_EQ(*direct, tabled->json);
}

TEST(FeatureTable, ReliabilityHistogramsCountEverySample) {
  json r = base_request(*find_feature("reliability"));
  r["reliability_samples"] = 300;
  r["histogram_bins"] = 7;
  auto a = run(*find_feature("reliability"), local(), r);
  ASSERT_TRUE(a) << a.error().message;
  const auto& h = a->json["histograms"][0];
  EXPECT_EQ(h["counts"].size(), 7u);
  int n = 0;
  for (const auto& c : h["counts"]) n += c.get<int>();
  EXPECT_EQ(n, 300);
  r["histogram_bins"] = 0;
  EXPECT_FALSE(run(*find_feature("reliability"), local(), r));
}

TEST(FeatureTable, FileRenderingsAreMadeWhenAsked) {
  Context c = local();
  c.wanted = {"--svg"};
  json r = base_request(*find_feature("reliability"));
  r["reliability_samples"] = 100;
  auto a = run(*find_feature("reliability"), c, r);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(a->files.count("--svg"));
  EXPECT_EQ(a->files.at("--svg")().rfind("<svg", 0), 0u);
  // The chart says what it shows: origin, destination and samples under the title.
  EXPECT_NE(a->files.at("--svg")().find("100 samples per route"), std::string::npos);
  ASSERT_TRUE(a->files.count("--samples-csv"));
  EXPECT_EQ(a->files.at("--samples-csv")().rfind("route,sample,hours\n", 0), 0u);
}

TEST(Charts, TheCdfLegendIsUnderTheChartAndIdenticalCurvesAreNamed) {
  const std::vector<std::pair<std::string, std::vector<double>>> series = {
      {"first", {10, 20, 30}}, {"second", {30, 10, 20}}, {"third", {40, 50}}};
  const auto svg = cdf_svg(series, std::nullopt, "A -> B, 3 samples per route");
  EXPECT_NE(svg.find("second (same as first)"), std::string::npos);
  EXPECT_EQ(svg.find("third (same as"), std::string::npos);
  EXPECT_NE(svg.find("A -> B, 3 samples per route"), std::string::npos);
  // Legend rows below the plot area (y > 420) and the document tall enough for them.
  EXPECT_NE(svg.find("height=\"476\""), std::string::npos);
  EXPECT_NE(svg.find("#0072B2"), std::string::npos);  // Okabe-Ito
}

}  // namespace
}  // namespace caravan::api
