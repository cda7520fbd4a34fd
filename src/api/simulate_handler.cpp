// Simulation configuration, results and plots.
#include "api/simulate_handler.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "api/request.h"
#include "core/text.h"
#include "io/csv.h"
#include "network/source_refs.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

Result<double> number(const json& j, const std::string& path, double min, double max) {
  if (!j.is_number())
    return field_error(path, std::string("expected a number, found ") + j.type_name());
  const double v = j.get<double>();
  if (!(v >= min && v <= max))
    return field_error(path, "value " + text::compact(v) + " is out of range [" +
                                 text::compact(min) + ", " + text::compact(max) + "]");
  return v;
}

Result<nw::Distribution> distribution(const json& j, const std::string& path) {
  if (j.is_number()) {
    auto d = nw::Distribution::fixed(j.get<double>());
    if (!d) return field_error(path, d.error().message);
    return d;
  }
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string())
    return field_error(path, "expected a number of hours or {\"kind\": " +
                                 std::string(nw::kDistributionKinds) + ", ...}");
  nw::DistributionSpec spec;
  spec.kind = j["kind"].get<std::string>();
  if (nw::distribution_parameters(spec.kind).empty())
    return field_error(path + ".kind", "unknown distribution '" + spec.kind + "' (expected " +
                                           std::string(nw::kDistributionKinds) + ")");
  for (auto n : nw::distribution_parameters(spec.kind)) {
    const std::string name(n);
    if (name == "values") {
      if (!j.contains("values") || !j["values"].is_array())
        return field_error(path + ".values", "expected a list of hours");
      for (const auto& x : j["values"]) {
        if (!x.is_number()) return field_error(path + ".values", "expected numbers");
        spec.values.push_back(x.get<double>());
      }
      continue;
    }
    if (!j.contains(name))
      return field_error(path + "." + name, "is required for a " + spec.kind + " distribution");
    CARAVAN_TRY(v, number(j[name], path + "." + name, -1e12, 1e12));
    spec.params[name] = v;
  }
  auto d = nw::make_distribution(spec);
  if (!d) return field_error(path, d.error().message);
  return d;
}

Status check_keys(const json& j, const std::string& path,
                  std::initializer_list<const char*> allowed) {
  if (!j.is_object()) return field_error(path, "expected an object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&](const char* a) { return it.key() == a; })) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return field_error(path.empty() ? it.key() : path + "." + it.key(),
                         "unknown field (expected " + list + ")");
    }
  return Ok{};
}

Status check_sources(const json& j, const std::string& path, const nw::Network& net) {
  if (!j.contains("sources")) return Ok{};
  if (!j["sources"].is_string())
    return field_error(path + ".sources", "expected \"field:source_id|...\"");
  auto refs = nw::parse_source_refs(text::split(j["sources"].get<std::string>(), '|'),
                                    nw::source_finder(net.tables().sources));
  if (!refs) return field_error(path + ".sources", refs.error().message);
  return Ok{};
}

std::uint16_t months_mask(const json& j) {
  std::uint16_t m = 0;
  for (const auto& x : j) m |= static_cast<std::uint16_t>(1u << (x.get<int>() - 1));
  return m;
}

Result<std::uint16_t> closed_months(const json& j, const std::string& path) {
  if (!j.contains("closed_months")) return std::uint16_t{0};
  if (!j["closed_months"].is_array())
    return field_error(path + ".closed_months", "expected a list of months 1..12");
  for (const auto& x : j["closed_months"])
    if (!x.is_number_integer() || x.get<int>() < 1 || x.get<int>() > 12)
      return field_error(path + ".closed_months", "expected months 1..12");
  return months_mask(j["closed_months"]);
}

}  // namespace

Result<sim::SimConfig> parse_sim_config(const json& j, const nw::Network& net) {
  if (auto s = check_keys(j, "",
                          {"name", "description", "horizon_days", "warmup_days", "start_month",
                           "seed", "max_events", "sample_every_hours", "resources", "streams"});
      !s)
    return s.error();
  sim::SimConfig c;
  auto opt = [&](const char* k, double min, double max, double def) -> Result<double> {
    return j.contains(k) ? number(j[k], k, min, max) : Result<double>(def);
  };
  auto horizon = opt("horizon_days", 1e-6, 1e7, 365);
  if (!horizon) return horizon.error();
  c.horizon_hours = *horizon * 24;
  auto warmup = opt("warmup_days", 0, 1e7, 0);
  if (!warmup) return warmup.error();
  c.warmup_hours = *warmup * 24;
  if (c.warmup_hours >= c.horizon_hours)
    return field_error("warmup_days", "must be less than horizon_days");
  auto month = opt("start_month", 1, 12, 1);
  if (!month) return month.error();
  c.start_month = static_cast<int>(*month);
  auto seed = opt("seed", 0, 9e15, 1);
  if (!seed) return seed.error();
  c.seed = static_cast<std::uint64_t>(*seed);
  auto events = opt("max_events", 1, 1e10, 5e7);
  if (!events) return events.error();
  c.max_events = static_cast<std::uint64_t>(*events);
  auto every = opt("sample_every_hours", 0, 1e6, 24);
  if (!every) return every.error();
  c.sample_every_hours = *every;
  if (!j.contains("resources") || !j["resources"].is_array())
    return field_error("resources", "expected a list");
  if (!j.contains("streams") || !j["streams"].is_array() || j["streams"].empty())
    return field_error("streams", "expected a non-empty list");
  for (std::size_t i = 0; i < j["resources"].size(); ++i) {
    const auto& r = j["resources"][i];
    const std::string p = "resources[" + std::to_string(i) + "]";
    if (auto s = check_keys(
            r, p,
            {"id", "name", "kind", "servers", "vessels", "service_hours", "crossing_hours",
             "capacity_units", "every_hours", "max_wait_hours", "closed_months", "sources"});
        !s)
      return s.error();
    if (auto s = check_sources(r, p, net); !s) return s.error();
    sim::ResourceSpec x;
    if (!r.contains("id") || !r["id"].is_string()) return field_error(p + ".id", "is required");
    x.id = r["id"].get<std::string>();
    for (const auto& y : c.resources)
      if (y.id == x.id) return field_error(p + ".id", "duplicate resource id '" + x.id + "'");
    x.name = r.value("name", x.id);
    const std::string kind = r.value("kind", "server");
    if (kind == "ferry") {
      x.kind = sim::ResourceSpec::Kind::Ferry;
      auto v = r.contains("vessels") ? number(r["vessels"], p + ".vessels", 1, 1000)
                                     : Result<double>(1.0);
      if (!v) return v.error();
      x.servers = static_cast<int>(*v);
      if (!r.contains("capacity_units"))
        return field_error(p + ".capacity_units", "is required for a ferry");
      auto cap = number(r["capacity_units"], p + ".capacity_units", 0, 1e6);
      if (!cap) return cap.error();
      if (*cap <= 0)
        return field_error(p + ".capacity_units", "a ferry that carries nothing can never sail");
      x.capacity_units = *cap;
      if (!r.contains("crossing_hours"))
        return field_error(p + ".crossing_hours", "is required for a ferry");
      auto d = distribution(r["crossing_hours"], p + ".crossing_hours");
      if (!d) return d.error();
      x.service = *d;
      if (r.contains("every_hours")) {
        auto e = number(r["every_hours"], p + ".every_hours", 1e-6, 1e6);
        if (!e) return e.error();
        x.every_hours = *e;
      }
      if (r.contains("max_wait_hours")) {
        auto e = number(r["max_wait_hours"], p + ".max_wait_hours", 1e-6, 1e6);
        if (!e) return e.error();
        x.max_wait_hours = *e;
      }
    } else if (kind == "server") {
      auto v = r.contains("servers") ? number(r["servers"], p + ".servers", 1, 1e6)
                                     : Result<double>(1.0);
      if (!v) return v.error();
      x.servers = static_cast<int>(*v);
      if (!r.contains("service_hours"))
        return field_error(p + ".service_hours", "is required for a server");
      auto d = distribution(r["service_hours"], p + ".service_hours");
      if (!d) return d.error();
      x.service = *d;
    } else {
      return field_error(p + ".kind", "expected server or ferry, found '" + kind + "'");
    }
    auto cm = closed_months(r, p);
    if (!cm) return cm.error();
    x.closed_months = *cm;
    c.resources.push_back(std::move(x));
  }
  for (std::size_t i = 0; i < j["streams"].size(); ++i) {
    const auto& s = j["streams"][i];
    const std::string p = "streams[" + std::to_string(i) + "]";
    if (auto st = check_keys(s, p,
                             {"id", "name", "interarrival_hours", "units", "batch", "route",
                              "max_shipments", "sources"});
        !st)
      return st.error();
    if (auto st = check_sources(s, p, net); !st) return st.error();
    sim::StreamSpec x;
    if (!s.contains("id") || !s["id"].is_string()) return field_error(p + ".id", "is required");
    x.id = s["id"].get<std::string>();
    x.name = s.value("name", x.id);
    if (!s.contains("interarrival_hours"))
      return field_error(p + ".interarrival_hours", "is required");
    auto d = distribution(s["interarrival_hours"], p + ".interarrival_hours");
    if (!d) return d.error();
    x.interarrival = *d;
    if (s.contains("units")) {
      auto u = number(s["units"], p + ".units", 1e-9, 1e6);
      if (!u) return u.error();
      x.units = *u;
    }
    if (s.contains("batch")) {
      auto b = number(s["batch"], p + ".batch", 1, 100000);
      if (!b) return b.error();
      x.batch = static_cast<int>(*b);
    }
    if (s.contains("max_shipments")) {
      auto m = number(s["max_shipments"], p + ".max_shipments", 1, 1e9);
      if (!m) return m.error();
      x.max_shipments = static_cast<int>(*m);
    }
    if (!s.contains("route") || !s["route"].is_array() || s["route"].empty())
      return field_error(p + ".route", "expected a non-empty list of steps");
    for (std::size_t k = 0; k < s["route"].size(); ++k) {
      const auto& st = s["route"][k];
      const std::string q = p + ".route[" + std::to_string(k) + "]";
      if (auto e = check_keys(st, q, {"resource", "travel_hours"}); !e) return e.error();
      sim::Step step;
      if (st.contains("resource")) {
        if (!st["resource"].is_string())
          return field_error(q + ".resource", "expected a resource id");
        const auto id = st["resource"].get<std::string>();
        for (std::size_t r = 0; r < c.resources.size(); ++r)
          if (c.resources[r].id == id) step.resource = static_cast<int>(r);
        if (step.resource < 0) return field_error(q + ".resource", "unknown resource '" + id + "'");
      } else if (st.contains("travel_hours")) {
        auto t = distribution(st["travel_hours"], q + ".travel_hours");
        if (!t) return t.error();
        step.travel = *t;
      } else {
        return field_error(q, "expected {\"resource\": ID} or {\"travel_hours\": ...}");
      }
      x.route.push_back(std::move(step));
    }
    c.streams.push_back(std::move(x));
  }
  return c;
}

json sim_result_json(const sim::SimConfig& c, const sim::SimResult& r) {
  auto summary = [](const sim::Summary& s) {
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    return json{{"n", s.n},
                {"mean", r2(s.mean)},
                {"p50", r2(s.p50)},
                {"p90", r2(s.p90)},
                {"max", r2(s.max)}};
  };
  json res = json::array(), streams = json::array();
  for (std::size_t i = 0; i < r.resources.size(); ++i) {
    const auto& x = r.resources[i];
    res.push_back(
        {{"id", x.id},
         {"kind", c.resources[i].kind == sim::ResourceSpec::Kind::Ferry ? "ferry" : "server"},
         {"utilisation", std::round(x.utilisation * 1e4) / 1e4},
         {"mean_queue", std::round(x.mean_queue * 100) / 100},
         {"max_queue", x.max_queue},
         {"wait_hours", summary(x.wait_hours)},
         {"sailings", x.sailings}});
  }
  for (const auto& s : r.streams)
    streams.push_back({{"id", s.id},
                       {"entered", s.entered},
                       {"completed", s.completed},
                       {"in_system", s.in_system},
                       {"units_completed", s.units_completed},
                       {"throughput_per_day", std::round(s.throughput_per_day * 100) / 100},
                       {"transit_hours", summary(s.transit_hours)}});
  return {{"events", r.events},
          {"simulated_hours", r.simulated_hours},
          {"hit_event_limit", r.hit_event_limit},
          {"seed", c.seed},
          {"resources", res},
          {"streams", streams}};
}

Result<SimRun> simulate(const nw::Network& net, const std::string& network_dir, const json& request,
                        bool local) {
  Fields f(request);
  if (!f.has("config")) return field_error("config", "is required");
  const json& given = request["config"];
  CARAVAN_TRY(seed, f.opt_num("seed", 0, 9007199254740992.0));
  CARAVAN_TRY(horizon, f.opt_num("horizon_days", 0, 36500));
  json model;
  std::string path;  // prefixes the model's errors
  if (given.is_object()) {
    model = given;
    path = "config";
  } else if (given.is_string()) {
    namespace fs = std::filesystem;
    const std::string name = given.get<std::string>();
    const auto lib = fs::path(network_dir) / "sim" / (name + ".json");
    const bool plain_name = !name.empty() && name.find_first_of("/\\") == std::string::npos &&
                            name.find("..") == std::string::npos;
    std::error_code ec;
    if (local && (fs::exists(name, ec) || !plain_name || !fs::exists(lib, ec)))
      path = name;
    else if (plain_name && fs::exists(lib, ec))
      path = lib.string();
    else
      return make_error(ErrorCode::NotFound,
                        "unknown model '" + name +
                            "': give the name of a model in the network's "
                            "sim/ folder, or the model itself",
                        "config");
    CARAVAN_TRY(text, io::read_file(path));
    model = json::parse(text, nullptr, false);
    if (model.is_discarded()) {
      try {
        [[maybe_unused]] const json again = json::parse(text);  // throws with the position
      } catch (const json::parse_error& e) {
        return make_error(ErrorCode::InvalidRequest, path + ": " + e.what());
      }
    }
  } else {
    return field_error("config", "expected a model name or a model object");
  }
  for (auto it = request.begin(); it != request.end(); ++it)
    if (it.key() != "config" && it.key() != "seed" && it.key() != "horizon_days")
      return field_error(it.key(), "unknown field (known: config, horizon_days, seed)");
  if (seed) model["seed"] = static_cast<std::uint64_t>(*seed);
  if (horizon) model["horizon_days"] = *horizon;
  auto prefixed = [&](const Error& e) {
    return make_error(e.code, path + ": " + e.message, e.field);
  };
  auto config = parse_sim_config(model, net);
  if (!config) return prefixed(config.error());
  auto r = sim::simulate(*config);
  if (!r) return prefixed(r.error());
  json j = sim_result_json(*config, *r);
  return SimRun{std::move(*config), std::move(*r), std::move(j)};
}

}  // namespace caravan::api
