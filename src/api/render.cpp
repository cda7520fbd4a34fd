// JSON, GeoJSON and CSV renderings of itineraries.
#include "api/render.h"

#include <algorithm>
#include <cmath>

#include "core/date.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/geojson.h"
#include "route/policy.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {
double round_to(double v, int decimals) {
  const double k = std::pow(10.0, decimals);
  return std::round(v * k) / k;
}
}  // namespace

json shipment_json(const nw::Network& net, const route::PlanRequest& r) {
  const auto parties = route::parties_of(net, r.query);
  return {{"from", net.location(r.query.from).id},
          {"from_name", net.location(r.query.from).name},
          {"to", net.location(r.query.to).id},
          {"to_name", net.location(r.query.to).name},
          {"commodity", r.shipment.commodity},
          {"hs", r.shipment.hs},
          {"handling", nw::name(r.shipment.handling)},
          {"tonnes", round_to(r.shipment.tonnes.value, 3)},
          {"teu", r.shipment.teu.value},
          {"value_usd", round_to(r.shipment.value.value, 2)},
          {"objective", route::name(r.query.objective)},
          {"month", r.query.depart ? month_of(*r.query.depart) : r.params.month},
          {"depart", r.query.depart ? json(format_date(*r.query.depart)) : json(nullptr)},
          {"seller", parties.seller},
          {"buyer", parties.buyer},
          {"carrier", parties.carrier},
          {"policy_date", format_date(route::policy_date(net, r.query))}};
}

json policy_exposure_json(const nw::Network& net, const route::Itinerary& it) {
  json out = json::array();
  for (const auto& h : it.exposure) {
    const auto& p = net.tables().policies[h.policy];
    std::vector<std::string> sources;
    for (const auto& s : p.prov.sources) {
      const auto& id = net.tables().sources[s.source.value].id;
      if (std::find(sources.begin(), sources.end(), id) == sources.end()) sources.push_back(id);
    }
    json e = {{"regime", p.id},
              {"issuer", p.issuer},
              {"kind", nw::name(p.kind)},
              {"effect", nw::name(p.effect)},
              {"usd", round_to(h.usd, 2)},
              {"hours", round_to(h.hours, 2)},
              {"risk", round_to(h.risk, 6)},
              {"known", !h.unknown},
              {"from", format_date(p.from)},
              {"description", p.description},
              {"source", sources}};
    if (h.usd_high > h.usd) e["usd_high"] = round_to(h.usd_high, 2);
    if (h.hours_high > h.hours) e["hours_high"] = round_to(h.hours_high, 2);
    if (p.to) e["to"] = format_date(*p.to);
    if (h.leg < it.legs.size()) {
      e["leg"] = h.leg;
      e["at"] = net.location(it.legs[h.leg].from).id;
    }
    out.push_back(std::move(e));
  }
  return out;
}

json itinerary_json(const nw::Network& net, const route::Itinerary& it) {
  json j;
  j["cost_usd"] = round_to(it.cost().value, 2);
  j["hours"] = round_to(it.hours().value, 2);
  j["days"] = round_to(it.hours().value / 24.0, 2);
  j["co2_kg"] = round_to(it.total.co2.value, 1);
  j["risk"] = round_to(it.risk, 6);
  double km = 0;
  for (const auto& l : it.legs) km += l.km.value;
  j["km"] = round_to(km, 1);
  j["breakdown"] = {{"cost_usd",
                     {{"line_haul", round_to(it.total.line_haul.value, 2)},
                      {"handling", round_to(it.total.handling.value, 2)},
                      {"border", round_to(it.total.border.value, 2)},
                      {"inventory", round_to(it.total.inventory.value, 2)},
                      {"regimes", round_to(it.total.regimes.value, 2)}}},
                    {"hours",
                     {{"moving", round_to(it.total.moving.value, 2)},
                      {"waiting", round_to(it.total.waiting.value, 2)},
                      {"handling", round_to(it.total.handling_time.value, 2)},
                      {"border", round_to(it.total.border_time.value, 2)},
                      {"regimes", round_to(it.total.regime_time.value, 2)},
                      {"held", round_to(it.held_hours, 2)}}}};
  // Dated: the departure, the arrival, and below the day the cargo reaches each leg.
  auto day_after = [&](double hours) { return format_date(add_hours(*it.depart, hours)); };
  if (!it.path.exact) j["exact"] = false;  // the time-dependent search's fallback
  if (it.depart) {
    j["depart"] = format_date(*it.depart);
    j["arrive"] = day_after(it.hours().value);
  }
  j["policy_exposure"] = policy_exposure_json(net, it);
  json countries = json::array(), locations = json::array(), names = json::array();
  for (auto c : it.countries) countries.push_back(net.country(c).iso2);
  for (auto l : it.locations) {
    locations.push_back(net.location(l).id);
    names.push_back(net.location(l).name);
  }
  j["countries"] = countries;
  j["locations"] = locations;
  j["location_names"] = names;
  json legs = json::array(), ferries = json::array(), borders = json::array();
  for (std::size_t i = 0; i < it.legs.size(); ++i) {
    const auto& l = it.legs[i];
    json leg = {{"link", net.link(l.link).id},
                {"from", net.location(l.from).id},
                {"to", net.location(l.to).id},
                {"from_name", net.location(l.from).name},
                {"to_name", net.location(l.to).name},
                {"mode", nw::name(l.mode)},
                {"km", round_to(l.km.value, 1)},
                {"hours", round_to(l.w.hours().value, 2)},
                {"cost_usd", round_to(l.w.cost().value, 2)},
                {"co2_kg", round_to(l.w.co2.value, 1)},
                {"risk", round_to(cost::risk_probability(l.w.risk), 6)},
                {"breakdown",
                 {{"line_haul_usd", round_to(l.w.line_haul.value, 2)},
                  {"border_usd", round_to(l.w.border.value, 2)},
                  {"inventory_usd", round_to(l.w.inventory.value, 2)},
                  {"moving_hours", round_to(l.w.moving.value, 2)},
                  {"waiting_hours", round_to(l.w.waiting.value, 2)},
                  {"border_hours", round_to(l.w.border_time.value, 2)}}}};
    if (l.gauge_mm) leg["gauge_mm"] = l.gauge_mm;
    // The link's shape (geometry.geojson), in the direction the leg goes.
    if (const auto& shape = net.link(l.link).geometry; !shape.empty()) {
      json line = json::array();
      for (const auto& p : shape) line.push_back({round_to(p.lon, 4), round_to(p.lat, 4)});
      if (net.link(l.link).from != l.from) std::reverse(line.begin(), line.end());
      leg["geometry"] = std::move(line);
    }
    if (it.depart) {
      leg["reached"] = day_after(l.reach_hours);
      leg["reached_hours"] = round_to(l.reach_hours, 2);
      leg["hold_hours"] = round_to(l.hold_hours, 2);
      if (l.hold_hours > 0) leg["departs"] = day_after(l.reach_hours + l.hold_hours);
    }
    const auto& link = net.link(l.link);
    if (link.capacity_tpy) leg["capacity_tpy"] = *link.capacity_tpy;
    if (link.capacity_teu_py) leg["capacity_teu_py"] = *link.capacity_teu_py;
    json lc = json::array(), ch = json::array();
    for (auto c : l.countries) lc.push_back(net.country(c).iso2);
    for (auto c : l.chokepoints) ch.push_back(net.chokepoint(c).id);
    leg["countries"] = lc;
    leg["chokepoints"] = ch;
    if (l.border) {
      const auto& b = net.tables().borders[*l.border];
      leg["border"] = {{"from", net.location(b.from).id},
                       {"to", net.location(b.to).id},
                       {"from_country", net.country(net.location(b.from).country).iso2},
                       {"to_country", net.country(net.location(b.to).country).iso2},
                       {"hours", round_to(l.w.border_time.value, 2)},
                       {"fee_usd", round_to(l.w.border.value, 2)}};
    }
    // Every change of country on this leg: the land border's row, or none (a ferry, a ship, a
    // link through a third country: customs are in the port transfers).
    for (const auto& x : it.crossings) {
      if (x.leg != i) continue;
      if (x.border) {
        borders.push_back(leg["border"]);
        borders.back()["mode"] = nw::name(l.mode);
        continue;
      }
      borders.push_back({{"from", net.location(l.from).id},
                         {"to", net.location(l.to).id},
                         {"from_country", net.country(x.from).iso2},
                         {"to_country", net.country(x.to).iso2},
                         {"mode", nw::name(l.mode)},
                         {"hours", 0.0},
                         {"fee_usd", 0.0},
                         {"border_row", false}});
    }
    if (l.mode == nw::Mode::Ferry)
      ferries.push_back({{"from", net.location(l.from).id},
                         {"to", net.location(l.to).id},
                         {"link", net.link(l.link).id}});
    // An access leg made at query time: marked, with its ends' positions (they are not in the
    // network's export, so maps and GeoJSON draw it from these).
    if (net.link(l.link).estimated) {
      leg["estimated"] = true;
      leg["from_pos"] = {net.location(l.from).pos.lon, net.location(l.from).pos.lat};
      leg["to_pos"] = {net.location(l.to).pos.lon, net.location(l.to).pos.lat};
    }
    legs.push_back(std::move(leg));
  }
  j["legs"] = legs;
  j["border_crossings"] = borders;
  j["ferries"] = ferries;
  json stops = json::array(), gauge = json::array();
  for (std::size_t i = 0; i < it.stops.size(); ++i) {
    const auto& s = it.stops[i];
    json sj = {{"at", net.location(s.at).id},
               {"at_name", net.location(s.at).name},
               {"from_layer", nw::name(s.from)},
               {"to_layer", nw::name(s.to)},
               {"after_leg", s.after_leg},
               {"transshipment", s.transshipment},
               {"cost_usd", round_to(s.w.cost().value, 2)},
               {"hours", round_to(s.w.hours().value, 2)}};
    if (it.depart) {
      sj["reached"] = day_after(s.reach_hours);
      sj["hold_hours"] = round_to(s.hold_hours, 2);
    }
    stops.push_back(std::move(sj));
  }
  for (auto gi : it.gauge_breaks) {
    const auto& s = it.stops[gi];
    gauge.push_back({{"at", net.location(s.at).id},
                     {"at_name", net.location(s.at).name},
                     {"from_gauge_mm", nw::gauge_of(s.from)},
                     {"to_gauge_mm", nw::gauge_of(s.to)}});
  }
  j["stops"] = stops;
  j["gauge_breaks"] = gauge;
  j["transshipments"] = it.transshipments;
  json chokes = json::array();
  for (auto c : it.chokepoints) chokes.push_back(net.chokepoint(c).id);
  j["chokepoints"] = chokes;
  // One line: the places where something happens (ends, borders, transfers).
  std::vector<std::string> key;
  key.push_back(net.location(it.locations.front()).name);
  std::string last_mode;
  for (const auto& l : it.legs) {
    const std::string mode(nw::name(l.mode));
    if (mode != last_mode && !last_mode.empty()) key.push_back(net.location(l.from).name);
    if (mode != last_mode) key.push_back("[" + mode + "]");
    last_mode = mode;
  }
  key.push_back(net.location(it.locations.back()).name);
  j["summary"] = text::join(key, " ");
  return j;
}

json routes_geojson(const nw::Network& net, const json& response) {
  json features = json::array();
  auto add_routes = [&](const json& routes, const std::string& label) {
    for (std::size_t r = 0; r < routes.size(); ++r) {
      for (const auto& leg : routes[r]["legs"]) {
        const auto a = net.find_location(leg["from"].get<std::string>());
        const auto b = net.find_location(leg["to"].get<std::string>());
        auto pos = [&](std::optional<LocationId> id, const char* field) -> std::optional<LatLon> {
          if (id) return net.location(*id).pos;
          if (leg.contains(field))
            return LatLon{leg[field][1].get<double>(), leg[field][0].get<double>()};
          return std::nullopt;
        };
        const auto pa = pos(a, "from_pos"), pb = pos(b, "to_pos");
        if (!pa || !pb) continue;
        json props = leg;
        props.erase("breakdown");
        props.erase("from_pos");
        props.erase("to_pos");
        props.erase("geometry");
        props["route"] = r;
        if (!label.empty()) props["variant"] = label;
        auto feature = io::line_feature(*pa, *pb, props);
        if (leg.contains("geometry")) feature["geometry"]["coordinates"] = leg["geometry"];
        features.push_back(std::move(feature));
      }
      for (const auto& s : routes[r]["stops"]) {
        const auto at = net.find_location(s["at"].get<std::string>());
        if (!at) continue;
        const auto& pos = net.location(*at).pos;
        json props = s;
        props["route"] = r;
        props["kind"] = s["from_layer"] == s["to_layer"] ? "hub" : "transfer";
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "Point"}, {"coordinates", {pos.lon, pos.lat}}}},
                            {"properties", props}});
      }
    }
  };
  if (response.contains("routes")) add_routes(response["routes"], "");
  if (response.contains("variants"))
    for (const auto& v : response["variants"])
      if (v.contains("route")) add_routes(json::array({v["route"]}), v["id"].get<std::string>());
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::string routes_csv(const json& response) {
  std::string out =
      "variant,route,leg,from,to,mode,gauge_mm,km,hours,cost_usd,co2_kg,countries,chokepoints\n";
  auto emit = [&](const json& route, const std::string& variant, std::size_t r) {
    std::size_t i = 0;
    for (const auto& leg : route["legs"]) {
      std::vector<std::string> countries, chokes;
      for (const auto& c : leg["countries"]) countries.push_back(c.get<std::string>());
      for (const auto& c : leg["chokepoints"]) chokes.push_back(c.get<std::string>());
      out += io::csv_escape(variant) + "," + std::to_string(r) + "," + std::to_string(i++) + "," +
             leg["from"].get<std::string>() + "," + leg["to"].get<std::string>() + "," +
             leg["mode"].get<std::string>() + "," +
             (leg.contains("gauge_mm") ? std::to_string(leg["gauge_mm"].get<int>()) : "") + "," +
             text::compact(leg["km"].get<double>()) + "," +
             text::compact(leg["hours"].get<double>()) + "," +
             text::compact(leg["cost_usd"].get<double>()) + "," +
             text::compact(leg["co2_kg"].get<double>()) + "," + text::join(countries, "|") + "," +
             text::join(chokes, "|") + "\n";
    }
  };
  if (response.contains("routes"))
    for (std::size_t r = 0; r < response["routes"].size(); ++r) emit(response["routes"][r], "", r);
  if (response.contains("variants"))
    for (const auto& v : response["variants"])
      if (v.contains("route")) emit(v["route"], v["id"].get<std::string>(), 0);
  return out;
}

}  // namespace caravan::api
