// Tests of the Prometheus counters and of the job runner.
#include "server/metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <thread>

#include "server/jobs.h"

namespace caravan::server {
namespace {

TEST(Metrics, CountsRequestsLatencyAndErrors) {
  Metrics m;
  m.record("/v1/route", 200, 0.003, "");
  m.record("/v1/route", 200, 0.2, "");
  m.record("/v1/route", 404, 0.001, "not_found");
  const std::string t = m.prometheus();
  EXPECT_NE(t.find("caravan_http_requests_total{endpoint=\"/v1/route\",status=\"200\"} 2"),
            std::string::npos);
  EXPECT_NE(t.find("caravan_http_requests_total{endpoint=\"/v1/route\",status=\"404\"} 1"),
            std::string::npos);
  // Buckets are cumulative: 0.001 holds one, 0.005 two, +Inf all three.
  EXPECT_NE(t.find("_bucket{endpoint=\"/v1/route\",le=\"0.001\"} 1"), std::string::npos);
  EXPECT_NE(t.find("_bucket{endpoint=\"/v1/route\",le=\"0.005\"} 2"), std::string::npos);
  EXPECT_NE(t.find("_bucket{endpoint=\"/v1/route\",le=\"+Inf\"} 3"), std::string::npos);
  EXPECT_NE(t.find("caravan_http_request_duration_seconds_count{endpoint=\"/v1/route\"} 3"),
            std::string::npos);
  EXPECT_NE(t.find("caravan_http_errors_total{code=\"not_found\"} 1"), std::string::npos);
}

nlohmann::json wait_done(const Jobs& jobs, const std::string& id) {
  for (int i = 0; i < 500; ++i) {
    auto s = jobs.status(id);
    if (s && (*s)["status"] != "running") return *s;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

TEST(Jobs, RunsReportsProgressAndKeepsTheResult) {
  Jobs jobs(1, 10);
  auto id = jobs.start([](std::ostream& progress) -> Result<nlohmann::json> {
    progress << "iteration 1\niteration 2\n";
    return nlohmann::json{{"answer", 42}};
  });
  ASSERT_TRUE(id);
  const auto s = wait_done(jobs, *id);
  EXPECT_EQ(s["status"], "done");
  EXPECT_EQ(s["result"]["answer"], 42);
  EXPECT_EQ(s["progress"].size(), 2u);
  EXPECT_FALSE(jobs.status("999"));
  EXPECT_FALSE(jobs.status("x"));
}

TEST(Jobs, RefusesBeyondTheCapAndReportsFailures) {
  Jobs jobs(1, 10);
  std::atomic<bool> release = false;
  auto first = jobs.start([&](std::ostream&) -> Result<nlohmann::json> {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return make_error(ErrorCode::InvalidRequest, "bad gap", "gap");
  });
  ASSERT_TRUE(first);
  auto second =
      jobs.start([](std::ostream&) -> Result<nlohmann::json> { return nlohmann::json{}; });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::Unavailable);
  release = true;
  const auto s = wait_done(jobs, *first);
  EXPECT_EQ(s["status"], "failed");
  EXPECT_EQ(s["error"]["field"], "gap");
  EXPECT_EQ(jobs.shut_down(std::chrono::milliseconds(1000)), 0);
  EXPECT_FALSE(
      jobs.start([](std::ostream&) -> Result<nlohmann::json> { return nlohmann::json{}; }));
}

}  // namespace
}  // namespace caravan::server
