// Assignment requests: TNTP benchmarks and annual freight demand on the network.
#include "api/assign_handler.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <ostream>

#include "api/request.h"
#include "assign/freight_assignment.h"
#include "core/text.h"
#include "io/demand_reader.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

// Parses the shared options out of `f`.
Result<assign::Options> options_from(Fields& f) {
  assign::Options o;
  auto alg = f.opt_str("algorithm");
  if (!alg) return alg.error();
  if (*alg) {
    const std::string& a = **alg;
    if (a == "b")
      o.algorithm = assign::Algorithm::B;
    else if (a == "fw")
      o.algorithm = assign::Algorithm::FrankWolfe;
    else if (a == "cfw")
      o.algorithm = assign::Algorithm::ConjugateFw;
    else if (a == "bfw")
      o.algorithm = assign::Algorithm::BiconjugateFw;
    else if (a == "aon")
      o.algorithm = assign::Algorithm::AllOrNothing;
    else
      return field_error("algorithm", "expected b, fw, cfw, bfw or aon, found '" + a + "'");
  }
  auto obj = f.opt_str("objective");
  if (!obj) return obj.error();
  if (*obj) {
    if (**obj == "ue")
      o.objective = assign::Objective::UserEquilibrium;
    else if (**obj == "so")
      o.objective = assign::Objective::SystemOptimum;
    else
      return field_error("objective", "expected ue or so, found '" + **obj + "'");
  }
  auto gap = f.opt_num("gap", 0.0, 1.0);
  if (!gap) return gap.error();
  if (*gap) o.gap = **gap;
  auto it = f.opt_int("max_iterations", 1, 100000000);
  if (!it) return it.error();
  if (*it) o.max_iterations = **it;
  auto secs = f.opt_num("max_seconds", 0.0, 1e7);
  if (!secs) return secs.error();
  if (*secs) o.max_seconds = **secs;
  auto threads = f.opt_int("threads", 0, 256);
  if (!threads) return threads.error();
  if (*threads) o.threads = **threads;
  return o;
}

void attach_progress(assign::Options& o, std::ostream* progress) {
  if (!progress) return;
  o.progress = [progress](const assign::IterationReport& r) {
    *progress << "iteration " << r.iteration << "  gap " << r.relative_gap << "  objective "
              << r.objective << "  " << r.seconds << " s\n";
  };
}

json run_json(const assign::Solution& s, const assign::Options& o) {
  json history = json::array();
  for (const auto& h : s.history) {
    history.push_back({{"iteration", h.iteration},
                       {"relative_gap", h.relative_gap},
                       {"objective", h.objective},
                       {"seconds", h.seconds}});
  }
  return {{"algorithm", assign::algorithm_name(o.algorithm)},
          {"kind", o.objective == assign::Objective::UserEquilibrium ? "ue" : "so"},
          {"objective", s.objective},
          {"beckmann", s.beckmann},
          {"total_cost", s.total_cost},
          {"relative_gap", s.relative_gap},
          {"target_gap", o.gap},
          {"iterations", s.iterations},
          {"seconds", s.seconds},
          {"stop", assign::stop_reason_name(s.stop)},
          {"history", history}};
}

}  // namespace

assign::Problem tntp_problem(const io::TntpInstance& inst) {
  assign::Problem p;
  p.name = inst.name;
  p.node_count = inst.net.nodes;
  p.first_through_node = inst.net.first_thru_node - 1;
  for (const io::TntpLink& l : inst.net.links) {
    assign::Link k;
    k.tail = l.from - 1;
    k.head = l.to - 1;
    k.delay.free_time = l.free_flow_time;
    k.delay.b = l.b;
    k.delay.power = l.power;
    k.delay.capacity = l.capacity > 0 ? l.capacity : 1.0;  // capacity is unused when b is 0
    k.fixed = inst.readme.toll_factor * l.toll + inst.readme.distance_factor * l.length;
    p.links.push_back(k);
  }
  assign::DemandClass c;
  c.name = "trips";
  for (const io::TntpTrip& t : inst.trips.trips)
    c.demand.push_back({t.origin - 1, t.destination - 1, t.volume});
  p.classes.push_back(std::move(c));
  return p;
}

Result<assign::Options> parse_assign_options(const json& request) {
  Fields f(request);
  return options_from(f);
}

Result<json> assign_tntp(const json& request, std::ostream* progress) {
  Fields f(request);
  CARAVAN_TRY(dir, f.str("tntp"));
  CARAVAN_TRY(o, options_from(f));
  if (auto st = f.no_unknown(); !st) return st.error();
  CARAVAN_TRY(inst, io::read_tntp(dir));
  assign::Benchmark b{tntp_problem(inst), inst.readme.objective, {}};
  for (const auto& fl : inst.flows) b.best_known_flows.push_back(fl.volume);
  attach_progress(o, progress);
  CARAVAN_TRY(r, assign::run_benchmark(b, o));
  const auto& s = r.solution;
  json out = run_json(s, o);
  out["instance"] = inst.name;
  if (r.published_scale) {
    out["published_objective"] = *b.published_objective;
    out["published_scale"] = *r.published_scale;
    out["objective_relative_error"] = *r.objective_relative_error;
  }
  json links = json::array();
  for (std::size_t a = 0; a < b.problem.links.size(); ++a)
    links.push_back({{"from", inst.net.links[a].from},
                     {"to", inst.net.links[a].to},
                     {"volume", s.volume[a]},
                     {"time", s.time[a]}});
  out["links"] = links;
  if (r.max_flow_difference)
    out["best_known_flows"] = {{"max_abs_difference", *r.max_flow_difference},
                               {"links_outside_tolerance", r.links_outside_tolerance}};
  json unserved = json::array();
  for (const auto& u : s.unserved)
    unserved.push_back(
        {{"origin", u.origin + 1}, {"destination", u.destination + 1}, {"volume", u.volume}});
  out["unserved"] = unserved;
  return out;
}

namespace {

json corridors_json(const std::vector<assign::CorridorFlow>& flows) {
  json out = json::array();
  for (const auto& c : flows)
    out.push_back({{"id", c.id},
                   {"name", c.name},
                   {"tonnes_py", c.tonnes_py},
                   {"share", c.share},
                   {"basis", c.basis}});
  return out;
}

}  // namespace

Result<json> assign_freight(const nw::Network& net, const json& request, std::ostream* progress) {
  Fields f(request);
  CARAVAN_TRY(path, f.str("demand"));
  CARAVAN_TRY(o, options_from(f));
  assign::FreightAssignmentRequest req;
  CARAVAN_TRY(qs, f.opt_num("queue_scale_hours", 0.0, 1e5));
  if (qs) req.params.queue_scale_hours = *qs;
  if (const json* cap = f.value("capacity")) {
    const json& c = *cap;
    if (!c.is_object())
      return field_error("capacity", "expected an object {\"id\": tonnes_per_year}");
    for (const auto& [k, v] : c.items()) {
      if (!v.is_number() || !(v.get<double>() > 0))
        return field_error("capacity", "value for '" + k + "' must be a number > 0");
      req.params.capacity_overrides.emplace_back(k, v.get<double>());
    }
  }
  if (auto st = f.no_unknown(); !st) return st.error();
  CARAVAN_TRY(rows, io::read_demand(path, net));
  for (const auto& r : rows)
    req.demand.push_back({r.origin, r.destination, r.commodity, r.tonnes_per_year});
  attach_progress(o, progress);
  req.options = o;
  CARAVAN_TRY(res, assign::run_freight_assignment(net, req));
  json out = run_json(res.solution, o);
  out["total_tonnes_py"] = res.total_tonnes_py;
  out["total_cost_usd_py"] = res.total_cost_usd_py;
  json links = json::array();
  for (const auto& fl : res.links) {
    const nw::Link& link = net.link(fl.link);
    json j = {{"id", link.id},
              {"from", net.location(link.from).id},
              {"to", net.location(link.to).id},
              {"mode", nw::name(link.mode)},
              {"tonnes_py", fl.tonnes_py},
              {"tonnes_py_reverse", fl.tonnes_py_reverse},
              {"delay_hours", fl.delay_hours}};
    if (link.capacity_tpy) j["capacity_tpy"] = *link.capacity_tpy;
    if (link.capacity_teu_py) j["capacity_teu_py"] = *link.capacity_teu_py;
    links.push_back(j);
  }
  out["links"] = links;
  json nodes = json::array();
  for (const auto& p : res.places)
    nodes.push_back({{"id", net.location(p.location).id}, {"tonnes_py", p.tonnes_py}});
  out["nodes"] = nodes;
  out["corridors"] = corridors_json(res.corridors);
  json bn = json::array();
  int rank = 0;
  for (const auto& b : res.bottlenecks)
    bn.push_back({{"rank", ++rank},
                  {"id", b.id},
                  {"kind", b.kind},
                  {"capacity_tpy", b.capacity_tpy},
                  {"tonnes_py", b.tonnes_py},
                  {"volume_capacity_ratio", b.ratio},
                  {"delay_hours", b.delay_hours},
                  {"binding", b.binding},
                  {"marginal_usd_per_tonne_capacity", b.marginal_usd_per_tonne}});
  out["bottlenecks"] = bn;
  json unserved = json::array();
  for (const auto& u : res.unserved)
    unserved.push_back({{"origin", net.location(u.origin).id},
                        {"destination", net.location(u.destination).id},
                        {"commodity", u.commodity},
                        {"tonnes_py", u.tonnes_py}});
  out["unserved"] = unserved;
  if (res.base) {
    json ov = json::object();
    for (const auto& [k, v] : req.params.capacity_overrides) ov[k] = v;
    out["scenario"] = {
        {"capacity", ov},
        {"base_total_cost_usd_py", res.base->total_cost_usd_py},
        {"delta_total_cost_usd_py", res.total_cost_usd_py - res.base->total_cost_usd_py},
        {"base_corridors", corridors_json(res.base->corridors)}};
  }
  return out;
}

json assign_geojson(const nw::Network& net, const json& result) {
  json features = json::array();
  double max_v = 1.0;
  for (const auto& l : result["links"])
    max_v = std::max(max_v, l["tonnes_py"].get<double>() + l["tonnes_py_reverse"].get<double>());
  for (const auto& l : result["links"]) {
    const auto link = net.find_link(l["id"].get<std::string>());
    if (!link) continue;
    const auto& a = net.location(net.link(*link).from).pos;
    const auto& b = net.location(net.link(*link).to).pos;
    json props = l;
    const double v = l["tonnes_py"].get<double>() + l["tonnes_py_reverse"].get<double>();
    props["width"] = 1.0 + 11.0 * v / max_v;  // px, for drawing flows by width
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "LineString"}, {"coordinates", {{a.lon, a.lat}, {b.lon, b.lat}}}}},
         {"properties", props}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

Result<json> prepare_assign(const std::string& network_dir, const json& request, bool local,
                            double max_seconds_cap) {
  namespace fs = std::filesystem;
  if (!request.is_object())
    return make_error(ErrorCode::InvalidRequest, "the request must be a JSON object");
  json req = request;
  if (max_seconds_cap > 0) {
    double s = max_seconds_cap;
    if (req.contains("max_seconds") && req["max_seconds"].is_number())
      s = std::min(s, req["max_seconds"].get<double>());
    req["max_seconds"] = s;
  }
  if (req.contains("tntp")) {
    if (req.contains("demand"))
      return field_error("tntp", "give demand (on the network) or tntp, not both");
    for (const char* k : {"capacity", "queue_scale_hours"})
      if (req.contains(k)) return field_error(k, "needs demand on a network, not tntp");
    return req;
  }
  std::string name = "demand";
  if (req.contains("demand")) {
    if (!req["demand"].is_string()) return field_error("demand", "expected a name");
    name = req["demand"].get<std::string>();
  }
  std::error_code ec;
  if (!(local && fs::is_regular_file(name, ec))) {
    if (name.size() > 4 && name.substr(name.size() - 4) == ".csv") name.resize(name.size() - 4);
    const fs::path path = fs::path(network_dir) / "demand" / (name + ".csv");
    if (name.empty() || name.find_first_of("/\\") != std::string::npos ||
        name.find("..") != std::string::npos || !fs::is_regular_file(path, ec))
      return make_error(ErrorCode::NotFound,
                        "unknown demand '" + name +
                            "': give the name of a CSV in the network's demand/ folder" +
                            (local ? " or a CSV file" : ""),
                        "demand");
    name = path.string();
  }
  req["demand"] = name;
  if (req.contains("capacity") && req["capacity"].is_array()) {
    json c = json::object();
    for (const auto& kv : req["capacity"]) {
      const std::string s = kv.is_string() ? kv.get<std::string>() : kv.dump();
      const auto eq = s.rfind('=');
      const auto v = eq == std::string::npos ? std::nullopt : text::parse_double(s.substr(eq + 1));
      if (!v) return field_error("capacity", "expects ID=TONNES_PER_YEAR, got '" + s + "'");
      c[s.substr(0, eq)] = *v;
    }
    req["capacity"] = c;
  }
  return req;
}

Result<json> assign(const nw::Network* net, const json& prepared, std::ostream* progress) {
  if (prepared.is_object() && prepared.contains("tntp")) return assign_tntp(prepared, progress);
  if (!net) return make_error(ErrorCode::Internal, "assign needs a network");
  return assign_freight(*net, prepared, progress);
}

}  // namespace caravan::api
