// The marnet, passages, vessel-class and gazetteer readers, and their cache.
#include "io/sea_reader.h"

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/text.h"
#include "io/csv.h"

namespace caravan::io {

namespace {

using nlohmann::json;

// One key per position, to 1e-5 degree (about a metre); longitude in [-180, 180).
std::uint64_t key_of(double lat, double lon) {
  const auto la = static_cast<std::int64_t>(std::llround(lat * 1e5)) + 9'000'000;
  const auto lo = static_cast<std::int64_t>(std::llround(lon * 1e5)) + 18'000'000;
  return (static_cast<std::uint64_t>(la) << 32) | static_cast<std::uint64_t>(lo);
}

}  // namespace

Result<sea::SeaNetwork> load_marnet(const std::string& path, std::vector<sea::Passage> passages) {
  const std::string name = std::filesystem::path(path).filename().string();
  CARAVAN_TRY(text, read_file(path));
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded())
    return make_error(ErrorCode::InvalidData, path +
                                                  ": not valid JSON (a GeoJSON FeatureCollection "
                                                  "of LineStrings is expected)");
  if (!doc.is_object() || !doc.contains("features") || !doc["features"].is_array())
    return make_error(ErrorCode::InvalidData,
                      path + ": \"features\": expected a GeoJSON FeatureCollection");
  const auto& geod = GeographicLib::Geodesic::WGS84();
  std::vector<LatLon> nodes;
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::vector<sea::LaneInput> lanes;
  auto node_at = [&](double lat, double lon) {
    auto [it, fresh] = index.emplace(key_of(lat, lon), static_cast<std::uint32_t>(nodes.size()));
    if (fresh) nodes.push_back({lat, lon});
    return it->second;
  };
  const auto& features = doc["features"];
  for (std::size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    std::string where = path + ": feature " + std::to_string(i);
    if (f.is_object() && f.contains("properties") && f["properties"].is_object() &&
        f["properties"].contains("fid"))
      where += " (fid " + f["properties"]["fid"].dump() + ")";
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object())
      return make_error(ErrorCode::InvalidData, where + ": geometry: missing");
    const auto& g = f["geometry"];
    if (g.value("type", "") != "LineString")
      return make_error(ErrorCode::InvalidData,
                        where + ": geometry.type: expected LineString, got " +
                            (g.contains("type") ? g["type"].dump() : "none"));
    if (!g.contains("coordinates") || !g["coordinates"].is_array() || g["coordinates"].size() < 2)
      return make_error(ErrorCode::InvalidData,
                        where + ": geometry.coordinates: expected 2 or more [lon, lat] positions");
    std::string pass;
    if (f.contains("properties") && f["properties"].is_object() &&
        f["properties"].contains("pass") && f["properties"]["pass"].is_string())
      pass = f["properties"]["pass"].get<std::string>();
    std::uint32_t prev = UINT32_MAX;
    LatLon prev_at;
    for (std::size_t k = 0; k < g["coordinates"].size(); ++k) {
      const auto& c = g["coordinates"][k];
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number())
        return make_error(ErrorCode::InvalidData, where + ": geometry.coordinates[" +
                                                      std::to_string(k) + "]: expected [lon, lat]");
      double lon = c[0].get<double>();
      const double lat = c[1].get<double>();
      if (!(lon >= -540 && lon <= 540) || !(lat >= -90 && lat <= 90))
        return make_error(ErrorCode::InvalidData,
                          where + ": geometry.coordinates[" + std::to_string(k) +
                              "]: position out of range (lat in [-90, 90])");
      // Lanes across the antimeridian may run past 180 (marnet has 180.754): wrap them.
      while (lon >= 180.0) lon -= 360.0;
      while (lon < -180.0) lon += 360.0;
      const auto v = node_at(lat, lon);
      const LatLon at{lat, lon};
      if (prev != UINT32_MAX && prev != v) {
        double metres = 0;
        geod.Inverse(prev_at.lat, prev_at.lon, at.lat, at.lon, metres);
        lanes.push_back({prev, v, Km{metres / 1000.0}, pass});
      }
      prev = v;
      prev_at = at;
    }
  }
  if (lanes.empty()) return make_error(ErrorCode::InvalidData, path + ": no sea lanes");
  return sea::SeaNetwork::build(std::move(nodes), lanes, std::move(passages), name);
}

Result<std::vector<sea::Passage>> load_passages(const std::string& path) {
  CARAVAN_TRY(t, read_table(path, "passages.csv",
                            {"id", "name", "marnet_pass", "min_lon", "min_lat", "max_lon",
                             "max_lat", "source"},
                            {"avoided_by_default", "note"}));
  std::vector<sea::Passage> out;
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    sea::Passage p;
    p.id = r.text("id");
    p.name = r.text("name");
    p.marnet_pass = r.text("marnet_pass", false);
    const auto a = r.number("min_lon", -180, 180, false);
    const auto b = r.number("min_lat", -90, 90, false);
    const auto c = r.number("max_lon", -180, 180, false);
    const auto d = r.number("max_lat", -90, 90, false);
    p.source = r.text("source");
    const auto by_default = std::string(text::trim(r.raw("avoided_by_default")));
    if (by_default != "" && by_default != "yes" && by_default != "no")
      r.fail("avoided_by_default", "expected yes, no or empty, found '" + by_default + "'");
    p.avoided_by_default = by_default == "yes";
    if (!r.ok()) return r.error();
    if (a && b && c && d) {
      if (*a > *c || *b > *d) {
        r.fail("max_lon", "the box's min must not exceed its max");
        return r.error();
      }
      p.min_lon = *a, p.min_lat = *b, p.max_lon = *c, p.max_lat = *d;
      p.has_box = true;
    } else if (a || b || c || d) {
      r.fail(a ? "max_lat" : "min_lon",
             "a box needs all four of min_lon, min_lat, max_lon, max_lat");
      return r.error();
    } else if (p.marnet_pass.empty()) {
      r.fail("marnet_pass", "a passage needs a marnet_pass tag or a box");
      return r.error();
    }
    for (const auto& q : out)
      if (q.id == p.id) {
        r.fail("id", "duplicate passage '" + p.id + "'");
        return r.error();
      }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<sea::VesselClass>> load_vessel_classes(const std::string& path) {
  CARAVAN_TRY(t, read_table(path, "vessel_classes.csv",
                            {"id", "name", "cargo", "speed_kn", "cost_unit", "usd_per_unit_1000nm",
                             "g_co2_per_tkm", "source"},
                            {"note"}));
  std::vector<sea::VesselClass> out;
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    sea::VesselClass v;
    v.id = r.text("id");
    v.name = r.text("name");
    v.cargo = r.text("cargo");
    const auto speed = r.number_range("speed_kn", 1, 40, true);
    const auto unit = r.text("cost_unit");
    const auto cost = r.number_range("usd_per_unit_1000nm", 0, 10000, true);
    const auto co2 = r.number_range("g_co2_per_tkm", 0, 1000, true);
    v.source = r.text("source");
    if (!r.ok()) return r.error();
    v.speed_kn = {speed->low, speed->high};
    if (unit != "TEU" && unit != "t") {
      r.fail("cost_unit", "expected TEU or t, found '" + unit + "'");
      return r.error();
    }
    v.per_teu = unit == "TEU";
    v.usd_per_unit_1000nm = {cost->low, cost->high};
    v.g_co2_per_tkm = {co2->low, co2->high};
    out.push_back(std::move(v));
  }
  if (out.empty()) return make_error(ErrorCode::InvalidData, path + ": no vessel classes");
  return out;
}

namespace {

std::uint8_t functions_of(std::string_view f) {
  std::uint8_t bits = 0;
  for (char c : f) {
    switch (c) {
      case '1':
        bits |= places::kPort;
        break;
      case '2':
        bits |= places::kRail;
        break;
      case '3':
        bits |= places::kRoad;
        break;
      case '4':
        bits |= places::kAirport;
        break;
      case '5':
        bits |= places::kPostal;
        break;
      case '6':
        bits |= places::kInlandDepot;
        break;
      case '7':
        bits |= places::kFixed;
        break;
      case 'B':
        bits |= places::kBorder;
        break;
      default:
        break;
    }
  }
  return bits;
}

std::optional<double> positive(std::string_view s) {
  const auto d = text::parse_double(text::trim(s));
  if (!d || *d <= 0) return std::nullopt;
  return d;
}

}  // namespace

Result<places::Gazetteer> load_gazetteer(const std::string& unlocode_path,
                                         const std::string& wpi_path) {
  std::vector<places::Place> list;
  std::unordered_map<std::string, std::size_t> by_code;
  {
    CARAVAN_TRY(
        t, read_table(unlocode_path, std::filesystem::path(unlocode_path).filename().string(),
                      {"country", "location", "name", "function", "lat", "lon"},
                      {"nameWoDiacritics", "subdivision", "status", "iata", "geocoded", "repaired",
                       "date", "remarks", "coordinates", "change"}));
    for (const auto& row : t.rows) {
      RowReader r(t, row);
      places::Place p;
      const auto country = r.text("country");
      const auto loc = r.text("location", false);
      if (!r.ok()) return r.error();
      if (loc.empty()) continue;  // a country's heading row (UN/LOCODE lists them)
      if (country.size() != 2 || loc.size() != 3) {
        r.fail(country.size() != 2 ? "country" : "location",
               "expected a 2-letter country and a 3-character location code");
        return r.error();
      }
      p.locode = country + loc;
      p.country = country;
      p.name = r.text("name");
      if (const auto plain = std::string(r.raw("nameWoDiacritics"));
          !plain.empty() && plain != p.name)
        p.aliases.push_back(plain);
      p.subdivision = std::string(r.raw("subdivision"));
      p.functions = functions_of(r.raw("function"));
      // "NaN" (the geoapify edition's mark for an entry without coordinates) is no position.
      const bool unknown = text::trim(r.raw("lat")) == "NaN" || text::trim(r.raw("lon")) == "NaN";
      const auto lat = unknown ? std::nullopt : r.number("lat", -90, 90, false);
      const auto lon = unknown ? std::nullopt : r.number("lon", -180, 180, false);
      if (!r.ok()) return r.error();
      if (lat && lon) {
        p.at = {*lat, *lon};
        p.has_position = true;
      }
      p.geocoded = !text::trim(r.raw("geocoded")).empty() && r.raw("geocoded") != "false";
      p.source = "UN/LOCODE";
      // UN/LOCODE lists another name of a place as a row of its own under the same code: one
      // place, the other names its aliases.
      if (auto it = by_code.find(p.locode); it != by_code.end()) {
        auto& first = list[it->second];
        for (auto* n : {&p.name, p.aliases.empty() ? nullptr : &p.aliases.front()})
          if (n && *n != first.name &&
              std::find(first.aliases.begin(), first.aliases.end(), *n) == first.aliases.end())
            first.aliases.push_back(*n);
        if (!first.has_position && p.has_position) first.at = p.at, first.has_position = true;
        first.functions |= p.functions;
        continue;
      }
      by_code.emplace(p.locode, list.size());
      list.push_back(std::move(p));
    }
  }
  if (!wpi_path.empty()) {
    CARAVAN_TRY(
        t, read_table(wpi_path, std::filesystem::path(wpi_path).filename().string(),
                      {"World Port Index Number", "Main Port Name", "UN/LOCODE", "Country Code",
                       "Latitude", "Longitude"},
                      {"Alternate Port Name", "World Water Body", "Harbor Size", "Harbor Type",
                       "Channel Depth (m)", "Cargo Pier Depth (m)", "Maximum Vessel Length (m)",
                       "Maximum Vessel Draft (m)", "Facilities - Container", "Facilities - Ro-Ro",
                       "Facilities - Solid Bulk", "Facilities - Liquid Bulk", "Railway"}));
    for (const auto& row : t.rows) {
      RowReader r(t, row);
      places::PortFacts f;
      f.wpi_number = r.text("World Port Index Number");
      if (f.wpi_number.size() > 2 && f.wpi_number.ends_with(".0"))
        f.wpi_number.resize(f.wpi_number.size() - 2);
      const auto name = r.text("Main Port Name");
      const auto lat = r.number("Latitude", -90, 90, true);
      const auto lon = r.number("Longitude", -180, 180, true);
      if (!r.ok()) return r.error();
      f.harbor_size = std::string(text::trim(r.raw("Harbor Size")));
      f.water_body = std::string(text::trim(r.raw("World Water Body")));
      f.channel_depth_m = positive(r.raw("Channel Depth (m)"));
      f.max_draft_m = positive(r.raw("Maximum Vessel Draft (m)"));
      auto yes = [&](std::string_view c) -> std::optional<bool> {
        const auto v = text::trim(r.raw(c));
        if (v == "Yes") return true;
        if (v == "No") return false;
        return std::nullopt;
      };
      f.container = yes("Facilities - Container");
      f.roro = yes("Facilities - Ro-Ro");
      f.bulk = yes("Facilities - Solid Bulk");
      f.railway = std::string(text::trim(r.raw("Railway")));
      std::string code;
      for (char c : r.raw("UN/LOCODE"))
        if (c != ' ') code += c;
      places::Place* p = nullptr;
      if (code.size() == 5)
        if (auto it = by_code.find(code); it != by_code.end()) p = &list[it->second];
      if (!p) {
        list.emplace_back();
        p = &list.back();
        p->locode = code.size() == 5 ? code : "";
        p->country = code.size() == 5 ? code.substr(0, 2) : "";
        p->name = name;
        p->functions = places::kPort;
        p->source = "WPI";
        if (!p->locode.empty()) by_code.emplace(p->locode, list.size() - 1);
      } else {
        p->source = "UN/LOCODE + WPI";
        p->functions |= places::kPort;
        if (name != p->name) p->aliases.push_back(name);
      }
      // The WPI gives the harbour's own position, finer than the list's minutes or a geocoder's.
      p->at = {*lat, *lon};
      p->has_position = true;
      p->geocoded = false;
      for (const auto& alt : text::split(r.raw("Alternate Port Name"), ';'))
        if (auto a = std::string(text::trim(alt)); !a.empty()) p->aliases.push_back(a);
      p->port = std::move(f);
    }
  }
  return places::Gazetteer(std::move(list));
}

SeaFiles default_sea_files() {
  auto env = [](const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
  };
  const std::string shared = CARAVAN_SHARED_DATA_DIR;
  return {env("CARAVAN_MARNET", shared + "/marnet/marnet_plus_20km.geojson"),
          env("CARAVAN_SEA_DIR", CARAVAN_SEA_DIR),
          env("CARAVAN_UNLOCODE", shared + "/unlocode/unlocode_corridor_subset.csv"),
          env("CARAVAN_WPI", shared + "/wpi/wpi_corridor_subset.csv")};
}

namespace {

// The last-write times of files; nullopt when one cannot be read.
std::optional<std::vector<std::filesystem::file_time_type>> stamp_of(
    const std::vector<std::string>& files) {
  std::vector<std::filesystem::file_time_type> out;
  for (const auto& f : files) {
    if (f.empty()) continue;
    std::error_code ec;
    out.push_back(std::filesystem::last_write_time(f, ec));
    if (ec) return std::nullopt;
  }
  return out;
}

template <class T, class Load>
Result<std::shared_ptr<const T>> cached(const std::vector<std::string>& files, Load load) {
  static std::mutex mutex;
  static std::map<std::vector<std::string>,
                  std::pair<std::vector<std::filesystem::file_time_type>, std::shared_ptr<const T>>>
      cache;
  const auto stamp = stamp_of(files);
  if (stamp) {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(files); it != cache.end() && it->second.first == *stamp)
      return it->second.second;
  }
  Result<T> loaded = load();
  if (!loaded) return loaded.error();
  auto value = std::make_shared<const T>(std::move(*loaded));
  if (stamp) {
    std::lock_guard lock(mutex);
    if (cache.size() >= 4) cache.clear();
    cache[files] = {*stamp, value};
  }
  return value;
}

}  // namespace

Result<std::shared_ptr<const sea::SeaData>> load_sea_data(const std::string& marnet,
                                                          const std::string& sea_dir) {
  const std::string passages = sea_dir + "/passages.csv", vessels = sea_dir + "/vessel_classes.csv";
  return cached<sea::SeaData>({marnet, passages, vessels}, [&]() -> Result<sea::SeaData> {
    CARAVAN_TRY(p, load_passages(passages));
    CARAVAN_TRY(v, load_vessel_classes(vessels));
    CARAVAN_TRY(n, load_marnet(marnet, std::move(p)));
    return sea::SeaData{std::move(n), std::move(v)};
  });
}

Result<std::shared_ptr<const places::Gazetteer>> load_places(const std::string& unlocode,
                                                             const std::string& wpi) {
  return cached<places::Gazetteer>({unlocode, wpi},
                                   [&]() { return load_gazetteer(unlocode, wpi); });
}

}  // namespace caravan::io
