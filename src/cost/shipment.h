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

}  // namespace caravan::cost
