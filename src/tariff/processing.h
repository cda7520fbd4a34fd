// Processing before export: steps such as ore -> concentrate -> oxide -> metal at plant
// locations, with mass ratios from grade and recovery and a cost per tonne of output.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::tariff {

struct ProcessingFigure {
  std::optional<double> value;  // nullopt: unknown; the low end of a range
  std::optional<double> high;   // the high end of a range (costs only)
  std::vector<std::string> sources;
};

// Tonnes of input per tonne of output = output_grade / (input_grade x recovery), grades as mass
// fractions of the same contained element (e.g. REO), recovery as a fraction.
struct ProcessingStep {
  std::string id, from, to;         // catalogue commodity ids
  std::vector<std::string> plants;  // location ids where the step can run
  ProcessingFigure input_grade, output_grade, recovery, usd_per_t_output;
  std::string where, date, note;
};

std::optional<double> input_per_output(const ProcessingStep& s);

// Consecutive steps turning `from` into `to`.
struct Chain {
  std::vector<ProcessingStep> steps;
  double input_per_output = 1.0;                // tonnes of `from` per tonne of `to`
  std::optional<double> usd_per_t_output;       // nullopt when a step's cost is unknown
  std::optional<double> usd_per_t_output_high;  // the high end when a step's cost is a range
  std::vector<std::string> unknown;  // what is missing, e.g. "cost of step conc-to-oxide"
};

// Errors: no chain of steps leads from `from` to `to`, or a mass figure is unknown.
Result<Chain> chain(const std::vector<ProcessingStep>& steps, std::string_view from,
                    std::string_view to);

}  // namespace caravan::tariff
