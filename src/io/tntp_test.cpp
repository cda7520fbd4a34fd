#include "io/tntp.h"

#include <gtest/gtest.h>

namespace caravan::io {
namespace {

const char* kNet = R"(<NUMBER OF ZONES> 2
<NUMBER OF NODES> 3
<FIRST THRU NODE> 1
<NUMBER OF LINKS> 2
<END OF METADATA>
~ init term cap len fft b power speed toll type ;
	1	2	10	1	5	0.15	4	0	0	1	;
	2	3	10	1	5	0.15	4	0	0	1	;
)";

TEST(Tntp, ReadsLinksAndTrips) {
  const auto net = parse_tntp_network(kNet, "x_net.tntp");
  ASSERT_TRUE(net) << net.error().message;
  ASSERT_EQ(net->links.size(), 2u);
  EXPECT_EQ(net->links[1].from, 2u);
  EXPECT_DOUBLE_EQ(net->links[1].power, 4.0);
  const auto trips = parse_tntp_trips(
      "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n  2 : 5.5;  3 : 1;\n", "x_trips.tntp", 3);
  ASSERT_TRUE(trips) << trips.error().message;
  ASSERT_EQ(trips->trips.size(), 2u);
  EXPECT_DOUBLE_EQ(trips->trips[0].volume, 5.5);
}

TEST(Tntp, MalformedInputNamesFileLineAndField) {
  std::string missing = kNet;
  missing.replace(missing.find("\t2\t3\t10\t1\t5\t0.15\t4\t0\t0\t1"), 28, "\t2\t3\t10\t1\t5");
  auto r = parse_tntp_network(missing, "x_net.tntp");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("x_net.tntp:8: field 'b': missing"), std::string::npos)
      << r.error().message;

  std::string negative = kNet;
  negative.replace(negative.find("\t1\t2\t10"), 7, "\t1\t2\t-10");
  r = parse_tntp_network(negative, "x_net.tntp");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("x_net.tntp:7: field 'capacity': negative value -10"),
            std::string::npos)
      << r.error().message;

  std::string unknown = kNet;
  unknown.replace(unknown.find("\t2\t3\t10"), 7, "\t2\t9\t10");
  r = parse_tntp_network(unknown, "x_net.tntp");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("field 'term_node': node 9 does not exist"), std::string::npos)
      << r.error().message;

  const auto trips = parse_tntp_trips("<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 7 : 1;\n",
                                      "x_trips.tntp", 3);
  ASSERT_FALSE(trips);
  EXPECT_NE(
      trips.error().message.find("x_trips.tntp:4: field 'destination': node 7 does not exist"),
      std::string::npos)
      << trips.error().message;
  const auto no_volume = parse_tntp_trips(
      "<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : ;\n", "x_trips.tntp", 3);
  ASSERT_FALSE(no_volume);
  EXPECT_NE(no_volume.error().message.find("field 'volume'"), std::string::npos);
}

TEST(Tntp, ReadmeGivesObjectiveAndCostWeights) {
  const auto r = parse_tntp_readme(
      "## Generalized Cost Weights\nToll: 0.02 minutes/cent\nDistance: 0.04 minutes/mile\n"
      "## Solutions\nOptimal objective function value: 17313018.7387477. \n");
  ASSERT_TRUE(r.objective);
  EXPECT_DOUBLE_EQ(*r.objective, 17313018.7387477);
  EXPECT_DOUBLE_EQ(r.toll_factor, 0.02);
  EXPECT_DOUBLE_EQ(r.distance_factor, 0.04);
}

TEST(Tntp, ReadsTheSharedBenchmarkFolders) {
  const auto inst = read_tntp(std::string(CARAVAN_SHARED_DIR) + "/data/tntp/SiouxFalls");
  ASSERT_TRUE(inst) << inst.error().message;
  EXPECT_EQ(inst->name, "SiouxFalls");
  EXPECT_EQ(inst->net.links.size(), 76u);
  EXPECT_EQ(inst->flows.size(), 76u);
  double total = 0;
  for (const auto& t : inst->trips.trips) total += t.volume;
  EXPECT_DOUBLE_EQ(total, *inst->trips.declared_total);
}

}  // namespace
}  // namespace caravan::io
