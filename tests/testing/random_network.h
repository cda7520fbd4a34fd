// Random small networks for checking the searches against brute-force enumeration.
#pragma once
#include <cstdint>

#include "network/network.h"

namespace caravan::testing {
// A connected-ish random network: `n` locations in 3 countries, `m` links of random modes with
// random tariffs, times, dwell, emission factors and disruption probabilities. Deterministic in
// `seed`.
network::Tables random_tables(std::uint32_t seed, int n, int m);
}  // namespace caravan::testing
