// Requests as JSON objects (the HTTP body, or built by the CLI from its options) turned into
// planner requests. Every error names the request field.
#pragma once
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "network/network.h"
#include "route/planner.h"

namespace caravan::api {

// Reads typed fields from a request object and rejects fields nobody read.
class Fields {
 public:
  explicit Fields(const nlohmann::json& j) : j_(j) {}
  bool has(const std::string& k) const;
  Result<std::string> str(const std::string& k);
  Result<std::optional<std::string>> opt_str(const std::string& k);
  Result<std::optional<double>> opt_num(const std::string& k, double min, double max);
  Result<std::optional<int>> opt_int(const std::string& k, int min, int max);
  Result<bool> flag(const std::string& k);
  // A list of strings; a single string is split on commas.
  Result<std::vector<std::string>> list(const std::string& k);
  // The raw value of a field of a shape of its own (marked read), or nullptr when absent.
  const nlohmann::json* value(const std::string& k);
  Status no_unknown() const;  // errors on fields that were never read
  const nlohmann::json& raw() const { return j_; }

 private:
  const nlohmann::json& j_;
  std::set<std::string> read_;
};

// An InvalidRequest error naming the request field: "field 'f': message".
Error field_error(const std::string& field, const std::string& message);

// Removes the boolean `key` from `request` and returns it (`fallback` when absent).
Result<bool> take_bool(nlohmann::json& request, const std::string& key, bool fallback);

// Work limits per request.
struct Limits {
  int max_alternatives = 20;
  std::size_t max_labels = 500000;
  int max_variants = 12;
  int max_samples = 1000000;  // Monte Carlo samples per route
};

// The shipment and query part shared by route, compare and why-not.
Result<route::PlanRequest> parse_plan_request(const network::Network& net, Fields& f,
                                              const Limits& limits = {});
Result<std::vector<CountryId>> parse_countries(const network::Network& net,
                                               const std::vector<std::string>& codes,
                                               const std::string& field);

}  // namespace caravan::api
