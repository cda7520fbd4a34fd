// Tests of the JSON API on the embedded network: the fields users rely on, and the errors.
#include "api/handlers.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "api/error_table.h"
#include "api/table.h"
#include "testing/eurasia.h"

namespace caravan::api {
namespace {
using nlohmann::json;

const network::Network& eurasia() { return testing::eurasia(); }

json flagship(std::vector<std::string> avoid = {}) {
  json r = {{"from", "Stepnogorsk"},
            {"to", "Yokohama"},
            {"commodity", "rare-earth-oxide"},
            {"tonnes", 1000}};
  if (!avoid.empty()) r["avoid"] = avoid;
  return r;
}

bool has(const json& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

TEST(RouteApi, ReturnsTheDocumentedFields) {
  auto r = route(eurasia(), flagship());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ((*r)["routes"].size(), 1u);
  const auto& x = (*r)["routes"][0];
  for (const char* k : {"cost_usd", "hours", "co2_kg", "risk", "countries", "locations", "legs",
                        "border_crossings", "gauge_breaks"})
    EXPECT_TRUE(x.contains(k)) << k;
  EXPECT_EQ(x["locations"].front(), "KZ-STEPNOGORSK");
  EXPECT_EQ(x["locations"].back(), "JPYOK");
  EXPECT_EQ(x["countries"].front(), "KZ");
  EXPECT_EQ(x["countries"].back(), "JP");
  for (const auto& leg : x["legs"])
    for (const char* k : {"from", "to", "mode", "km"}) EXPECT_TRUE(leg.contains(k)) << k;
  // Totals are the sums of the legs and stops.
  double cost = 0;
  for (const auto& leg : x["legs"]) cost += leg["cost_usd"].get<double>();
  for (const auto& s : x["stops"]) cost += s["cost_usd"].get<double>();
  EXPECT_NEAR(cost, x["cost_usd"].get<double>(), 1.0);
  EXPECT_GT(x["risk"].get<double>(), 0.0);
  EXPECT_LT(x["risk"].get<double>(), 1.0);
}

TEST(RouteApi, AvoidingChinaRussiaAndIranLeavesTheMiddleCorridor) {
  auto r = route(eurasia(), flagship({"CN", "RU", "IR"}));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ((*r)["routes"].size(), 1u);
  const auto& x = (*r)["routes"][0];
  for (const char* c : {"CN", "RU", "IR"}) EXPECT_FALSE(has(x["countries"], c)) << c;
  EXPECT_TRUE(has(x["countries"], "AZ"));
  EXPECT_TRUE(has(x["countries"], "GE"));
  EXPECT_EQ(x["ferries"].size(), 1u);  // across the Caspian
}

TEST(RouteApi, AvoidingChinaMeansNoChineseLocationOrLeg) {
  auto r = route(eurasia(), flagship({"CN"}));
  ASSERT_TRUE(r);
  const auto& x = (*r)["routes"][0];
  EXPECT_FALSE(has(x["countries"], "CN"));
  for (const auto& leg : x["legs"]) EXPECT_FALSE(has(leg["countries"], "CN"));
}

TEST(RouteApi, ParetoSetIsNonDominatedAndContainsTheCheapest) {
  auto req = flagship();
  req["pareto"] = true;
  auto r = route(eurasia(), req);
  ASSERT_TRUE(r) << r.error().message;
  const auto& routes = (*r)["routes"];
  ASSERT_GE(routes.size(), 2u);
  auto cheapest = route(eurasia(), flagship());
  EXPECT_NEAR(routes[0]["cost_usd"].get<double>(),
              (*cheapest)["routes"][0]["cost_usd"].get<double>(), 0.01);
  auto v = [](const json& x) {
    return std::array<double, 4>{x["cost_usd"].get<double>(), x["hours"].get<double>(),
                                 x["co2_kg"].get<double>(), x["risk"].get<double>()};
  };
  for (std::size_t i = 0; i < routes.size(); ++i)
    for (std::size_t j = 0; j < routes.size(); ++j) {
      if (i == j) continue;
      const auto a = v(routes[i]), b = v(routes[j]);
      const bool dominates = a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2] && a[3] <= b[3];
      EXPECT_FALSE(dominates) << i << " dominates " << j;
    }
}

TEST(RouteApi, AlternativesAreDistinct) {
  auto req = flagship();
  req["alternatives"] = 4;
  auto r = route(eurasia(), req);
  ASSERT_TRUE(r);
  ASSERT_EQ((*r)["routes"].size(), 4u);
  std::set<std::string> seen;
  for (const auto& x : (*r)["routes"]) {
    std::string legs;
    for (const auto& l : x["legs"]) legs += l["link"].get<std::string>() + " ";
    EXPECT_TRUE(seen.insert(legs).second);
  }
}

TEST(CompareApi, CorridorsAreComparedSideBySide) {
  auto r = compare(eurasia(), flagship());
  ASSERT_TRUE(r) << r.error().message;
  std::map<std::string, json> by_id;
  for (const auto& v : (*r)["variants"]) by_id[v["id"]] = v;
  ASSERT_TRUE(by_id.count("china") && by_id.count("middle") && by_id.count("northern") &&
              by_id.count("southern"));
  EXPECT_TRUE(has(by_id["china"]["route"]["countries"], "CN"));
  EXPECT_TRUE(has(by_id["northern"]["route"]["countries"], "RU"));
  EXPECT_FALSE(has(by_id["middle"]["route"]["countries"], "CN"));
  EXPECT_FALSE(has(by_id["middle"]["route"]["countries"], "RU"));
  // The southern corridor runs through Iran, which US secondary sanctions close to anyone's
  // goods (policies.csv); the answer says so, and without the regimes the route is there.
  ASSERT_FALSE(by_id["southern"].contains("route"));
  EXPECT_NE(by_id["southern"]["no_route_reason"].get<std::string>().find(
                "US secondary_sanctions 'us-iran-secondary-eo13846'"),
            std::string::npos)
      << by_id["southern"]["no_route_reason"];
  auto req = flagship();
  req["ignore_policies"] = true;
  auto free = compare(eurasia(), req);
  ASSERT_TRUE(free);
  for (const auto& v : (*free)["variants"])
    if (v["id"] == "southern") {
      EXPECT_TRUE(has(v["route"]["countries"], "IR"));
    }
}

TEST(CompareApi, LandedCostRanksTheCorridorsAndShowsInTheTable) {
  auto req = flagship();
  req["landed_cost"] = true;
  auto r = compare(eurasia(), req);
  ASSERT_TRUE(r) << r.error().message;
  double previous = 0;
  for (const auto& v : (*r)["variants"]) {
    if (!v.contains("route")) continue;
    const double landed = v["landed_cost_usd"].get<double>();
    EXPECT_GE(landed, previous);  // ranked by landed cost
    EXPECT_GE(v["route"]["landed_cost"]["landed_cost_usd_high"].get<double>(), landed);
    previous = landed;
  }
  const std::string table = compare_table(*r);
  EXPECT_NE(table.find("landed USD"), std::string::npos) << table;
}

TEST(Errors, UnknownLocationListsTheClosestNames) {
  auto req = flagship();
  req["to"] = "Yokohamma";
  auto r = route(eurasia(), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NotFound);
  EXPECT_EQ(r.error().field, "to");
  EXPECT_NE(r.error().message.find("Yokohama (JPYOK)"), std::string::npos) << r.error().message;
}

TEST(Errors, UnknownFieldAndWrongTypeNameTheField) {
  auto req = flagship();
  req["tonnez"] = 5;
  auto r = route(eurasia(), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "tonnez");
  req = flagship();
  req["tonnes"] = "lots";
  r = route(eurasia(), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "tonnes");
  EXPECT_EQ(error_info(r.error().code).http_status, 400);
}

TEST(Errors, ContradictoryConstraintsAreUnsatisfiable) {
  auto req = flagship({"KZ"});
  auto r = route(eurasia(), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Unsatisfiable);
  EXPECT_NE(r.error().message.find("origin"), std::string::npos);
  EXPECT_EQ(error_info(r.error().code).exit_code, 5);
}

TEST(Errors, NoRouteSaysWhichConstraintCutItOff) {
  // Avoiding Kazakhstan's neighbours except the ones on the Caspian, and the ferries: nothing left.
  auto req = flagship({"CN", "RU", "IR", "ferry"});
  auto r = route(eurasia(), req);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE((*r)["routes"].empty());
  const auto reason = (*r)["no_route_reason"].get<std::string>();
  EXPECT_NE(reason.find("avoiding"), std::string::npos) << reason;
}

TEST(Errors, TransitRuleRefusingRareEarthsInChinaIsApplied) {
  auto req = flagship();
  req["forbid_transit"] = "2846:CN";
  auto r = route(eurasia(), req);
  ASSERT_TRUE(r);
  EXPECT_FALSE(has((*r)["routes"][0]["countries"], "CN"));
  req["forbid_transit"] = "28X:CN";
  EXPECT_FALSE(route(eurasia(), req));
}

TEST(WhyNotApi, ExplainsWhyAktauIsNotOnTheChosenRoute) {
  auto req = flagship();
  req["via"] = "Aktau";
  auto r = why_not(eurasia(), req);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE((*r)["possible"].get<bool>());
  EXPECT_TRUE(r->contains("via_route"));
  EXPECT_TRUE(has((*r)["via_route"]["locations"], "KZAAU"));
  EXPECT_FALSE((*r)["reason"].get<std::string>().empty());
}

TEST(LocateApi, FindsAnySpelling) {
  for (const char* q : {"Oskemen", "Öskemen", "KZAAU", "aktau"}) {
    auto r = locate(eurasia(), json{{"q", q}});
    ASSERT_TRUE(r);
    EXPECT_FALSE((*r)["matches"].empty()) << q;
  }
}

}  // namespace
}  // namespace caravan::api
