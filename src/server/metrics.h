// Prometheus counters for the HTTP server: requests by endpoint and status, a latency
// histogram per endpoint, and errors by code. Thread-safe.
#pragma once
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace caravan::server {

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  // `error_code` is the error table name ("" when the request succeeded).
  void record(const std::string& endpoint, int status, double seconds,
              const std::string& error_code);
  // The Prometheus text exposition format (version 0.0.4).
  std::string prometheus() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size() + 1> counts{};  // last: +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, std::uint64_t> errors_;
};

}  // namespace caravan::server
