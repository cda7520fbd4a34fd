// The embedded network for tests.
#include "testing/eurasia.h"

#include <cstdio>
#include <cstdlib>

#include "io/network_reader.h"

namespace caravan::testing {

const network::Network& eurasia() {
  static const network::Network net = [] {
    auto n = io::load_network(std::string(CARAVAN_TESTING_DATA_DIR) + "/eurasia");
    if (!n) {
      std::fprintf(stderr, "cannot load the embedded network: %s\n", n.error().message.c_str());
      std::abort();
    }
    return std::move(*n);
  }();
  return net;
}

}  // namespace caravan::testing
