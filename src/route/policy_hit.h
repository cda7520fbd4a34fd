// A policy regime met on an arc (route/policy.h): what it adds there.
#pragma once
#include <cstddef>
#include <cstdint>

namespace caravan::route {

struct PolicyHit {
  std::uint32_t arc = 0;
  std::uint32_t policy = 0;   // index into the network's policies
  double usd = 0, hours = 0;  // added to the arc (low ends of ranges)
  double usd_high = 0, hours_high = 0;
  double risk = 0;       // probability added (refusal or disruption), low end
  bool unknown = false;  // a figure it needs is unknown: the effect is not counted
  std::size_t leg = 0;   // in an itinerary: the leg it applies to
};

}  // namespace caravan::route
