// The embedded Eurasian network, loaded once for the tests that use it.
#pragma once
#include "network/network.h"

namespace caravan::testing {

// data/eurasia; a test fails at once (by assertion) if it does not load.
const network::Network& eurasia();

}  // namespace caravan::testing
