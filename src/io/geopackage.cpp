// Writing a GeoPackage (OGC 12-128r18, version 1.3): the required tables, a features table per
// geometry type, and geometries as GeoPackage binary (header + little-endian WKB).
#include "io/geopackage.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "io/csv.h"
#include "io/sqlite_db.h"

namespace caravan::io {
namespace {
using nlohmann::json;

constexpr const char* kSchema = R"sql(
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
  description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
)sql";

void put_u32(std::string& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_f64(std::string& b, double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  for (int i = 0; i < 8; ++i) b += static_cast<char>((u >> (8 * i)) & 0xFF);
}

// GeoPackage binary: "GP", version 0, flags (little endian, no envelope), SRS id, then WKB.
std::string geometry_blob(const json& g, bool line) {
  std::string b = "GP";
  b += '\0';
  b += '\x01';
  put_u32(b, 4326);
  b += '\x01';  // WKB little endian
  put_u32(b, line ? 2 : 1);
  if (line) {
    put_u32(b, static_cast<std::uint32_t>(g["coordinates"].size()));
    for (const auto& p : g["coordinates"]) {
      put_f64(b, p[0].get<double>());
      put_f64(b, p[1].get<double>());
    }
  } else {
    put_f64(b, g["coordinates"][0].get<double>());
    put_f64(b, g["coordinates"][1].get<double>());
  }
  return b;
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Status write_table(sqlite3* db, const std::string& path, const std::string& table,
                   const std::vector<const json*>& features, bool line) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const auto* f : features)
    if (f->contains("properties") && (*f)["properties"].is_object())
      for (const auto& [k, v] : (*f)["properties"].items())
        if (k != "fid" && k != "geom" && seen.insert(k).second) columns.push_back(k);
  // A column's type from its first value: INTEGER, REAL, BOOLEAN, else TEXT (lists as JSON text).
  auto type_of = [&](const std::string& c) -> std::string {
    for (const auto* f : features) {
      const auto& p = (*f)["properties"];
      if (!p.contains(c) || p[c].is_null()) continue;
      if (p[c].is_number_integer()) return "INTEGER";
      if (p[c].is_number()) return "REAL";
      if (p[c].is_boolean()) return "BOOLEAN";
      return "TEXT";
    }
    return "TEXT";
  };
  std::string create = "CREATE TABLE " + quoted(table) +
                       " (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom " +
                       (line ? "LINESTRING" : "POINT");
  for (const auto& c : columns) create += ", " + quoted(c) + " " + type_of(c);
  create += ")";
  if (auto s = exec_sql(db, path, create); !s) return s;
  double min_x = 180, min_y = 90, max_x = -180, max_y = -90;
  std::string insert = "INSERT INTO " + quoted(table) + " (geom";
  for (const auto& c : columns) insert += ", " + quoted(c);
  insert += ") VALUES (?";
  for (std::size_t i = 0; i < columns.size(); ++i) insert += ", ?";
  insert += ")";
  for (const auto* f : features) {
    const auto& g = (*f)["geometry"];
    const auto points = line ? g["coordinates"] : json::array({g["coordinates"]});
    for (const auto& p : points) {
      min_x = std::min(min_x, p[0].get<double>());
      max_x = std::max(max_x, p[0].get<double>());
      min_y = std::min(min_y, p[1].get<double>());
      max_y = std::max(max_y, p[1].get<double>());
    }
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, insert.c_str(), -1, &q, nullptr) != SQLITE_OK)
      return make_error(ErrorCode::Io, "GeoPackage: " + std::string(sqlite3_errmsg(db)), "gpkg");
    const std::string blob = geometry_blob(g, line);
    sqlite3_bind_blob(q, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    const json props = f->value("properties", json::object());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const int at = static_cast<int>(i) + 2;
      if (!props.contains(columns[i]) || props[columns[i]].is_null())
        sqlite3_bind_null(q, at);
      else if (props[columns[i]].is_number_integer())
        sqlite3_bind_int64(q, at, props[columns[i]].get<std::int64_t>());
      else if (props[columns[i]].is_number())
        sqlite3_bind_double(q, at, props[columns[i]].get<double>());
      else if (props[columns[i]].is_boolean())
        sqlite3_bind_int(q, at, props[columns[i]].get<bool>() ? 1 : 0);
      else if (props[columns[i]].is_string())
        sqlite3_bind_text(q, at, props[columns[i]].get<std::string>().c_str(), -1,
                          SQLITE_TRANSIENT);
      else
        sqlite3_bind_text(q, at, props[columns[i]].dump().c_str(), -1, SQLITE_TRANSIENT);  // lists
    }
    const bool done = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_finalize(q);
    if (!done)
      return make_error(ErrorCode::Io, "GeoPackage: " + std::string(sqlite3_errmsg(db)), "gpkg");
  }
  char sql[512];
  std::snprintf(
      sql, sizeof sql,
      "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, "
      "max_y, srs_id) VALUES ('%s', 'features', '%s', %.9f, %.9f, %.9f, %.9f, 4326); "
      "INSERT INTO gpkg_geometry_columns VALUES ('%s', 'geom', '%s', 4326, 0, 0);",
      table.c_str(), table.c_str(), min_x, min_y, max_x, max_y, table.c_str(),
      line ? "LINESTRING" : "POINT");
  return exec_sql(db, path, sql);
}

}  // namespace

Result<std::string> geopackage_bytes(const json& fc) {
  if (!fc.is_object() || !fc.contains("features") || !fc["features"].is_array())
    return make_error(ErrorCode::InvalidRequest, "GeoPackage: expected a FeatureCollection",
                      "gpkg");
  std::vector<const json*> lines, points;
  for (const auto& f : fc["features"]) {
    const auto type =
        f.contains("geometry") && f["geometry"].is_object() ? f["geometry"].value("type", "") : "";
    if (type == "LineString") lines.push_back(&f);
    if (type == "Point") points.push_back(&f);
  }
  static std::atomic<int> counter{0};
  const auto path =
      (std::filesystem::temp_directory_path() /
       ("caravan-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".gpkg"))
          .string();
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return make_error(ErrorCode::Io, "GeoPackage: cannot create a file in the temporary folder",
                      "gpkg");
  }
  Status s = exec_sql(db, path, kSchema);
  if (s && !lines.empty()) s = write_table(db, path, "legs", lines, true);
  if (s && !points.empty()) s = write_table(db, path, "places", points, false);
  sqlite3_close(db);
  if (!s) {
    std::filesystem::remove(path);
    return s.error();
  }
  auto bytes = read_file(path);
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace caravan::io
