// An assignment problem: a directed network with volume-delay functions, demand classes with
// their own values of time and origin-destination volumes. Plain data shared by every algorithm.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace caravan::assign {

// How the time on a link grows with its volume v (capacity c, free-flow time t0):
//   Bpr:   t0 * (1 + b * (v/c)^power)
//   Queue: t0 + scale * x / (1 - x) with x = v/c, a queue at a capacity point (port, ferry,
//          border) whose delay grows without bound as v approaches c. Above x = kQueueKnee the
//          function continues along its tangent, so that every volume has a finite, convex cost.
enum class DelayKind : std::uint8_t { Bpr, Queue };

inline constexpr double kQueueKnee = 0.99;

struct DelayFunction {
  DelayKind kind = DelayKind::Bpr;
  double free_time = 0.0;  // t0, in the problem's time unit
  double capacity = 1.0;   // same unit as the volumes; > 0
  double b = 0.15;         // Bpr
  double power = 4.0;      // Bpr
  double scale = 0.0;      // Queue: delay at x = 0.5, in the time unit

  double time(double v) const;
  double derivative(double v) const;  // d time / d v
  double integral(double v) const;    // integral of time from 0 to v
  double second_derivative(double v) const;
};

struct Link {
  std::uint32_t tail = 0, head = 0;
  DelayFunction delay;
  double fixed = 0.0;  // a volume-independent cost added to the time (tolls, distance), same unit
};

struct OdVolume {
  std::uint32_t origin = 0, destination = 0;
  double volume = 0.0;
};

// A user class (a commodity): it pays `money[a] / value_of_time` time units on link a besides the
// time, may use only the links in `allowed` (empty: all), and carries `demand`. Volumes of every
// class add up on a link in one unit (tonnes, vehicles).
struct DemandClass {
  std::string name = "all";
  double value_of_time = 1.0;         // money per unit of volume per time unit; > 0
  std::vector<double> money;          // per link (empty: none)
  std::vector<std::uint8_t> allowed;  // per link, 1 usable (empty: all)
  std::vector<OdVolume> demand;
};

struct Problem {
  std::string name;
  std::uint32_t node_count = 0;
  // Nodes below this index are zones that traffic may start or end at but not pass through
  // (TNTP's <FIRST THRU NODE>, 0-based); 0 allows every node.
  std::uint32_t first_through_node = 0;
  std::vector<Link> links;
  std::vector<DemandClass> classes;
  std::vector<std::string> node_names;  // optional, for messages
  std::vector<std::string> link_names;  // optional
};

// Checks indices, capacities and volumes; messages name the link or OD pair.
Status validate(const Problem& p);

// The time-unit cost a class pays on a link besides the delay: fixed + money / value_of_time.
double class_fixed_cost(const Problem& p, std::size_t cls, std::size_t link);

}  // namespace caravan::assign
