// Haversine great-circle distance.
#include "core/geo.h"

#include <cmath>
#include <numbers>

namespace caravan {
Km great_circle(LatLon a, LatLon b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return Km{2.0 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)))};
}
}  // namespace caravan
