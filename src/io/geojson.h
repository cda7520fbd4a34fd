// GeoJSON of a network: locations as Points, links as straight LineStrings.
#pragma once
#include <nlohmann/json.hpp>

#include "network/network.h"

namespace caravan::io {
nlohmann::json network_geojson(const network::Network& net);
// A LineString feature from `a` to `b`; sea links that cross the antimeridian are not split.
nlohmann::json line_feature(LatLon a, LatLon b, nlohmann::json properties);
}  // namespace caravan::io
