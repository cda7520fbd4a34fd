// Reading the CSV tables of a network folder, with a check that every figure has a source.
#include "io/network_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/date.h"
#include "core/geo.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/network_rows.h"
#include "io/source_row.h"
#include "network/source_refs.h"

#ifndef CARAVAN_DEFAULT_NETWORK
#define CARAVAN_DEFAULT_NETWORK ""
#endif

namespace caravan::io {
namespace nw = caravan::network;
using namespace detail;
namespace {

Status read_sources(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t, table(ctx, "sources.csv", kSourceColumns, kSourceOptionalColumns));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    SourceRow s = read_source_row(r);
    if (r.ok() &&
        !ctx.sources.emplace(s.id, SourceId{static_cast<std::uint32_t>(out.sources.size())}).second)
      r.fail("id", "duplicate source id '" + s.id + "'");
    if (!r.ok()) return r.error();
    out.sources.push_back(nw::Source{std::move(s.id), std::move(s.title), std::move(s.publisher),
                                     std::move(s.url), std::move(s.date), std::move(s.reliability),
                                     std::move(s.note)});
  }
  return Ok{};
}

Status read_countries(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "countries.csv", {"iso2", "name", "sources"}, {"disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Country c;
    c.iso2 = r.text("iso2");
    c.name = r.text("name");
    if (r.ok() && (c.iso2.size() != 2 || !std::isupper(static_cast<unsigned char>(c.iso2[0])) ||
                   !std::isupper(static_cast<unsigned char>(c.iso2[1]))))
      r.fail("iso2", "expected an ISO 3166-1 alpha-2 code such as KZ, found '" + c.iso2 + "'");
    c.disruption_probability = probability(r, "disruption_probability");
    c.prov = provenance(r, ctx, {"disruption_probability"});
    if (r.ok())
      ctx.countries.emplace(c.iso2, CountryId{static_cast<std::uint32_t>(out.countries.size())});
    if (!r.ok()) return r.error();
    out.countries.push_back(std::move(c));
  }
  return Ok{};
}

Status read_chokepoints(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "chokepoints.csv", {"id", "name", "sources"}, {"disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Chokepoint c{r.text("id"), r.text("name"), probability(r, "disruption_probability"), {}};
    c.prov = provenance(r, ctx, {"disruption_probability"});
    if (!r.ok()) return r.error();
    ctx.chokepoints.emplace(c.id, ChokepointId{static_cast<std::uint32_t>(out.chokepoints.size())});
    out.chokepoints.push_back(std::move(c));
  }
  return Ok{};
}

Status read_emission_classes(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "emission_classes.csv", {"id", "name", "g_co2e_per_tkm", "sources"}, {}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::EmissionClass e{
        r.text("id"), r.text("name"), r.number("g_co2e_per_tkm", 0, 5000, true).value_or(0), {}};
    e.prov = provenance(r, ctx, {"g_co2e_per_tkm"});
    if (!r.ok()) return r.error();
    ctx.emission_classes.emplace(e.id, static_cast<std::uint32_t>(out.emission_classes.size()));
    out.emission_classes.push_back(std::move(e));
  }
  return Ok{};
}

Status read_locations(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(
      t, table(ctx, "locations.csv", {"id", "name", "country", "lat", "lon", "kind", "sources"},
               {"aliases", "disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Location l;
    l.id = r.text("id");
    l.name = r.text("name");
    l.aliases = r.list("aliases");
    const auto country = r.text("country");
    if (r.ok())
      l.country = lookup(r, "country", country, ctx.countries, "country").value_or(CountryId{});
    l.pos.lat = r.number("lat", -90, 90, true).value_or(0);
    l.pos.lon = r.number("lon", -180, 180, true).value_or(0);
    const auto kind = r.text("kind");
    if (r.ok()) {
      if (auto k = nw::parse_location_kind(kind))
        l.kind = *k;
      else
        r.fail("kind", "unknown kind '" + kind + "' (expected " +
                           std::string(nw::location_kind_names()) + ")");
    }
    l.disruption_probability = probability(r, "disruption_probability");
    l.prov = provenance(r, ctx, {"lat", "lon", "disruption_probability"});
    if (r.ok() &&
        !ctx.locations.emplace(l.id, LocationId{static_cast<std::uint32_t>(out.locations.size())})
             .second)
      r.fail("id", "duplicate location id '" + l.id + "'");
    if (!r.ok()) return r.error();
    out.locations.push_back(std::move(l));
  }
  return Ok{};
}

Status read_commodities(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(
      t, table(ctx, "commodities.csv",
               {"id", "name", "hs", "handling", "value_usd_per_t", "sources"}, {"tonnes_per_teu"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Commodity c;
    c.id = r.text("id");
    c.name = r.text("name");
    c.hs = r.text("hs");
    std::string digits;
    for (char ch : c.hs)
      if (ch != '.') digits += ch;
    if (r.ok() && (digits.size() < 4 || digits.size() > 10 ||
                   !std::all_of(digits.begin(), digits.end(), ::isdigit)))
      r.fail("hs", "expected an HS code of 4 to 10 digits (dots allowed), found '" + c.hs + "'");
    c.hs = digits;
    const auto h = r.text("handling");
    if (r.ok()) {
      if (auto v = nw::parse_handling(h))
        c.handling = *v;
      else
        r.fail("handling", "unknown handling class '" + h + "' (expected " +
                               std::string(nw::handling_names()) + ")");
    }
    c.value_usd_per_t = r.number("value_usd_per_t", 0, 1e9, true).value_or(0);
    // Payload per TEU matters only for containerised goods.
    c.tonnes_per_teu =
        r.number("tonnes_per_teu", 0.1, 40, c.handling == nw::Handling::Container).value_or(20);
    c.prov = provenance(r, ctx, {"hs", "value_usd_per_t", "tonnes_per_teu"});
    if (!r.ok()) return r.error();
    out.commodities.push_back(std::move(c));
  }
  return Ok{};
}

Status read_corridors(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "corridors.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "corridors.csv", {"id", "name"},
                       {"via_any", "require_countries", "forbid_countries", "forbid_locations",
                        "description"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Corridor c;
    c.id = r.text("id");
    c.name = r.text("name");
    c.description = r.text("description", false);
    for (const auto& v : r.list("via_any"))
      if (r.ok())
        c.via_any.push_back(
            lookup(r, "via_any", v, ctx.locations, "location").value_or(LocationId{}));
    for (const auto& v : r.list("forbid_locations"))
      if (r.ok())
        c.forbid_locations.push_back(
            lookup(r, "forbid_locations", v, ctx.locations, "location").value_or(LocationId{}));
    for (const auto& v : r.list("require_countries"))
      if (r.ok())
        c.require_countries.push_back(
            lookup(r, "require_countries", v, ctx.countries, "country").value_or(CountryId{}));
    for (const auto& v : r.list("forbid_countries"))
      if (r.ok())
        c.forbid_countries.push_back(
            lookup(r, "forbid_countries", v, ctx.countries, "country").value_or(CountryId{}));
    if (!r.ok()) return r.error();
    out.corridors.push_back(std::move(c));
  }
  return Ok{};
}

Status read_rules(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "rules.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "rules.csv", {"hs_prefix", "country", "sources"}, {"note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::TransitRule x;
    const auto hs = r.text("hs_prefix");
    if (r.ok()) {
      auto prefix = nw::parse_hs_prefix(hs);
      if (prefix)
        x.hs_prefix = *prefix;
      else
        r.fail("hs_prefix", prefix.error().message);
    }
    const auto c = r.text("country");
    if (r.ok()) x.country = lookup(r, "country", c, ctx.countries, "country").value_or(CountryId{});
    x.note = r.text("note", false);
    x.prov = provenance(r, ctx, {"country"});
    if (r.ok() && x.prov.sources.empty()) r.fail("sources", "a transit rule needs a source");
    if (!r.ok()) return r.error();
    out.rules.push_back(std::move(x));
  }
  return Ok{};
}

// geometry.geojson and geometry-*.geojson (optional): a LineString per link, `properties.id`
// naming it (the file `network import-osm` writes), stored from the link's `from` to its `to`.
// The files are read geometry.geojson first, then the others in name order; one link shaped by
// two files is an error, since neither would be the obvious one to keep.
Status read_geometry_file(Context& ctx, nw::Tables& out, const std::string& file,
                          std::unordered_map<std::uint32_t, std::string>& shaped_by) {
  const auto path = path_of(ctx, file);
  std::ifstream in(path, std::ios::binary);
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  auto bad = [&](const std::string& where, const std::string& msg) {
    return make_error(ErrorCode::InvalidData, path + ": " + where + ": " + msg, where);
  };
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("features") ||
      !doc["features"].is_array())
    return bad("features", "expected a GeoJSON FeatureCollection");
  for (std::size_t i = 0; i < doc["features"].size(); ++i) {
    const auto& f = doc["features"][i];
    const std::string where = "feature " + std::to_string(i + 1);
    if (!f.contains("properties") || !f["properties"].contains("id") ||
        !f["properties"]["id"].is_string())
      return bad(where + " properties.id", "expected the id of a link of links.csv");
    const auto id = f["properties"]["id"].get<std::string>();
    const auto link = ctx.links.find(id);
    if (link == ctx.links.end())
      return bad(where + " properties.id",
                 "unknown link '" + id + "'" + suggestion(keys(ctx.links), id));
    if (const auto other = shaped_by.find(link->second);
        other != shaped_by.end() && other->second != file)
      return bad(where + " properties.id",
                 "link '" + id + "' already has a shape in " + other->second);
    const auto& g = f.value("geometry", nlohmann::json());
    if (!g.is_object() || g.value("type", "") != "LineString" || !g.contains("coordinates") ||
        !g["coordinates"].is_array() || g["coordinates"].size() < 2)
      return bad(where + " geometry", "expected a LineString of at least two positions");
    std::vector<LatLon> line;
    for (const auto& c : g["coordinates"]) {
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number() ||
          std::abs(c[0].get<double>()) > 180 || std::abs(c[1].get<double>()) > 90)
        return bad(where + " geometry", "expected [longitude, latitude] positions");
      line.push_back(LatLon{c[1].get<double>(), c[0].get<double>()});
    }
    auto& l = out.links[link->second];
    // From `from` to `to`, whichever way the file draws it.
    const auto& a = out.locations[l.from.value].pos;
    if (great_circle(line.back(), a).value < great_circle(line.front(), a).value)
      std::reverse(line.begin(), line.end());
    l.geometry = std::move(line);
    shaped_by.emplace(link->second, file);
  }
  return Ok{};
}

Status read_geometry(Context& ctx, nw::Tables& out) {
  std::vector<std::string> files;
  if (std::filesystem::exists(path_of(ctx, "geometry.geojson")))
    files.emplace_back("geometry.geojson");
  std::vector<std::string> more;
  // The non-throwing overloads: a folder that cannot be listed adds no file.
  std::error_code ec, file_ec;
  for (std::filesystem::directory_iterator it(ctx.dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() > 17 && name.rfind("geometry-", 0) == 0 &&
        name.compare(name.size() - 8, 8, ".geojson") == 0 && it->is_regular_file(file_ec))
      more.push_back(name);
  }
  std::sort(more.begin(), more.end());
  files.insert(files.end(), more.begin(), more.end());
  std::unordered_map<std::uint32_t, std::string> shaped_by;  // link -> the file that shaped it
  for (const auto& file : files)
    if (auto s = read_geometry_file(ctx, out, file, shaped_by); !s) return s.error();
  return Ok{};
}

Status read_manifest(const Context& ctx, nw::Tables& out) {
  const auto path = path_of(ctx, "network.json");
  auto text = read_file(path);
  if (!text) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorCode::InvalidData, "network.json: not a valid JSON object");
  auto str = [&](const char* k) {
    return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
  };
  out.name = str("name");
  out.version = str("version");
  out.description = str("description");
  if (out.name.empty())
    return make_error(ErrorCode::InvalidData, "network.json: field 'name': is required", "name");
  // The date the data describes: regimes are taken at it when a query gives no departure.
  if (const auto as_of = str("as_of"); !as_of.empty()) {
    const auto d = parse_date(as_of);
    if (!d)
      return make_error(
          ErrorCode::InvalidData,
          "network.json: field 'as_of': expected a date YYYY-MM-DD, found '" + as_of + "'",
          "as_of");
    out.as_of = *d;
  }
  if (j.contains("carrying_rate_per_year")) {
    const auto& v = j["carrying_rate_per_year"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
      return make_error(ErrorCode::InvalidData,
                        "network.json: field 'carrying_rate_per_year': expected a number in [0, 1]",
                        "carrying_rate_per_year");
    out.carrying_rate_per_year = v.get<double>();
    const auto src = str("carrying_rate_source");
    auto it = ctx.sources.find(src);
    if (it == ctx.sources.end())
      return make_error(ErrorCode::InvalidData,
                        "network.json: field 'carrying_rate_source': expected a source id from "
                        "sources.csv, found '" +
                            src + "'",
                        "carrying_rate_source");
    out.parameters_prov.where = "network.json";
    out.parameters_prov.sources.push_back({"carrying_rate_per_year", it->second});
  }
  return Ok{};
}

}  // namespace

std::vector<std::string> closest(const std::vector<std::string>& candidates, std::string_view s,
                                 std::size_t n) {
  const auto f = text::fold(s);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const auto fc = text::fold(c);
    std::size_t d = text::edit_distance(f, fc);
    if (fc.rfind(f, 0) == 0 && !f.empty()) d = std::min<std::size_t>(d, 1);  // prefix match
    if (d <= std::max<std::size_t>(2, f.size() / 3)) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

Result<nw::Tables> read_tables(const std::string& dir) {
  if (!std::filesystem::is_directory(dir))
    return make_error(ErrorCode::NotFound, dir + ": network folder not found");
  Context ctx;
  ctx.dir = dir;
  nw::Tables out;
  for (auto step : {read_sources, read_countries, read_chokepoints, read_emission_classes,
                    read_locations, read_links, read_transfers, read_borders, read_commodities,
                    read_corridors, read_rules, read_distributions, read_disruptions, read_blocs,
                    read_policies, read_rates, read_geometry}) {
    if (auto s = step(ctx, out); !s) return s.error();
  }
  if (auto s = read_manifest(ctx, out); !s) return s.error();
  return out;
}

Result<nw::Network> load_network(const std::string& dir) {
  auto t = read_tables(dir);
  if (!t) return t.error();
  return nw::Network::build(std::move(*t));
}

Status append_rows(nw::Tables& tables, std::string_view table_name, const CsvTable& rows) {
  Context ctx;
  for (std::uint32_t i = 0; i < tables.sources.size(); ++i)
    ctx.sources.emplace(tables.sources[i].id, SourceId{i});
  for (std::uint32_t i = 0; i < tables.countries.size(); ++i)
    ctx.countries.emplace(tables.countries[i].iso2, CountryId{i});
  for (std::uint32_t i = 0; i < tables.chokepoints.size(); ++i)
    ctx.chokepoints.emplace(tables.chokepoints[i].id, ChokepointId{i});
  for (std::uint32_t i = 0; i < tables.emission_classes.size(); ++i)
    ctx.emission_classes.emplace(tables.emission_classes[i].id, i);
  for (std::uint32_t i = 0; i < tables.locations.size(); ++i)
    ctx.locations.emplace(tables.locations[i].id, LocationId{i});
  for (std::uint32_t i = 0; i < tables.links.size(); ++i) ctx.links.emplace(tables.links[i].id, i);
  ctx.injected = &rows;
  const std::pair<std::string_view, Status (*)(Context&, nw::Tables&)> kTables[] = {
      {"sources.csv", read_sources}, {"locations.csv", read_locations},
      {"links.csv", read_links},     {"transfers.csv", read_transfers},
      {"borders.csv", read_borders}, {"policies.csv", read_policies}};
  for (const auto& [name, read] : kTables)
    if (name == table_name) return read(ctx, tables);
  return make_error(ErrorCode::Internal, "append_rows: no table " + std::string(table_name));
}

std::string default_network_dir() {
  if (const char* env = std::getenv("CARAVAN_NETWORK"); env && *env) return env;
  return CARAVAN_DEFAULT_NETWORK;
}

}  // namespace caravan::io
