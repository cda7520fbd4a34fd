// Mass ratios and costs of processing chains.
#include "tariff/processing.h"

namespace caravan::tariff {

std::optional<double> input_per_output(const ProcessingStep& s) {
  if (!s.input_grade.value || !s.output_grade.value || !s.recovery.value) return std::nullopt;
  const double denom = *s.input_grade.value * *s.recovery.value;
  if (denom <= 0) return std::nullopt;
  return *s.output_grade.value / denom;
}

Result<Chain> chain(const std::vector<ProcessingStep>& steps, std::string_view from,
                    std::string_view to) {
  Chain c;
  std::string at(from);
  // Walk back from the final product so that costs scale to one tonne of it.
  std::vector<const ProcessingStep*> path;
  for (std::size_t guard = 0; at != to && guard <= steps.size(); ++guard) {
    const ProcessingStep* next = nullptr;
    for (const auto& s : steps)
      if (s.from == at) next = &s;
    if (!next) break;
    path.push_back(next);
    at = next->to;
  }
  if (at != to)
    return make_error(ErrorCode::NotFound, "no processing steps lead from '" + std::string(from) +
                                               "' to '" + std::string(to) + "'");
  double out_per_final = 1.0;  // tonnes of this step's output per tonne of final product
  double cost = 0.0, cost_high = 0.0;
  bool cost_known = true;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const auto ratio = input_per_output(**it);
    if (!ratio)
      return make_error(ErrorCode::InvalidData,
                        (*it)->where + ": step '" + (*it)->id +
                            "' has an unknown grade or recovery, so its mass ratio is unknown");
    if (const auto& f = (*it)->usd_per_t_output; f.value) {
      cost += *f.value * out_per_final;
      cost_high += f.high.value_or(*f.value) * out_per_final;
    } else {
      cost_known = false;
      c.unknown.push_back("processing cost of step '" + (*it)->id + "'");
    }
    out_per_final *= *ratio;
  }
  for (const auto* s : path) c.steps.push_back(*s);
  c.input_per_output = out_per_final;
  if (cost_known) {
    c.usd_per_t_output = cost;
    if (cost_high != cost) c.usd_per_t_output_high = cost_high;
  }
  return c;
}

}  // namespace caravan::tariff
