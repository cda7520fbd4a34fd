// libFuzzer target for the request parsers: arbitrary bytes parsed as JSON and handed to the
// handler named by "job" (route by default; compare, landed-cost, compare-processing, deal) on the
// embedded network, with small work limits. Never crashes, never throws. Fields naming
// server-side files are dropped, as the HTTP server drops them.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers.h"
#include "api/trade_codec.h"
#include "io/network_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto net = caravan::io::load_network(CARAVAN_FUZZ_NETWORK);
  if (!net) __builtin_trap();
  auto request = nlohmann::json::parse(data, data + size, nullptr, false);
  if (request.is_discarded()) return 0;
  std::string job = "route";
  if (request.is_object()) {
    if (const auto j = request.find("job"); j != request.end() && j->is_string()) job = *j;
    for (const char* k : {"job", "tariffs", "hs_nomenclature", "tntp"}) request.erase(k);
  }
  caravan::api::Limits limits;
  limits.max_alternatives = 3;
  limits.max_labels = 5000;
  limits.max_variants = 3;
  limits.max_samples = 200;
  namespace api = caravan::api;
  if (job == "compare")
    (void)api::compare(*net, request, limits);
  else if (job == "landed-cost")
    (void)api::landed_cost(*net, request, limits);
  else if (job == "compare-processing")
    (void)api::processing_compare(*net, request, limits);
  else if (job == "deal")
    (void)api::deal(*net, request, limits);
  else
    (void)api::route(*net, request, limits);
  return 0;
}
