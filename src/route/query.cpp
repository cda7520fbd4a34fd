// Objective names and the scalar weight of an arc.
#include "route/query.h"

#include <array>

namespace caravan::route {
namespace {
constexpr std::array<std::string_view, 5> kNames = {"cost", "time", "co2", "risk", "generalized"};
}
std::string_view name(Objective o) { return kNames[static_cast<int>(o)]; }
std::optional<Objective> parse_objective(std::string_view s) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<Objective>(i);
  if (s == "generalised") return Objective::Generalized;
  return std::nullopt;
}

double scalar_weight(const cost::ArcWeights& w, Objective o, double vot) {
  constexpr double kTie = 1e-9;  // money breaks ties between equal primary values
  switch (o) {
    case Objective::Cost:
      return w.cost().value;
    case Objective::Time:
      return w.hours().value + kTie * w.cost().value;
    case Objective::Co2:
      return w.co2.value + kTie * w.cost().value;
    case Objective::Risk:
      return w.risk + 1e-12 * w.cost().value;
    case Objective::Generalized:
      return w.cost().value + vot * w.hours().value;
  }
  return w.cost().value;
}

}  // namespace caravan::route
