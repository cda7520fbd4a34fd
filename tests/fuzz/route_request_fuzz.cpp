// libFuzzer target for the request parser: arbitrary bytes parsed as JSON and handed to
// api::route on the embedded network, with small work limits. Never crashes, never throws.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "api/handlers.h"
#include "io/network_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto net = caravan::io::load_network(CARAVAN_FUZZ_NETWORK);
  if (!net) __builtin_trap();
  const auto request = nlohmann::json::parse(data, data + size, nullptr, false);
  if (request.is_discarded()) return 0;
  caravan::api::Limits limits;
  limits.max_alternatives = 3;
  limits.max_labels = 5000;
  limits.max_variants = 3;
  limits.max_samples = 200;
  (void)caravan::api::route(*net, request, limits);
  return 0;
}
