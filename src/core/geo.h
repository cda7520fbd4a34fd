// Great-circle geometry on the WGS84 sphere approximation.
#pragma once
#include "core/units.h"

namespace caravan {
struct LatLon {
  double lat = 0.0;
  double lon = 0.0;
};
// Haversine distance, Earth radius 6,371 km.
Km great_circle(LatLon a, LatLon b);
}  // namespace caravan
