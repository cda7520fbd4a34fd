// What a network's links of one mode charge and run at, as medians: the figures given to links
// the data does not price (access legs to places beyond the network, imported OSM lines).
#pragma once
#include <cmath>
#include <cstdint>
#include <span>

#include "network/network.h"

namespace caravan::network {

struct LinkMedians {
  double kmh = NAN, usd_per_tkm = NAN, usd_per_teu_km = NAN;
  std::uint32_t emission_class = 0;  // the most common
  std::size_t links = 0;             // links the medians are over (0: none matched)
};

// Over the links of `mode` (of `gauge_mm` when not 0) that pass through `country` (any when
// invalid); estimated links are left out.
LinkMedians link_medians(std::span<const Link> links, Mode mode, int gauge_mm, CountryId country);

}  // namespace caravan::network
