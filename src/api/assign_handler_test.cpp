#include "api/assign_handler.h"

#include <gtest/gtest.h>

#include <cmath>

#include "io/network_reader.h"

namespace caravan::api {
namespace {

std::string tntp_dir(const std::string& name) {
  return std::string(CARAVAN_SHARED_DIR) + "/data/tntp/" + name;
}

struct Case {
  const char* folder;
  double gap;  // target relative gap
};

// Each benchmark: gap reached, Beckmann objective against the published optimum (or, without
// one, against the objective of the best-known flows), and link flows against the best-known
// flow file. Debug builds (asan) solve the two largest instances to a looser gap.
TEST(AssignTntp, BenchmarksMatchPublishedObjectiveAndBestKnownFlows) {
#ifdef NDEBUG
  const Case cases[] = {
      {"SiouxFalls", 1e-10}, {"Anaheim", 1e-10}, {"Winnipeg", 1e-10}, {"Chicago-Sketch", 1e-10}};
#else
  const Case cases[] = {{"SiouxFalls", 1e-10}, {"Anaheim", 1e-10}};
#endif
  for (const Case& c : cases) {
    auto inst = io::read_tntp(tntp_dir(c.folder));
    ASSERT_TRUE(inst) << inst.error().message;
    const assign::Problem p = tntp_problem(*inst);
    assign::Options o;
    o.gap = c.gap;
    const auto s = assign::solve(p, o);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_LE(s->relative_gap, c.gap) << c.folder;
    EXPECT_EQ(s->stop, assign::StopReason::Converged);
    EXPECT_TRUE(s->unserved.empty());
    // Objective of the best-known flows, by the same delay functions.
    double best = 0.0;
    ASSERT_EQ(inst->flows.size(), p.links.size());
    for (std::size_t a = 0; a < p.links.size(); ++a) {
      const double v = inst->flows[a].volume;
      best += p.links[a].delay.integral(v) + p.links[a].fixed * v;
    }
    EXPECT_NEAR(s->objective, best, 1e-7 * best) << c.folder;
    if (inst->readme.objective) {
      // SiouxFalls' README states the objective divided by 1e5.
      const double published = *inst->readme.objective;
      const double scale = std::pow(10.0, std::round(std::log10(s->objective / published)));
      EXPECT_NEAR(s->objective, published * scale, 1e-7 * published * scale) << c.folder;
    }
    // Flows are unique only on links whose cost rises with volume (Winnipeg has many constant
    // links, on which equilibrium flows are not unique).
    int outside = 0, compared = 0;
    for (std::size_t a = 0; a < p.links.size(); ++a) {
      const auto& f = p.links[a].delay;
      if (!(f.b > 0 && f.power > 0 && f.free_time > 0)) continue;
      ++compared;
      const double ref = inst->flows[a].volume, d = std::abs(ref - s->volume[a]);
      if (d > 1.0 && d > 1e-3 * ref) ++outside;
    }
    EXPECT_GT(compared, 0);
    EXPECT_EQ(outside, 0) << c.folder;
  }
}

TEST(AssignTntp, BraessShowsTheParadoxThroughTheApi) {
  auto r = assign_tntp({{"tntp", tntp_dir("Braess-Example")}, {"gap", 1e-12}});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_LE((*r)["relative_gap"].get<double>(), 1e-12);
  // Paths 1-3-2, 1-4-2 and 1-3-4-2 all cost 92 at equilibrium; without link 3-4 they cost 83.
  double cost_132 = 0;
  for (const auto& l : (*r)["links"]) {
    const int from = l["from"], to = l["to"];
    if ((from == 1 && to == 3) || (from == 3 && to == 2)) cost_132 += l["time"].get<double>();
  }
  EXPECT_NEAR(cost_132, 92.0, 1e-6);
  auto inst = io::read_tntp(tntp_dir("Braess-Example"));
  ASSERT_TRUE(inst);
  assign::Problem p = tntp_problem(*inst);
  p.links.erase(p.links.begin() + 3);  // link 3 -> 4
  assign::Options o;
  o.gap = 1e-12;
  const auto without = assign::solve(p, o);
  ASSERT_TRUE(without);
  EXPECT_NEAR(without->time[0] + without->time[2], 83.0, 1e-6);
}

TEST(AssignTntp, BadOptionsAreInvalidRequests) {
  auto r = assign_tntp({{"tntp", tntp_dir("Braess-Example")}, {"algorithm", "zz"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidRequest);
  r = assign_tntp({{"tntp", "/no/such/folder"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NotFound);
  r = assign_tntp({{"tntp", tntp_dir("Braess-Example")}, {"threads", -1}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidRequest);
  EXPECT_EQ(r.error().field, "threads");
}

TEST(AssignFreight, EmbeddedDemandLoadsTheCaspianFerries) {
  auto net = io::load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
  ASSERT_TRUE(net) << net.error().message;
  auto r = assign_freight(
      *net,
      {{"demand", std::string(CARAVAN_DATA_DIR) + "/eurasia/demand/demand.csv"}, {"gap", 1e-8}});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_LE((*r)["relative_gap"].get<double>(), 1e-8);
  EXPECT_TRUE((*r)["unserved"].empty());
  ASSERT_FALSE((*r)["bottlenecks"].empty());
  // The top bottleneck binds and is worth something.
  EXPECT_GT((*r)["bottlenecks"][0]["marginal_usd_per_tonne_capacity"].get<double>(), 0.0);
  const std::string top = (*r)["bottlenecks"][0]["id"];
  const double cap = (*r)["bottlenecks"][0]["capacity_tpy"];
  auto more = assign_freight(
      *net, {{"demand", std::string(CARAVAN_DATA_DIR) + "/eurasia/demand/demand.csv"},
             {"gap", 1e-8},
             {"capacity", {{top, 2 * cap}}}});
  ASSERT_TRUE(more) << more.error().message;
  EXPECT_LT((*more)["scenario"]["delta_total_cost_usd_py"].get<double>(), 0.0);
  const auto geo = assign_geojson(*net, *r);
  EXPECT_EQ(geo["type"], "FeatureCollection");
  EXPECT_FALSE(geo["features"].empty());
}

}  // namespace
}  // namespace caravan::api
