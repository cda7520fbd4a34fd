// The feature table: the entries of every group, lookups, and running a feature.
#include "api/customs_codec.h"
#include "api/feature.h"
#include "api/feature_groups.h"
#include "io/geopackage.h"
#include "io/network_reader.h"

namespace caravan::api {
using nlohmann::json;

namespace {

// Request fields naming files on this machine: accepted from the command line, never over HTTP.
constexpr const char* kPathFields[] = {
    "tariffs", "hs_nomenclature", "tntp",  "marnet",       "unlocode",  "wpi",     "osm",  "out",
    "model",   "examples",        "batch", "export_split", "check_set", "lexicon", "store"};

const std::vector<Feature>& table() {
  static const std::vector<Feature> kFeatures = [] {
    std::vector<Feature> all;
    for (auto group : {route_features, study_features, network_features, global_features,
                       customs_features, sweep_features, report_features})
      for (auto& f : group()) {
        if (f.spatial)  // every map-able answer can also go to GIS
          f.options.push_back({"--gpkg", "", Option::Kind::File,
                               "write the routes as a GeoPackage (QGIS, GDAL): legs and places"});
        all.push_back(std::move(f));
      }
    return all;
  }();
  return kFeatures;
}

}  // namespace

std::string default_network_dir() { return io::default_network_dir(); }
Result<network::Network> open_network(const std::string& dir) { return io::load_network(dir); }

std::span<const Feature> features() { return table(); }

const Feature* find_feature(std::string_view name) {
  for (const auto& f : table())
    if (f.name == name) return &f;
  return nullptr;
}

const Feature* feature_at(std::string_view http_path) {
  for (const auto& f : table())
    if (!f.http_path.empty() && f.http_path == http_path) return &f;
  return nullptr;
}

Result<json> prepare(const Feature& f, const Context& ctx, const json& request) {
  if (!ctx.local && request.is_object())
    for (const char* k : kPathFields)
      if (request.contains(k))
        return make_error(ErrorCode::InvalidRequest,
                          std::string("'") + k +
                              "' names a server-side file and is accepted only by the command line",
                          k);
  return f.prepare ? f.prepare(ctx, request) : Result<json>(request);
}

std::string render_text(const Feature& f, const Context& ctx, const json& response) {
  return classification_line(response) + f.text(ctx, response);
}

Result<Answer> run(const Feature& f, const Context& ctx, const json& request, bool prepared) {
  json ready = request;
  if (!prepared) {
    CARAVAN_TRY(p, prepare(f, ctx, request));
    ready = std::move(p);
  }
  if (!ctx.net && (!f.needs_network || f.needs_network(ready)))
    return make_error(ErrorCode::Internal, std::string(f.name) + " needs a network");
  // Every feature that takes a shipment: "describe" becomes "hs" (customs_codec.h), and a
  // declared value is checked against the reference prices.
  const bool declared = ready.is_object() && ready.contains("value_usd");
  CARAVAN_TRY(chosen, take_describe(ready));
  const std::string tariffs =
      ready.is_object() && ready.contains("tariffs") && ready["tariffs"].is_string()
          ? ready["tariffs"].get<std::string>()
          : std::string();
  CARAVAN_TRY(answer, f.run(ctx, ready));
  if (chosen) answer.json["classification"] = *chosen;
  if (f.spatial && f.geojson && ctx.wanted.contains("--gpkg")) {  // made now: errors are answers
    CARAVAN_TRY(g, f.geojson(ctx, answer.json));
    CARAVAN_TRY(bytes, io::geopackage_bytes(g));
    answer.files["--gpkg"] = [bytes = std::move(bytes)] { return bytes; };
  }
  if (declared && answer.json.is_object() && answer.json.contains("query")) {
    CARAVAN_TRY(v, valuation_json(answer.json["query"], tariffs));
    if (!v.is_null()) answer.json["valuation"] = std::move(v);
  }
  return answer;
}

}  // namespace caravan::api
