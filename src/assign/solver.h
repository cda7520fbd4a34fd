// Solves an assignment problem: all-or-nothing, Frank-Wolfe (plain, conjugate, biconjugate) or the
// bush-based Algorithm B, for user equilibrium or system optimum, with the gap at every iteration.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "assign/problem.h"
#include "core/result.h"

namespace caravan::assign {

enum class Algorithm : std::uint8_t { AllOrNothing, FrankWolfe, ConjugateFw, BiconjugateFw, B };
enum class Objective : std::uint8_t { UserEquilibrium, SystemOptimum };
enum class StopReason : std::uint8_t { Converged, IterationLimit, TimeLimit };

struct IterationReport {
  int iteration = 0;
  double relative_gap = 0.0;
  double objective = 0.0;
  double seconds = 0.0;
};

struct Options {
  Algorithm algorithm = Algorithm::B;
  Objective objective = Objective::UserEquilibrium;
  double gap = 1e-8;  // stop when the relative gap is at or below this
  int max_iterations = 10000;
  double max_seconds = 3600.0;
  // Workers for the shortest-path passes (0: one per hardware thread). The result does not
  // depend on it.
  int threads = 1;
  std::function<void(const IterationReport&)> progress;  // called after every iteration
};

// Demand that no path serves (disconnected zones, or no usable link for the class).
struct Unserved {
  std::size_t cls = 0;
  std::uint32_t origin = 0, destination = 0;
  double volume = 0.0;
};

struct Solution {
  std::vector<double> volume;                     // per link, all classes
  std::vector<std::vector<double>> class_volume;  // per class, per link
  std::vector<double> time;                       // per link, delay function at `volume`
  std::vector<IterationReport> history;
  std::vector<Unserved> unserved;
  double objective = 0.0;   // Beckmann (UE) or total cost (SO), incl. fixed costs, time units
  double beckmann = 0.0;    // sum of integrals of the delay functions plus fixed costs
  double total_cost = 0.0;  // sum over classes and links of volume x (time + fixed)
  double relative_gap = 0.0;
  int iterations = 0;
  double seconds = 0.0;
  StopReason stop = StopReason::Converged;
};

// Validates `p` and solves. Unserved demand is left out of the solution and listed.
Result<Solution> solve(const Problem& p, const Options& options);

std::string_view algorithm_name(Algorithm a);
std::string_view stop_reason_name(StopReason r);

}  // namespace caravan::assign
