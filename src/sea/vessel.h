// A class of ship (feeder, post-Panamax container ship, bulk carrier, tanker ...) with the
// figures that price and time a sea leg: speed, cost of carriage, CO2 per tonne-km.
#pragma once
#include <string>

namespace caravan::sea {

// An uncertain figure, low..high (equal when one figure is known).
struct Range {
  double low = 0, high = 0;
  double mid() const { return (low + high) / 2; }
};

struct VesselClass {
  std::string id;             // "container-post-panamax"
  std::string name;           // "Container ship, post-Panamax (8,000-15,000 TEU)"
  std::string cargo;          // "container", "dry bulk", "liquid bulk"
  Range speed_kn;             // operating speed at sea
  bool per_teu = false;       // the cost is per TEU (container ships), else per tonne
  Range usd_per_unit_1000nm;  // cost of carriage per TEU or tonne per 1,000 nautical miles
  Range g_co2_per_tkm;        // well-to-wake CO2 per tonne-km
  std::string source;         // where the figures come from (sources in the data file)
};

}  // namespace caravan::sea
