// Reads the global maritime layer: a marnet GeoJSON (Eurostat searoute's network of LineStrings,
// lane lengths measured as WGS84 geodesics with GeographicLib), the passages table and the vessel
// classes table of data/sea/; and the gazetteer (UN/LOCODE CSV, World Port Index CSV).
#pragma once
#include <memory>
#include <string>

#include "core/result.h"
#include "places/gazetteer.h"
#include "sea/sea_route.h"

namespace caravan::io {

// Errors name the file and the feature (index and fid) and field at fault.
Result<sea::SeaNetwork> load_marnet(const std::string& geojson_path,
                                    std::vector<sea::Passage> passages);
// data/sea/passages.csv: id,name,marnet_pass,min_lon,min_lat,max_lon,max_lat,source.
Result<std::vector<sea::Passage>> load_passages(const std::string& path);
// data/sea/vessel_classes.csv: id,name,cargo,speed_kn,cost_unit (TEU or t),usd_per_unit_1000nm,
// g_co2_per_tkm,source (numbers or low..high ranges).
Result<std::vector<sea::VesselClass>> load_vessel_classes(const std::string& path);

// A UN/LOCODE CSV with the columns of the geoapify/un-locode edition (country, location, name,
// nameWoDiacritics, subdivision, status, function, iata, lat, lon, geocoded, repaired) and,
// optionally ("" for none), a World Port Index CSV (NGA Pub 150 columns); WPI ports are merged
// into their UN/LOCODE entry, or added when the list lacks them.
Result<places::Gazetteer> load_gazetteer(const std::string& unlocode_path,
                                         const std::string& wpi_path);

// Where the sea data is: the marnet file, the data/sea folder, the gazetteer files. Defaults:
// $CARAVAN_MARNET or ../shared/data/marnet/marnet_plus_20km.geojson; data/sea/;
// $CARAVAN_UNLOCODE or ../shared/data/unlocode/unlocode_corridor_subset.csv; $CARAVAN_WPI or
// ../shared/data/wpi/wpi_corridor_subset.csv.
struct SeaFiles {
  std::string marnet, sea_dir, unlocode, wpi;
};
SeaFiles default_sea_files();

// Read once per set of files and shared while none of them changes (a server reads the 4 MB
// marnet once).
Result<std::shared_ptr<const sea::SeaData>> load_sea_data(const std::string& marnet,
                                                          const std::string& sea_dir);
Result<std::shared_ptr<const places::Gazetteer>> load_places(const std::string& unlocode,
                                                             const std::string& wpi);

}  // namespace caravan::io
