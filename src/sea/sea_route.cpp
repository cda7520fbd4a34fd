// The sea route use-case.
#include "sea/sea_route.h"

#include <algorithm>

#include "core/text.h"

namespace caravan::sea {

namespace {

Result<SeaEnd> end_of(const SeaNetwork& sea, const places::Gazetteer& g, const std::string& query,
                      const std::string& field, Km max_snap) {
  CARAVAN_TRY(place, places::resolve(g, query, field, places::Purpose::Port));
  if (!place.has_position)
    return make_error(
        ErrorCode::InvalidData,
        place.name + " (" + place.locode + ") has no position in the gazetteer; give it as lat,lon",
        field);
  const Snap s = sea.snap(place.at);
  if (!s.node.valid())
    return make_error(ErrorCode::InvalidData, sea.source() + " has no sea node to snap to", field);
  if (s.distance > max_snap) {
    const LatLon n = sea.position(s.node);
    return make_error(
        ErrorCode::InvalidRequest,
        (place.source == "coordinates" ? place.name
                                       : place.name + " (" + text::format_number(place.at.lat, 3) +
                                             "," + text::format_number(place.at.lon, 3) + ")") +
            " is " + text::thousands(s.distance.value) + " km from the nearest sea node (node " +
            std::to_string(s.node.value) + " at " + text::format_number(n.lat, 3) + "," +
            text::format_number(n.lon, 3) + "); the limit is " + text::thousands(max_snap.value) +
            " km (max_snap_km): the maritime layer has no lane near it (it lacks the Caspian and "
            "inland waters; the corridor network's ferries cover the Caspian: caravan route)",
        field);
  }
  return SeaEnd{std::move(place), s};
}

}  // namespace

Result<SeaRouteResponse> plan_sea_route(const SeaData& data, const places::Gazetteer& places,
                                        const SeaRouteRequest& req) {
  const SeaNetwork& sea = data.network;
  SeaRouteResponse r;
  auto passage_of = [&](const std::string& name, const char* field) -> Result<PassageId> {
    if (const auto id = sea.find_passage(text::trim(name))) return *id;
    std::vector<std::string> known;
    for (const auto& p : sea.passages()) known.push_back(p.id);
    return make_error(ErrorCode::InvalidRequest,
                      "unknown passage '" + name + "' (known: " + text::join(known, ", ") + ")",
                      field);
  };
  std::vector<bool> avoid(sea.passages().size(), false), allowed(sea.passages().size(), false);
  for (const auto& a : req.allow) {
    CARAVAN_TRY(id, passage_of(a, "allow"));
    allowed[id.value] = true;
  }
  for (const auto& a : req.avoid) {
    CARAVAN_TRY(id, passage_of(a, "avoid"));
    if (allowed[id.value])
      return make_error(ErrorCode::InvalidRequest,
                        "passage '" + a + "' is both avoided and allowed", "allow");
    if (!avoid[id.value]) r.avoided.push_back(id);
    avoid[id.value] = true;
  }
  // The avoidance that holds whatever the query: the default one, unless allowed.
  std::vector<bool> base(sea.passages().size(), false);
  for (std::uint32_t p = 0; p < sea.passages().size(); ++p)
    if (sea.passages()[p].avoided_by_default && !allowed[p] && !avoid[p]) {
      base[p] = avoid[p] = true;
      r.avoided_by_default.push_back(PassageId{p});
    }
  if (data.vessels.empty())
    return make_error(ErrorCode::InvalidData, "no vessel classes loaded", "vessel");
  r.vessel = &data.vessels.front();
  if (!req.vessel.empty()) {
    auto it = std::find_if(data.vessels.begin(), data.vessels.end(),
                           [&](const VesselClass& v) { return v.id == req.vessel; });
    if (it == data.vessels.end()) {
      std::vector<std::string> known;
      for (const auto& v : data.vessels) known.push_back(v.id);
      return make_error(
          ErrorCode::InvalidRequest,
          "unknown vessel class '" + req.vessel + "' (known: " + text::join(known, ", ") + ")",
          "vessel");
    }
    r.vessel = &*it;
  }
  CARAVAN_TRY(from, end_of(sea, places, req.from, "from", req.max_snap));
  CARAVAN_TRY(to, end_of(sea, places, req.to, "to", req.max_snap));
  r.from = std::move(from);
  r.to = std::move(to);
  r.path = shortest_sea_path(sea, r.from.snap.node, r.to.snap.node, avoid);
  if (!r.avoided.empty()) {
    const auto free = shortest_sea_path(sea, r.from.snap.node, r.to.snap.node, base);
    if (free && (!r.path || free->length < r.path->length)) {
      r.unconstrained = free->length + r.from.snap.distance + r.to.snap.distance;
      r.unconstrained_passages = free->passages;
    }
  }
  if (!r.path) {
    std::vector<std::string> names;
    for (auto p : r.avoided) names.push_back(sea.passages()[p.value].name);
    r.reason = "no sea route from " + r.from.place.name + " to " + r.to.place.name +
               (names.empty() ? std::string(" in ") + sea.source()
                              : " that avoids " + text::join(names, ", "));
    return r;
  }
  r.total = r.path->length + r.from.snap.distance + r.to.snap.distance;
  const double nm = nautical_miles(r.total);
  const VesselClass& v = *r.vessel;
  // The cargo in both units; none asked: one unit of what the class is priced in.
  double t = req.tonnes.value, teu = req.teu.value;
  r.per_unit = t <= 0 && teu <= 0;
  if (r.per_unit) (v.per_teu ? teu : t) = 1;
  if (t <= 0) t = teu * req.tonnes_per_teu;
  if (teu <= 0) teu = t / req.tonnes_per_teu;
  r.cargo_tonnes = Tonnes{t};
  r.cargo_teu = Teu{teu};
  const double units = v.per_teu ? teu : t;
  r.sailing_hours = {nm / v.speed_kn.high, nm / v.speed_kn.low};
  r.cost_usd = {units * v.usd_per_unit_1000nm.low * nm / 1000,
                units * v.usd_per_unit_1000nm.high * nm / 1000};
  r.co2_kg = {t * r.total.value * v.g_co2_per_tkm.low / 1000,
              t * r.total.value * v.g_co2_per_tkm.high / 1000};
  return r;
}

}  // namespace caravan::sea
