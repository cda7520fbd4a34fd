// A shipment: a commodity, a quantity (tonnes and TEU) and a value.
#pragma once
#include <optional>
#include <string>

#include "core/result.h"
#include "core/units.h"
#include "network/network.h"

namespace caravan::cost {

struct Shipment {
  std::string commodity;  // catalogue id
  std::string hs;         // digits only
  network::Handling handling = network::Handling::Container;
  Tonnes tonnes{0};
  Teu teu{0};    // containers used (0 for bulk)
  Usd value{0};  // value of the goods
};

// Builds a shipment from the catalogue: give tonnes or TEU (not both); value defaults to the
// catalogue value per tonne. Errors name the request field at fault.
Result<Shipment> make_shipment(const network::Network& net, const std::string& commodity,
                               std::optional<double> tonnes, std::optional<double> teu,
                               std::optional<double> value_usd);

// The value of time when none is given: 0.6% of the goods' value per day, the lower bound of
// Hummels and Schaur (AER 2013) for time-sensitive trade (docs/routing.md), in USD per hour.
inline double default_value_of_time_usd_per_hour(const Shipment& s) {
  return s.value.value * 0.006 / 24.0;
}

}  // namespace caravan::cost
