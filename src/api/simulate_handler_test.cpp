// Tests of the simulation model files: the embedded example runs and conserves shipments; bad
// models name the JSON field.
#include "api/simulate_handler.h"

#include <gtest/gtest.h>

#include "io/csv.h"
#include "io/network_reader.h"
#include "testing/eurasia.h"

namespace caravan::api {
namespace {
using nlohmann::json;

const network::Network& eurasia() { return testing::eurasia(); }

json example() {
  return json::parse(
      *io::read_file(std::string(CARAVAN_DATA_DIR) + "/eurasia/sim/middle-corridor.json"));
}

TEST(SimulateApi, TheEmbeddedExampleRunsAndConservesWagons) {
  auto c = parse_sim_config(example(), eurasia());
  ASSERT_TRUE(c) << c.error().message;
  auto r = sim::simulate(*c);
  ASSERT_TRUE(r) << r.error().message;
  const auto j = sim_result_json(*c, *r);
  for (const auto& s : j["streams"]) {
    EXPECT_GT(s["completed"].get<std::uint64_t>(), 0u);
    EXPECT_EQ(s["entered"].get<std::uint64_t>(),
              s["completed"].get<std::uint64_t>() + s["in_system"].get<std::uint64_t>());
  }
  EXPECT_FALSE(sim_series_csv(*c, *r).empty());
  EXPECT_NE(sim_series_svg(*c, *r).find("<polyline"), std::string::npos);
}

TEST(SimulateApi, ErrorsNameTheField) {
  auto j = example();
  j["resources"][0]["capacity_units"] = 0;
  auto c = parse_sim_config(j, eurasia());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "resources[0].capacity_units");
  EXPECT_NE(c.error().message.find("can never sail"), std::string::npos);

  j = example();
  j["streams"][0]["route"][1]["resource"] = "nowhere";
  c = parse_sim_config(j, eurasia());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "streams[0].route[1].resource");

  j = example();
  j["resources"][0]["crossing_hours"] = {
      {"kind", "triangular"}, {"min", 30}, {"mode", 20}, {"max", 40}};
  c = parse_sim_config(j, eurasia());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "resources[0].crossing_hours");

  j = example();
  j["resources"][0]["sources"] = "capacity_units:no_such_source";
  c = parse_sim_config(j, eurasia());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "resources[0].sources");

  j = example();
  j["resources"][0]["colour"] = "red";
  EXPECT_FALSE(parse_sim_config(j, eurasia()));

  j = example();
  j["resources"][0]["closed_months"] = json::array({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  c = parse_sim_config(j, eurasia());
  ASSERT_TRUE(c);
  EXPECT_FALSE(sim::simulate(*c));  // closed every month: never serves
}

}  // namespace
}  // namespace caravan::api
