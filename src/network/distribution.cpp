// Distribution construction, means and inverse CDFs.
#include "network/distribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/text.h"

namespace caravan::network {
namespace {
constexpr double kZ90 = 1.2815515655446004;  // standard normal 0.9 quantile
Error bad(const std::string& m) { return make_error(ErrorCode::InvalidData, m); }
}  // namespace

double normal_quantile(double p) {
  // Wichura, Algorithm AS241 (PPND16), Applied Statistics 37 (1988).
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) *
                    r +
                45921.953931549871457) *
                   r +
               13731.693765509461125) *
                  r +
              1971.5909503065514427) *
                 r +
             133.14166789178437745) *
                r +
            3.387132872796366608) /
           (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) *
                    r +
                21213.794301586595867) *
                   r +
               5394.1960214247511077) *
                  r +
              687.1870074920579083) *
                 r +
             42.313330701600911252) *
                r +
            1.0);
  }
  double r = q < 0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double val;
  if (r <= 5.0) {
    r -= 1.6;
    val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
                0.24178072517745061177) *
                   r +
               1.27045825245236838258) *
                  r +
              3.64784832476320460504) *
                 r +
             5.7694972214606914055) *
                r +
            4.6303378461565452959) *
               r +
           1.42343711074968357734) /
          (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
                0.0151986665636164571966) *
                   r +
               0.14810397642748007459) *
                  r +
              0.68976733498510000455) *
                 r +
             1.6763848301838038494) *
                r +
            2.05319162663775882187) *
               r +
           1.0);
  } else {
    r -= 5.0;
    val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
                0.0012426609473880784386) *
                   r +
               0.026532189526576123093) *
                  r +
              0.29656057182850489123) *
                 r +
             1.7848265399172913358) *
                r +
            5.4637849111641143699) *
               r +
           6.6579046435011037772) /
          (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
                1.8463183175100546818e-5) *
                   r +
               7.868691311456132591e-4) *
                  r +
              0.0148753612908506148525) *
                 r +
             0.13692988092273580531) *
                r +
            0.59983220655588793769) *
               r +
           1.0);
  }
  return q < 0 ? -val : val;
}

double Distribution::mean() const {
  switch (kind) {
    case DistKind::Fixed:
      return a;
    case DistKind::Triangular:
      return (a + b + c) / 3.0;
    case DistKind::Lognormal:
      return std::exp(a + b * b / 2.0);
    case DistKind::Exponential:
      return a;
    case DistKind::Empirical:
      return values.empty() ? 0.0
                            : std::accumulate(values.begin(), values.end(), 0.0) / values.size();
  }
  return 0.0;
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistKind::Fixed:
      return a;
    case DistKind::Triangular: {
      if (c <= a) return a;
      const double f = (b - a) / (c - a);
      return u < f ? a + std::sqrt(u * (c - a) * (b - a))
                   : c - std::sqrt((1 - u) * (c - a) * (c - b));
    }
    case DistKind::Lognormal:
      return std::exp(a + b * normal_quantile(std::clamp(u, 1e-300, 1.0 - 1e-16)));
    case DistKind::Exponential:
      return -a * std::log1p(-u);
    case DistKind::Empirical: {
      const auto i = std::min(values.size() - 1, static_cast<std::size_t>(u * values.size()));
      return values[i];
    }
  }
  return 0.0;
}

Result<Distribution> Distribution::fixed(double hours) {
  if (!(hours >= 0)) return bad("a fixed duration must be >= 0, found " + text::compact(hours));
  return Distribution{DistKind::Fixed, hours, 0, 0, {}};
}

Result<Distribution> Distribution::triangular(double min, double mode, double max) {
  if (!(min >= 0 && min <= mode && mode <= max))
    return bad("expected 0 <= min <= mode <= max, found " + text::compact(min) + ", " +
               text::compact(mode) + ", " + text::compact(max));
  return Distribution{DistKind::Triangular, min, mode, max, {}};
}

Result<Distribution> Distribution::lognormal(double median, double p90) {
  if (!(median > 0 && p90 >= median))
    return bad("expected 0 < median <= p90, found median " + text::compact(median) + ", p90 " +
               text::compact(p90));
  return Distribution{DistKind::Lognormal, std::log(median), std::log(p90 / median) / kZ90, 0, {}};
}

Result<Distribution> Distribution::exponential(double mean) {
  if (!(mean > 0))
    return bad("an exponential distribution needs a mean > 0, found " + text::compact(mean));
  return Distribution{DistKind::Exponential, mean, 0, 0, {}};
}

Result<Distribution> Distribution::empirical(std::vector<double> values) {
  if (values.empty()) return bad("an empirical distribution needs at least one value");
  for (double v : values)
    if (!(v >= 0)) return bad("observations must be >= 0, found " + text::compact(v));
  std::sort(values.begin(), values.end());
  return Distribution{DistKind::Empirical, 0, 0, 0, std::move(values)};
}

namespace {
constexpr std::string_view kFixed[] = {"value"};
constexpr std::string_view kTriangular[] = {"min", "mode", "max"};
constexpr std::string_view kLognormal[] = {"median", "p90"};
constexpr std::string_view kExponential[] = {"mean"};
constexpr std::string_view kEmpirical[] = {"values"};
}  // namespace

std::span<const std::string_view> distribution_parameters(std::string_view kind) {
  if (kind == "fixed") return kFixed;
  if (kind == "triangular") return kTriangular;
  if (kind == "lognormal") return kLognormal;
  if (kind == "exponential") return kExponential;
  if (kind == "empirical") return kEmpirical;
  return {};
}

Result<Distribution> make_distribution(const DistributionSpec& spec) {
  const auto names = distribution_parameters(spec.kind);
  if (names.empty())
    return make_error(ErrorCode::InvalidData,
                      "unknown distribution '" + spec.kind + "' (expected " +
                          std::string(kDistributionKinds) + ")",
                      "kind");
  std::vector<double> x;
  for (auto n : names) {
    if (n == "values") continue;
    const auto it = spec.params.find(n);
    if (it == spec.params.end())
      return make_error(ErrorCode::InvalidData,
                        "'" + std::string(n) + "' is required for a " + spec.kind + " distribution",
                        std::string(n));
    x.push_back(it->second);
  }
  Result<Distribution> d = make_error(ErrorCode::InvalidData, "");
  std::string field;  // the parameter a bad value is reported on
  if (spec.kind == "fixed") {
    d = Distribution::fixed(x[0]);
    field = "value";
  } else if (spec.kind == "triangular") {
    d = Distribution::triangular(x[0], x[1], x[2]);
    field = "mode";
  } else if (spec.kind == "lognormal") {
    d = Distribution::lognormal(x[0], x[1]);
    field = "p90";
  } else if (spec.kind == "exponential") {
    d = Distribution::exponential(x[0]);
    field = "mean";
  } else {
    d = Distribution::empirical(spec.values);
    field = "values";
  }
  if (!d) return make_error(ErrorCode::InvalidData, d.error().message, field);
  return d;
}

Result<Distribution> parse_distribution(std::string_view text) {
  const auto parts = text::split(text, '|');
  DistributionSpec spec;
  spec.kind = parts.front();
  const auto names = distribution_parameters(spec.kind);
  const std::string expected =
      "expected fixed|H, triangular|MIN|MODE|MAX, lognormal|MEDIAN|P90, exponential|MEAN or "
      "empirical|H1|H2|..., found '" +
      std::string(text) + "'";
  std::vector<double> x;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const auto v = text::parse_double(parts[k]);
    if (!v)
      return make_error(ErrorCode::InvalidData, "expected a number, found '" + parts[k] + "'");
    x.push_back(*v);
  }
  const bool empirical = spec.kind == "empirical";
  if (names.empty() || (empirical ? x.empty() : x.size() != names.size()))
    return make_error(ErrorCode::InvalidData, expected);
  if (empirical)
    spec.values = std::move(x);
  else
    for (std::size_t k = 0; k < names.size(); ++k) spec.params[std::string(names[k])] = x[k];
  return make_distribution(spec);
}

}  // namespace caravan::network
