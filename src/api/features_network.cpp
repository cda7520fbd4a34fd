// The feature table's entries for network info, validate and export: request -> use-case -> answer,
// and renderers.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "api/feature_groups.h"
#include "api/feature_options.h"
#include "api/handlers.h"
#include "api/reliability.h"
#include "api/render.h"
#include "api/scenario_codec.h"
#include "api/scenario_library.h"
#include "api/simulate_handler.h"
#include "api/table.h"
#include "api/trade_codec.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/geojson.h"
#include "io/network_reader.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

namespace {

// --- network --------------------------------------------------------------------------------

Result<Answer> run_info(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{network_info(*ctx.net), {}};
}
std::string info_of(const Context&, const json& r) { return info_text(r); }

bool never(const json&) { return false; }
Result<Answer> run_validate(const Context& ctx, const json& request) {
  Fields f(request);
  CARAVAN_TRY(dir, f.opt_str("dir"));
  if (auto s = f.no_unknown(); !s) return s.error();
  const std::string d = dir.value_or(ctx.network_dir);
  CARAVAN_TRY(net, io::load_network(d));
  return Answer{json{{"dir", d},
                     {"valid", true},
                     {"locations", net.location_count()},
                     {"links", net.link_count()},
                     {"sources", net.tables().sources.size()}},
                {}};
}
std::string validate_of(const Context&, const json& r) {
  std::ostringstream s;
  s << r["dir"].get<std::string>() << ": valid (" << r["locations"] << " locations, " << r["links"]
    << " links, " << r["sources"] << " sources)\n";
  return s.str();
}

Result<Answer> run_export(const Context& ctx, const json& request) {
  Fields f(request);
  if (auto s = f.no_unknown(); !s) return s.error();
  return Answer{io::network_geojson(*ctx.net), {}};
}
std::string export_of(const Context&, const json& r) { return r.dump() + "\n"; }

}  // namespace

std::vector<Feature> network_features() {
  return {
      {"network info",
       "counts, corridors and commodities",
       "/v1/info",
       false,
       {},
       false,
       nullptr,
       nullptr,
       run_info,
       info_of,
       nullptr,
       nullptr,
       nullptr},
      {"network validate",
       "check a network folder; prints the first error with file, line and field",
       "",
       false,
       {{"dir", "dir", K::Positional, "network folder (default: --network)"}},
       false,
       never,
       nullptr,
       run_validate,
       validate_of,
       nullptr,
       nullptr,
       nullptr},
      {"network export",
       "export the network as a GeoJSON FeatureCollection",
       "/v1/network",
       false,
       {{"--geojson", "", K::Flag, "GeoJSON FeatureCollection (the only format for now)"}},
       false,
       nullptr,
       nullptr,
       run_export,
       export_of,
       nullptr,
       nullptr,
       nullptr},
  };
}

}  // namespace caravan::api
