// The feature table's entries for global reach: sea-route (any port to any port over the global
// maritime layer) and places (the UN/LOCODE and World Port Index gazetteer).
#include <sstream>

#include "api/feature_groups.h"
#include "api/request.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/sea_reader.h"
#include "network/locate.h"
#include "route/access.h"
#include "sea/sea_route.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

namespace {

bool never(const json&) { return false; }

// The data files a request names (command line only), else the defaults.
Result<io::SeaFiles> files_of(Fields& f) {
  io::SeaFiles d = io::default_sea_files();
  CARAVAN_TRY(marnet, f.opt_str("marnet"));
  CARAVAN_TRY(unlocode, f.opt_str("unlocode"));
  CARAVAN_TRY(wpi, f.opt_str("wpi"));
  if (marnet) d.marnet = *marnet;
  if (unlocode) d.unlocode = *unlocode;
  if (wpi) d.wpi = *wpi;
  return d;
}

json place_json(const places::Place& p) {
  json j{{"name", p.name},
         {"locode", p.locode},
         {"country", p.country},
         {"functions", places::function_words(p.functions)},
         {"source", p.source}};
  if (!p.subdivision.empty()) j["subdivision"] = p.subdivision;
  if (p.has_position) {
    j["lat"] = p.at.lat;
    j["lon"] = p.at.lon;
  }
  if (p.geocoded) j["geocoded"] = true;
  if (!p.aliases.empty()) j["aliases"] = p.aliases;
  if (p.port) {
    const auto& f = *p.port;
    json w{{"wpi_number", f.wpi_number},
           {"harbor_size", f.harbor_size},
           {"water_body", f.water_body},
           {"container", f.container ? json(*f.container) : json(nullptr)},
           {"solid_bulk", f.bulk ? json(*f.bulk) : json(nullptr)},
           {"roro", f.roro ? json(*f.roro) : json(nullptr)},
           {"railway", f.railway}};
    if (f.channel_depth_m) w["channel_depth_m"] = *f.channel_depth_m;
    if (f.max_draft_m) w["max_draft_m"] = *f.max_draft_m;
    j["port"] = w;
  }
  return j;
}

json range_json(sea::Range r) { return json{{"low", r.low}, {"high", r.high}}; }

// --- sea-route -------------------------------------------------------------------------------

// A name the network knows ("Nhava Sheva", "Aktau port") as the gazetteer knows it: the
// location's id when it is a UN/LOCODE there, else its position; other text unchanged.
std::string as_gazetteer_query(const Context& ctx, const places::Gazetteer& g,
                               const std::string& q) {
  if (!ctx.net) return q;
  const auto id = network::resolve_location(*ctx.net, q, "");
  if (!id) return q;
  const auto& l = ctx.net->location(*id);
  if (g.find_locode(l.id)) return l.id;
  return text::format_number(l.pos.lat, 5) + "," + text::format_number(l.pos.lon, 5);
}

Result<Answer> run_sea_route(const Context& ctx, const json& request) {
  Fields f(request);
  sea::SeaRouteRequest req;
  CARAVAN_TRY(from, f.str("from"));
  CARAVAN_TRY(to, f.str("to"));
  CARAVAN_TRY(avoid, f.list("avoid"));
  CARAVAN_TRY(allow, f.list("allow"));
  CARAVAN_TRY(vessel, f.opt_str("vessel"));
  CARAVAN_TRY(tonnes, f.opt_num("tonnes", 0, 1e9));
  CARAVAN_TRY(teu, f.opt_num("teu", 0, 1e7));
  CARAVAN_TRY(tpt, f.opt_num("tonnes_per_teu", 0.1, 30));
  CARAVAN_TRY(snap, f.opt_num("max_snap_km", 1, 5000));
  CARAVAN_TRY(files, files_of(f));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(data, io::load_sea_data(files.marnet, files.sea_dir));
  CARAVAN_TRY(gaz, io::load_places(files.unlocode, files.wpi));
  req.from = as_gazetteer_query(ctx, *gaz, from);
  req.to = as_gazetteer_query(ctx, *gaz, to);
  req.avoid = avoid;
  req.allow = allow;
  req.vessel = vessel.value_or("");
  req.tonnes = Tonnes{tonnes.value_or(0)};
  req.teu = Teu{teu.value_or(0)};
  if (tpt) req.tonnes_per_teu = *tpt;
  if (snap) req.max_snap = Km{*snap};
  CARAVAN_TRY(r, sea::plan_sea_route(*data, *gaz, req));
  const auto& sea = data->network;
  auto passages = [&](const std::vector<sea::PassageId>& ids) {
    json a = json::array();
    for (auto p : ids)
      a.push_back({{"id", sea.passages()[p.value].id}, {"name", sea.passages()[p.value].name}});
    return a;
  };
  auto end = [&](const sea::SeaEnd& e) {
    json j = place_json(e.place);
    const LatLon n = sea.position(e.snap.node);
    j["sea_node"] = {{"id", e.snap.node.value},
                     {"lat", n.lat},
                     {"lon", n.lon},
                     {"approach_km", e.snap.distance.value}};
    return j;
  };
  json j{{"from", end(r.from)},
         {"to", end(r.to)},
         {"avoid", passages(r.avoided)},
         {"avoided_by_default", passages(r.avoided_by_default)},
         {"network",
          {{"source", sea.source()}, {"nodes", sea.node_count()}, {"lanes", sea.lane_count()}}}};
  if (!r.path) {
    j["route"] = nullptr;
    j["reason"] = r.reason;
  } else {
    json geometry = json::array();
    geometry.push_back({r.from.place.at.lon, r.from.place.at.lat});
    for (auto n : r.path->nodes) geometry.push_back({sea.position(n).lon, sea.position(n).lat});
    geometry.push_back({r.to.place.at.lon, r.to.place.at.lat});
    const auto& v = *r.vessel;
    j["route"] = {
        {"km", r.total.value},
        {"nm", sea::nautical_miles(r.total)},
        {"lane_km", r.path->length.value},
        {"passages", passages(r.path->passages)},
        {"vessel",
         {{"id", v.id},
          {"name", v.name},
          {"cargo", v.cargo},
          {"speed_kn", range_json(v.speed_kn)},
          {"source", v.source}}},
        {"cargo",
         {{"tonnes", r.cargo_tonnes.value}, {"teu", r.cargo_teu.value}, {"per_unit", r.per_unit}}},
        {"cost_unit", v.per_teu ? "TEU" : "t"},
        {"sailing_days", range_json({r.sailing_hours.low / 24, r.sailing_hours.high / 24})},
        {"cost_usd", range_json(r.cost_usd)},
        {"co2_kg", range_json(r.co2_kg)},
        {"geometry", geometry}};
  }
  if (r.unconstrained) {
    j["without_avoid"] = {{"km", r.unconstrained->value},
                          {"nm", sea::nautical_miles(*r.unconstrained)},
                          {"passages", passages(r.unconstrained_passages)}};
  }
  return Answer{std::move(j), {}};
}

std::string place_label(const json& p) {
  std::string s = p["name"].get<std::string>();
  if (!p["locode"].get<std::string>().empty()) s += " (" + p["locode"].get<std::string>() + ")";
  return s;
}

std::string sea_route_text(const Context&, const json& r) {
  std::ostringstream s;
  s << "Sea route " << place_label(r["from"]) << " -> " << place_label(r["to"]);
  if (!r["avoid"].empty()) {
    std::vector<std::string> a;
    for (const auto& p : r["avoid"]) a.push_back(p["name"].get<std::string>());
    s << ", avoiding " << text::join(a, ", ");
  }
  s << "\n";
  if (r["route"].is_null()) {
    s << "  no route: " << r["reason"].get<std::string>() << "\n";
    return s.str();
  }
  const auto& t = r["route"];
  s << "  distance: " << text::thousands(t["nm"].get<double>()) << " nm ("
    << text::thousands(t["km"].get<double>()) << " km)\n";
  std::vector<std::string> p;
  for (const auto& x : t["passages"]) p.push_back(x["name"].get<std::string>());
  s << "  passages: " << (p.empty() ? std::string("none") : text::join(p, ", ")) << "\n";
  auto range = [](const json& x, int d, const std::string& unit) {
    const double lo = x["low"].get<double>(), hi = x["high"].get<double>();
    auto fmt = [d](double v) { return d == 0 ? text::thousands(v) : text::format_number(v, d); };
    if (fmt(lo) == fmt(hi)) return fmt(lo) + unit;
    return fmt(lo) + ".." + fmt(hi) + unit;
  };
  const auto& v = t["vessel"];
  s << "  vessel: " << v["name"].get<std::string>() << " at " << range(v["speed_kn"], 0, " kn")
    << "\n";
  s << "  sailing: " << range(t["sailing_days"], 1, " days")
    << " at sea (port time not included)\n";
  const auto& c = t["cargo"];
  if (c["per_unit"].get<bool>()) {
    const std::string unit = t["cost_unit"] == "TEU" ? "TEU" : "tonne";
    s << "  cost: USD " << range(t["cost_usd"], 0, "") << " per " << unit << "; CO2 "
      << range(t["co2_kg"], 0, " kg") << " per " << unit << "\n";
  } else {
    s << "  cost: USD " << range(t["cost_usd"], 0, "") << " for "
      << text::thousands(c["tonnes"].get<double>()) << " t ("
      << text::format_number(c["teu"].get<double>(), 1) << " TEU); CO2 "
      << range(t["co2_kg"], 0, " kg") << "\n";
  }
  for (const char* e : {"from", "to"}) {
    const auto& n = r[e]["sea_node"];
    s << "  " << e << ": " << place_label(r[e]) << " joins the lanes at "
      << text::format_number(n["lat"].get<double>(), 2) << ","
      << text::format_number(n["lon"].get<double>(), 2) << " ("
      << text::format_number(n["approach_km"].get<double>(), 0) << " km approach)\n";
  }
  if (r.contains("without_avoid")) {
    const auto& w = r["without_avoid"];
    const double extra = t["nm"].get<double>() - w["nm"].get<double>();
    std::vector<std::string> q;
    for (const auto& x : w["passages"]) q.push_back(x["name"].get<std::string>());
    s << "  avoiding costs " << text::thousands(extra) << " nm more than the shortest ("
      << text::thousands(w["nm"].get<double>()) << " nm via "
      << (q.empty() ? std::string("open sea") : text::join(q, ", ")) << ")\n";
  }
  if (!r["avoided_by_default"].empty()) {
    std::vector<std::string> a;
    for (const auto& x : r["avoided_by_default"]) a.push_back(x["id"].get<std::string>());
    s << "  not used unless allowed (--allow): " << text::join(a, ", ") << "\n";
  }
  s << "  lanes: " << r["network"]["source"].get<std::string>() << " (Eurostat marnet, "
    << r["network"]["nodes"] << " nodes)\n";
  return s.str();
}

Result<json> sea_route_geojson(const Context&, const json& r) {
  json features = json::array();
  if (!r["route"].is_null()) {
    json props = r["route"];
    props.erase("geometry");
    props["from"] = r["from"]["name"];
    props["to"] = r["to"]["name"];
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "LineString"}, {"coordinates", r["route"]["geometry"]}}},
         {"properties", props}});
  }
  for (const char* e : {"from", "to"})
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "Point"}, {"coordinates", {r[e]["lon"], r[e]["lat"]}}}},
         {"properties", {{"role", e}, {"name", r[e]["name"]}, {"locode", r[e]["locode"]}}}});
  return json{{"type", "FeatureCollection"}, {"features", features}};
}

std::string sea_route_csv(const Context&, const json& r) {
  std::ostringstream s;
  s << "from,from_locode,to,to_locode,nm,km,passages,vessel,sailing_days_low,sailing_days_high,"
       "cost_usd_low,cost_usd_high,co2_kg_low,co2_kg_high,cargo_tonnes,cargo_teu,per_unit\n";
  s << io::csv_escape(r["from"]["name"].get<std::string>()) << ","
    << r["from"]["locode"].get<std::string>() << ","
    << io::csv_escape(r["to"]["name"].get<std::string>()) << ","
    << r["to"]["locode"].get<std::string>() << ",";
  if (r["route"].is_null()) return s.str() + ",,,,,,,,,,,,\n";
  const auto& t = r["route"];
  std::vector<std::string> p;
  for (const auto& x : t["passages"]) p.push_back(x["id"].get<std::string>());
  auto num = [](const json& v) { return text::compact(v.get<double>()); };
  s << text::format_number(t["nm"].get<double>(), 1) << ","
    << text::format_number(t["km"].get<double>(), 1) << "," << text::join(p, ";") << ","
    << t["vessel"]["id"].get<std::string>() << ","
    << text::format_number(t["sailing_days"]["low"].get<double>(), 2) << ","
    << text::format_number(t["sailing_days"]["high"].get<double>(), 2) << ","
    << text::format_number(t["cost_usd"]["low"].get<double>(), 2) << ","
    << text::format_number(t["cost_usd"]["high"].get<double>(), 2) << ","
    << text::format_number(t["co2_kg"]["low"].get<double>(), 2) << ","
    << text::format_number(t["co2_kg"]["high"].get<double>(), 2) << "," << num(t["cargo"]["tonnes"])
    << "," << num(t["cargo"]["teu"]) << ","
    << (t["cargo"]["per_unit"].get<bool>() ? "true" : "false") << "\n";
  return s.str();
}

int sea_route_exit(const json& r, std::ostream&) { return r["route"].is_null() ? 6 : 0; }

// --- places ----------------------------------------------------------------------------------

Result<Answer> run_places(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(q, f.str("q"));
  CARAVAN_TRY(limit, f.opt_int("limit", 1, 100));
  CARAVAN_TRY(port, f.flag("port"));
  CARAVAN_TRY(files, files_of(f));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(gaz, io::load_places(files.unlocode, files.wpi));
  json matches = json::array();
  for (const auto& m : gaz->search(q, static_cast<std::size_t>(limit.value_or(10)),
                                   port ? places::Purpose::Port : places::Purpose::Any)) {
    json j = place_json(gaz->place(m.id));
    j["score"] = m.score;
    j["matched"] = m.matched;
    matches.push_back(j);
  }
  return Answer{json{{"q", q}, {"places", gaz->size()}, {"matches", matches}}, {}};
}

std::string places_text(const Context&, const json& r) {
  std::ostringstream s;
  if (r["matches"].empty())
    s << "no place matches '" << r["q"].get<std::string>() << "' among " << r["places"]
      << " places\n";
  for (const auto& m : r["matches"]) {
    std::string name = m["name"].get<std::string>();
    if (name.size() > 28) name = name.substr(0, 27) + "~";
    s << (m["locode"].get<std::string>().empty() ? std::string("-----")
                                                 : m["locode"].get<std::string>())
      << "  " << name << std::string(name.size() < 30 ? 30 - name.size() : 1, ' ')
      << (m.contains("lat") ? text::format_number(m["lat"].get<double>(), 3) + ", " +
                                  text::format_number(m["lon"].get<double>(), 3)
                            : std::string("(no position)"))
      << "  " << m["functions"].get<std::string>();
    if (m.contains("port"))
      s << "; WPI " << m["port"]["harbor_size"].get<std::string>() << " harbour";
    if (m.value("geocoded", false)) s << "; position geocoded";
    if (m["score"].get<int>() >= 10) s << "  (near '" << m["matched"].get<std::string>() << "')";
    s << "\n";
  }
  return s.str();
}

int places_exit(const json& r, std::ostream&) { return r["matches"].empty() ? 4 : 0; }

const std::vector<Option> kDataFiles = {
    {"--marnet", "marnet", K::Text, "the maritime network GeoJSON (default: the shared marnet)"},
    {"--unlocode", "unlocode", K::Text, "a UN/LOCODE CSV (default: the shared corridor subset)"},
    {"--wpi", "wpi", K::Text, "a World Port Index CSV (default: the shared subset)"}};

}  // namespace

Result<json> gazetteer_matches(const network::Network& net, const std::string& q,
                               std::size_t limit) {
  const auto files = io::default_sea_files();
  CARAVAN_TRY(gaz, io::load_places(files.unlocode, files.wpi));
  json out = json::array();
  for (const auto& m : gaz->search(q, limit + 5)) {
    const auto& p = gaz->place(m.id);
    if (!p.locode.empty() && net.find_location(p.locode)) continue;  // the network has it
    json j = place_json(p);
    j["score"] = m.score;
    j["matched"] = m.matched;
    out.push_back(std::move(j));
    if (out.size() >= limit) break;
  }
  return out;
}

Result<std::optional<network::Network>> joined_network(
    const Context& ctx, const json& request, const std::vector<std::string>& market_countries,
    places::Facility facility) {
  std::vector<std::string> queries, fields;
  for (const char* k : {"from", "to"})
    if (request.is_object() && request.contains(k) && request[k].is_string()) {
      const auto q = request[k].get<std::string>();
      // Only a name the network does not know goes to the gazetteer (and loads it).
      if (auto known = network::resolve_location(*ctx.net, q, k);
          !known && known.error().code == ErrorCode::NotFound) {
        queries.push_back(q);
        fields.emplace_back(k);
      }
    }
  // Markets the network has no place in: served through their main seaports, by sea.
  std::vector<std::string> unreached;
  for (const auto& c : market_countries) {
    bool has = false;
    if (const auto id = ctx.net->find_country(c))
      for (const auto& l : ctx.net->tables().locations) has = has || l.country == *id;
    if (!has) unreached.push_back(c);
  }
  if (queries.empty() && unreached.empty()) return std::optional<network::Network>{};
  const auto files = io::default_sea_files();
  CARAVAN_TRY(gaz, io::load_places(files.unlocode, files.wpi));
  CARAVAN_TRY(ends, route::places_beyond(*ctx.net, *gaz, queries, fields));
  std::vector<route::AccessPlace> ports;
  for (const auto& c : unreached)
    for (const auto id : places::main_ports(*gaz, c, 3, facility)) {
      const auto& p = gaz->place(id);
      const std::string code = p.locode.empty() ? "WPI" + p.port->wpi_number : p.locode;
      if (std::none_of(ends.begin(), ends.end(), [&](const auto& e) { return e.id == code; }))
        ports.push_back({code, p, ""});
    }
  if (ends.empty() && ports.empty()) return std::optional<network::Network>{};
  // A place in a country the network does not cover, or a bare position, may need the maritime
  // layer (sea access legs): read it only then.
  route::AccessOptions options;
  std::shared_ptr<const sea::SeaData> sea;
  for (const auto* list : {&ends, &ports})
    for (const auto& e : *list)
      if (!sea && (e.place.country.empty() || !ctx.net->find_country(e.place.country))) {
        CARAVAN_TRY(data, io::load_sea_data(files.marnet, files.sea_dir));
        sea = data;
        options.sea = sea.get();
      }
  // The request's own places must join; a market's port that cannot (too far from the lanes)
  // is left out, and the market says it has no place reached.
  std::optional<network::Network> joined;
  if (!ends.empty()) {
    CARAVAN_TRY(j, route::with_access(*ctx.net, ends, options));
    joined = std::move(j);
  }
  for (const auto& port : ports)
    if (auto j = route::with_access(joined ? *joined : *ctx.net, {port}, options))
      joined = std::move(*j);
  return joined;
}

std::vector<Feature> global_features() {
  std::vector<Option> sea_options = {
      {"--from", "from", K::Text, "a port: UN/LOCODE, name, or lat,lon", true},
      {"--to", "to", K::Text, "a port: UN/LOCODE, name, or lat,lon", true},
      {"--avoid", "avoid", K::List,
       "passages to avoid: suez, babelmandeb, hormuz, malacca, panama, gibraltar, bosporus, "
       "cape_good_hope ..."},
      {"--allow", "allow", K::List,
       "passages avoided by default that may be used (northeast, northwest: the Arctic routes; "
       "corinth)"},
      {"--vessel", "vessel", K::Text,
       "vessel class: container-large (default), container-panamax, container-feeder, "
       "bulk-handy, bulk-large, tanker-product, tanker-crude (data/sea/vessel_classes.csv)"},
      {"--tonnes", "tonnes", K::Number, "cargo in tonnes (default: figures per TEU or tonne)"},
      {"--teu", "teu", K::Number, "cargo in TEU"},
      {"--tonnes-per-teu", "tonnes_per_teu", K::Number,
       "tonnes in a TEU, to turn one into the other (default 20)"},
      {"--max-snap-km", "max_snap_km", K::Number,
       "how far a port may be from the sea lanes (default 300)"}};
  sea_options.insert(sea_options.end(), kDataFiles.begin(), kDataFiles.end());
  std::vector<Option> place_options = {
      {"name", "q", K::Positional, "a name, other spelling or UN/LOCODE", true},
      {"--limit", "limit", K::Integer, "how many matches (1..100, default 10)"},
      {"--port", "port", K::Flag, "rank ports first"}};
  place_options.insert(place_options.end(), kDataFiles.begin(), kDataFiles.end());
  return {
      {"sea-route", "any port to any port over the global maritime network", "/v1/sea-route", false,
       sea_options, true, nullptr, nullptr, run_sea_route, sea_route_text, sea_route_csv,
       sea_route_geojson, sea_route_exit},
      {"places", "find any UN/LOCODE place or World Port Index port", "/v1/places", false,
       place_options, false, never, nullptr, run_places, places_text, nullptr, nullptr,
       places_exit},
  };
}

}  // namespace caravan::api
