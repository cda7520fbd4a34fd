// The renderers of route answers: CSV (one row per leg), GeoJSON (a line per leg), the text
// tables, and the texts of empty answers.
#include "api/render.h"

#include <gtest/gtest.h>

#include "api/handlers.h"
#include "api/table.h"
#include "core/text.h"
#include "testing/eurasia.h"

namespace caravan::api {
namespace {
using nlohmann::json;

const network::Network& eurasia() { return testing::eurasia(); }

json answer(json extra = json::object()) {
  json r = {{"from", "Stepnogorsk"},
            {"to", "Yokohama"},
            {"commodity", "rare-earth-oxide"},
            {"tonnes", 100},
            {"alternatives", 2}};
  r.update(extra);
  return *route(eurasia(), r);
}

TEST(Render, CsvHasOneRowPerLegOfEveryRoute) {
  const json r = answer();
  std::size_t legs = 0;
  for (const auto& x : r["routes"]) legs += x["legs"].size();
  const auto lines = text::split(routes_csv(r), '\n');
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("variant,route,leg,from,to,mode", 0), 0u);
  EXPECT_EQ(lines.size(), legs + 2);  // the header, the rows, and the final newline's empty part
}

TEST(Render, GeoJsonHasALinePerLegWithItsRouteAndMode) {
  const json r = answer();
  const json g = routes_geojson(eurasia(), r);
  EXPECT_EQ(g["type"], "FeatureCollection");
  std::size_t legs = 0, lines = 0;
  for (const auto& x : r["routes"]) legs += x["legs"].size();
  for (const auto& f : g["features"])
    if (f["geometry"]["type"] == "LineString") {
      ++lines;
      EXPECT_TRUE(f["properties"].contains("mode"));
    }
  EXPECT_EQ(lines, legs);
}

TEST(Render, TheRouteTableShowsEachRouteAndTheComparisonEachCorridor) {
  const json r = answer();
  const auto t = route_table(r);
  for (std::size_t i = 0; i < r["routes"].size(); ++i)
    EXPECT_NE(t.find(r["routes"][i]["summary"].get<std::string>()), std::string::npos);
  auto c = compare(eurasia(), {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", 10}});
  ASSERT_TRUE(c);
  const auto ct = compare_table(*c);
  for (const auto& v : (*c)["variants"])
    EXPECT_NE(ct.find(v["name"].get<std::string>().substr(0, 20)), std::string::npos);
}

// Text tables: an id never runs into its name (a corridor id of 18 characters, the old column's
// width, printed "china-europe-by-plChina-Europe rail ...").
TEST(Render, NetworkInfoKeepsIdsApartFromNames) {
  const auto text = info_text(network_info(testing::eurasia()));
  const auto& corridors = testing::eurasia().tables().corridors;
  ASSERT_FALSE(corridors.empty());
  for (const auto& c : corridors)
    EXPECT_NE(text.find("    " + c.id + "  "), std::string::npos) << c.id;
}

TEST(Render, EmptyAnswersSaySo) {
  const json none = answer({{"avoid", json::array({"CN", "RU", "IR", "ferry"})}});
  ASSERT_TRUE(none["routes"].empty());
  EXPECT_NE(route_table(none).find("No route: "), std::string::npos);
  EXPECT_EQ(routes_csv(none),
            "variant,route,leg,from,to,mode,gauge_mm,km,hours,cost_usd,co2_kg,countries,"
            "chokepoints\n");
  const json nothing = {{"q", "zzz"}, {"matches", json::array()}};
  EXPECT_EQ(locate_table(nothing), "no location of the network matches 'zzz'\n");
}

TEST(Render, ALongPlaceNameDoesNotRunIntoTheNextColumn) {
  const json r = {{"q", "nhava"},
                  {"matches",
                   {{{"id", "INNSA"},
                     {"name", "Nhava Sheva (JNPA, Mumbai)"},
                     {"country", "IN"},
                     {"kind", "seaport"},
                     {"lat", 18.95},
                     {"lon", 72.95},
                     {"exact", true},
                     {"matched", "Nhava Sheva (JNPA, Mumbai)"}}}}};
  const auto t = locate_table(r);
  EXPECT_EQ(t.substr(20, 26), "Nhava Sheva               ");
  EXPECT_EQ(t.substr(46, 4), "IN  ");
}

}  // namespace
}  // namespace caravan::api
