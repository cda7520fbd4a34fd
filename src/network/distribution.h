// Probability distributions of durations (hours): fixed, triangular, lognormal, empirical.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::network {

enum class DistKind : std::uint8_t { Fixed, Triangular, Lognormal, Empirical, Exponential };

struct Distribution {
  DistKind kind = DistKind::Fixed;
  // Fixed: a. Triangular: a = min, b = mode, c = max. Lognormal: a = mu, b = sigma of ln(hours).
  // Exponential: a = mean.
  double a = 0.0, b = 0.0, c = 0.0;
  std::vector<double> values;  // Empirical: sorted observations

  double mean() const;
  // Inverse CDF at u in [0, 1).
  double quantile(double u) const;

  static Result<Distribution> fixed(double hours);
  static Result<Distribution> triangular(double min, double mode, double max);
  // From the median and the 90th percentile (sigma = ln(p90 / median) / z(0.9)).
  static Result<Distribution> lognormal(double median, double p90);
  static Result<Distribution> empirical(std::vector<double> values);
  static Result<Distribution> exponential(double mean);
};

// A distribution as every format gives it (CSV columns, JSON fields, a scenario's KIND|p1|p2):
// the kind and its parameters by name.
struct DistributionSpec {
  std::string kind;
  std::map<std::string, double, std::less<>> params;  // e.g. {"min", 2}, {"mode", 5}
  std::vector<double> values;                         // empirical observations
};

// The parameters of a kind, in the order a KIND|p1|p2 list gives them: fixed {value},
// triangular {min, mode, max}, lognormal {median, p90}, exponential {mean}, empirical {values}.
// Empty for an unknown kind.
std::span<const std::string_view> distribution_parameters(std::string_view kind);
inline constexpr std::string_view kDistributionKinds =
    "fixed, triangular, lognormal, empirical, exponential";

// The one parser of distributions, shared by the network reader, scenarios and the simulation:
// checks the kind, that every parameter is given, and the values. Errors are InvalidData with
// `field` set to the parameter at fault (or "kind").
Result<Distribution> make_distribution(const DistributionSpec& spec);
// "KIND|p1|p2|..." (a scenario's value=): the parameters in the order above.
Result<Distribution> parse_distribution(std::string_view text);

// Standard normal quantile (Wichura's AS241, relative error < 1e-15).
double normal_quantile(double p);

// Which distribution applies in each month 1..12, and at index 0 when no month is given (index
// into Tables::distributions, or kNoDist to use the element's base triangular figures).
inline constexpr std::uint32_t kNoDist = UINT32_MAX;
using MonthlyDist = std::array<std::uint32_t, 13>;
inline MonthlyDist no_monthly_dist() {
  MonthlyDist m;
  m.fill(kNoDist);
  return m;
}

}  // namespace caravan::network
