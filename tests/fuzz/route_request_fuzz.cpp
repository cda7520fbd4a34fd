// libFuzzer target for the request parsers: arbitrary bytes parsed as JSON and handed, through the
// feature table as the HTTP server does (no local files), to the feature named by "job" (route by
// default; any feature but assign and simulate, whose runs are long by design) on the embedded
// network, with small work limits. Never crashes, never throws.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/feature.h"
#include "io/network_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace api = caravan::api;
  static const auto net = caravan::io::load_network(CARAVAN_FUZZ_NETWORK);
  if (!net) __builtin_trap();
  auto request = nlohmann::json::parse(data, data + size, nullptr, false);
  if (request.is_discarded()) return 0;
  std::string job = "route";
  if (request.is_object()) {
    if (const auto j = request.find("job"); j != request.end() && j->is_string()) job = *j;
    request.erase("job");
  }
  if (job == "compare-processing") {  // the landed-cost feature's other form
    job = "landed-cost";
    if (request.is_object()) request["compare_processing"] = true;
  }
  const api::Feature* f = api::find_feature(job);
  if (!f || f->job || job == "simulate") f = api::find_feature("route");
  api::Context ctx;
  ctx.net = &*net;
  ctx.network_dir = CARAVAN_FUZZ_NETWORK;
  ctx.local = false;
  ctx.limits.max_alternatives = 3;
  ctx.limits.max_labels = 5000;
  ctx.limits.max_variants = 3;
  ctx.limits.max_samples = 200;
  (void)api::run(*f, ctx, request);
  return 0;
}
