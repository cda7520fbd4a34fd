// GeoJSON export of the network.
#include "io/geojson.h"

namespace caravan::io {

nlohmann::json line_feature(LatLon a, LatLon b, nlohmann::json properties) {
  return {{"type", "Feature"},
          {"geometry", {{"type", "LineString"}, {"coordinates", {{a.lon, a.lat}, {b.lon, b.lat}}}}},
          {"properties", std::move(properties)}};
}

nlohmann::json network_geojson(const network::Network& net) {
  nlohmann::json features = nlohmann::json::array();
  for (const auto& l : net.tables().locations) {
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {l.pos.lon, l.pos.lat}}}},
                        {"properties",
                         {{"id", l.id},
                          {"name", l.name},
                          {"country", net.country(l.country).iso2},
                          {"kind", network::name(l.kind)}}}});
  }
  for (const auto& l : net.tables().links) {
    nlohmann::json props = {{"id", l.id},
                            {"from", net.location(l.from).id},
                            {"to", net.location(l.to).id},
                            {"mode", network::name(l.mode)},
                            {"km", l.km.value},
                            {"hours", l.hours.value}};
    if (l.gauge_mm) props["gauge_mm"] = l.gauge_mm;
    if (l.capacity_tpy) props["capacity_tpy"] = *l.capacity_tpy;
    if (l.capacity_teu_py) props["capacity_teu_py"] = *l.capacity_teu_py;
    nlohmann::json chokes = nlohmann::json::array();
    for (auto c : l.chokepoints) chokes.push_back(net.chokepoint(c).id);
    props["chokepoints"] = chokes;
    auto feature = line_feature(net.location(l.from).pos, net.location(l.to).pos, std::move(props));
    if (!l.geometry.empty()) {  // its shape (geometry.geojson)
      nlohmann::json line = nlohmann::json::array();
      for (const auto& p : l.geometry) line.push_back({p.lon, p.lat});
      feature["geometry"]["coordinates"] = std::move(line);
    }
    features.push_back(std::move(feature));
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace caravan::io
