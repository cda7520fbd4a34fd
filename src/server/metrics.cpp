// Prometheus text rendering of the server counters.
#include "server/metrics.h"

#include <cstdio>

namespace caravan::server {
namespace {
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
// Label values escape backslash, quote and newline.
std::string label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::record(const std::string& endpoint, int status, double seconds,
                     const std::string& error_code) {
  std::lock_guard lock(mu_);
  ++requests_[{endpoint, status}];
  auto& h = latency_[endpoint];
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  ++h.counts[b];
  h.sum += seconds;
  ++h.count;
  if (!error_code.empty()) ++errors_[error_code];
}

std::string Metrics::prometheus() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP caravan_http_requests_total HTTP requests by endpoint and status.\n";
  out += "# TYPE caravan_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += "caravan_http_requests_total{endpoint=\"" + label(key.first) + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP caravan_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE caravan_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, h] : latency_) {
    std::uint64_t cumulative = 0;
    const std::string ep = label(endpoint);
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += h.counts[b];
      out += "caravan_http_request_duration_seconds_bucket{endpoint=\"" + ep + "\",le=\"" +
             (b < kBuckets.size() ? number(kBuckets[b]) : std::string("+Inf")) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "caravan_http_request_duration_seconds_sum{endpoint=\"" + ep + "\"} " + number(h.sum) +
           "\n";
    out += "caravan_http_request_duration_seconds_count{endpoint=\"" + ep + "\"} " +
           std::to_string(h.count) + "\n";
  }
  out += "# HELP caravan_http_errors_total Error responses by error-table code.\n";
  out += "# TYPE caravan_http_errors_total counter\n";
  for (const auto& [code, n] : errors_)
    out += "caravan_http_errors_total{code=\"" + label(code) + "\"} " + std::to_string(n) + "\n";
  return out;
}

}  // namespace caravan::server
