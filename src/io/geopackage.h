// A GeoJSON FeatureCollection (points and line strings, WGS 84) as an OGC GeoPackage that QGIS
// and GDAL open: one table of lines and one of points, every property a column.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace caravan::io {

// The GeoPackage file's bytes (written through SQLite to a temporary file, read back).
Result<std::string> geopackage_bytes(const nlohmann::json& feature_collection);

}  // namespace caravan::io
