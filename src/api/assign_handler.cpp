// Assignment requests: TNTP benchmarks and annual freight demand on the network.
#include "api/assign_handler.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <ostream>

#include "api/request.h"
#include "core/text.h"
#include "io/demand_reader.h"

namespace caravan::api {
namespace nw = caravan::network;
using nlohmann::json;

namespace {

Error bad(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::InvalidRequest, "'" + field + "' " + message, field);
}

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
      return bad("algorithm", "must be b, fw, cfw, bfw or aon, not '" + a + "'");
  }
  auto obj = f.opt_str("objective");
  if (!obj) return obj.error();
  if (*obj) {
    if (**obj == "ue")
      o.objective = assign::Objective::UserEquilibrium;
    else if (**obj == "so")
      o.objective = assign::Objective::SystemOptimum;
    else
      return bad("objective", "must be ue or so, not '" + **obj + "'");
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
  auto dir = f.str("tntp");
  if (!dir) return dir.error();
  auto o = options_from(f);
  if (!o) return o.error();
  if (auto st = f.no_unknown(); !st) return st.error();
  auto inst = io::read_tntp(*dir);
  if (!inst) return inst.error();
  const assign::Problem p = tntp_problem(*inst);
  attach_progress(*o, progress);
  auto s = assign::solve(p, *o);
  if (!s) return s.error();
  json out = run_json(*s, *o);
  out["instance"] = inst->name;
  if (inst->readme.objective && *inst->readme.objective > 0 && s->objective > 0) {
    // Some READMEs state the objective in another unit (SiouxFalls: / 1e5); report the power of
    // ten that relates the two and the relative difference after scaling.
    const double published = *inst->readme.objective;
    const double k = std::round(std::log10(s->objective / published));
    const double scaled = published * std::pow(10.0, k);
    out["published_objective"] = published;
    out["published_scale"] = std::pow(10.0, k);
    out["objective_relative_error"] = std::abs(s->objective - scaled) / scaled;
  }
  json links = json::array();
  for (std::size_t a = 0; a < p.links.size(); ++a) {
    links.push_back({{"from", inst->net.links[a].from},
                     {"to", inst->net.links[a].to},
                     {"volume", s->volume[a]},
                     {"time", s->time[a]}});
  }
  out["links"] = links;
  if (inst->flows.size() == p.links.size()) {
    std::size_t outside = 0;
    double worst = 0.0;
    for (std::size_t a = 0; a < p.links.size(); ++a) {
      const double ref = inst->flows[a].volume, d = std::abs(ref - s->volume[a]);
      worst = std::max(worst, d);
      if (d > 1.0 && d > 1e-3 * std::abs(ref)) ++outside;
    }
    out["best_known_flows"] = {{"max_abs_difference", worst}, {"links_outside_tolerance", outside}};
  }
  json unserved = json::array();
  for (const auto& u : s->unserved)
    unserved.push_back(
        {{"origin", u.origin + 1}, {"destination", u.destination + 1}, {"volume", u.volume}});
  out["unserved"] = unserved;
  return out;
}

namespace {

// Tonnes per year passing each location (sum over link arcs arriving there).
std::vector<double> location_throughput(const nw::Network& net, const assign::FreightModel& fm,
                                        const assign::Solution& s) {
  std::vector<double> t(net.location_count(), 0.0);
  for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
    if (fm.arc_of[l] == UINT32_MAX) continue;
    const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
    if (arc.kind != nw::ArcKind::Link) continue;
    t[net.graph().nodes[arc.head.value].location.value] += s.volume[l];
  }
  return t;
}

// Corridor volume: tonnes through its gateway places (via_any), or, without gateways, tonnes
// crossing into its first required country.
json corridor_json(const nw::Network& net, const assign::FreightModel& fm,
                   const assign::Solution& s, double total) {
  const auto through = location_throughput(net, fm, s);
  json out = json::array();
  for (const nw::Corridor& c : net.tables().corridors) {
    double v = 0.0;
    std::string basis;
    if (!c.via_any.empty()) {
      for (LocationId l : c.via_any) v += through[l.value];
      basis = "gateways";
    } else if (!c.require_countries.empty()) {
      const CountryId want = c.require_countries.front();
      for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
        if (fm.arc_of[l] == UINT32_MAX) continue;
        const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
        if (arc.kind != nw::ArcKind::Link) continue;
        const auto& from = net.location(net.graph().nodes[arc.tail.value].location);
        const auto& to = net.location(net.graph().nodes[arc.head.value].location);
        if (to.country == want && from.country != want) v += s.volume[l];
      }
      basis = "entering " + net.country(want).iso2;
    } else {
      continue;
    }
    out.push_back({{"id", c.id},
                   {"name", c.name},
                   {"tonnes_py", v},
                   {"share", total > 0 ? v / total : 0.0},
                   {"basis", basis}});
  }
  return out;
}

struct FreightRun {
  assign::FreightModel model;
  assign::Solution solution;
};

Result<FreightRun> run_freight(const nw::Network& net, const std::vector<assign::FreightDemand>& d,
                               const assign::FreightParams& params, const assign::Options& o) {
  auto fm = assign::build_freight_model(net, d, params);
  if (!fm) return fm.error();
  auto s = assign::solve(fm->problem, o);
  if (!s) return s.error();
  return FreightRun{std::move(*fm), std::move(*s)};
}

}  // namespace

Result<json> assign_freight(const nw::Network& net, const json& request, std::ostream* progress) {
  Fields f(request);
  auto path = f.str("demand");
  if (!path) return path.error();
  auto o = options_from(f);
  if (!o) return o.error();
  assign::FreightParams params;
  auto qs = f.opt_num("queue_scale_hours", 0.0, 1e5);
  if (!qs) return qs.error();
  if (*qs) params.queue_scale_hours = **qs;
  std::vector<std::pair<std::string, double>> overrides;
  if (f.has("capacity")) {
    const json& c = f.raw()["capacity"];
    if (!c.is_object()) return bad("capacity", "expected an object {\"id\": tonnes_per_year}");
    for (const auto& [k, v] : c.items()) {
      if (!v.is_number() || !(v.get<double>() > 0))
        return bad("capacity", "value for '" + k + "' must be a number > 0");
      overrides.emplace_back(k, v.get<double>());
    }
  }
  static const std::vector<std::string> kKnown = {
      "demand",      "algorithm",         "objective", "gap",    "max_iterations",
      "max_seconds", "queue_scale_hours", "capacity",  "threads"};
  for (auto it = request.begin(); it != request.end(); ++it) {
    if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end())
      return bad(it.key(), "is not a known field");
  }
  auto rows = io::read_demand(*path, net);
  if (!rows) return rows.error();
  std::vector<assign::FreightDemand> demand;
  double total = 0.0;
  for (const auto& r : *rows) {
    demand.push_back({r.origin, r.destination, r.commodity, r.tonnes_per_year});
    total += r.tonnes_per_year;
  }
  attach_progress(*o, progress);
  std::optional<FreightRun> base;
  if (!overrides.empty()) {
    auto b = run_freight(net, demand, params, *o);
    if (!b) return b.error();
    base = std::move(*b);
  }
  params.capacity_overrides = overrides;
  auto run = run_freight(net, demand, params, *o);
  if (!run) return run.error();
  const assign::FreightModel& fm = run->model;
  const assign::Solution& s = run->solution;
  json out = run_json(s, *o);
  out["total_tonnes_py"] = total;
  out["total_cost_usd_py"] = assign::total_cost_usd(fm, s);
  // Links of the network: both directions' arcs summed per direction.
  std::map<std::uint32_t, std::pair<double, double>> link_volume;
  std::map<std::uint32_t, double> link_delay;
  for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
    if (fm.arc_of[l] == UINT32_MAX) continue;
    const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
    if (arc.kind != nw::ArcKind::Link) continue;
    auto& v = link_volume[arc.link];
    (arc.reverse ? v.second : v.first) += s.volume[l];
    link_delay[arc.link] =
        std::max(link_delay[arc.link], s.time[l] - fm.problem.links[l].delay.free_time);
  }
  json links = json::array();
  for (const auto& [id, v] : link_volume) {
    const nw::Link& link = net.link(LinkId{id});
    json j = {{"id", link.id},
              {"from", net.location(link.from).id},
              {"to", net.location(link.to).id},
              {"mode", nw::name(link.mode)},
              {"tonnes_py", v.first},
              {"tonnes_py_reverse", v.second},
              {"delay_hours", link_delay[id]}};
    if (link.capacity_tpy) j["capacity_tpy"] = *link.capacity_tpy;
    if (link.capacity_teu_py) j["capacity_teu_py"] = *link.capacity_teu_py;
    links.push_back(j);
  }
  out["links"] = links;
  const auto through = location_throughput(net, fm, s);
  json nodes = json::array();
  for (std::size_t l = 0; l < through.size(); ++l) {
    if (through[l] > 0)
      nodes.push_back({{"id", net.location(LocationId{static_cast<std::uint32_t>(l)}).id},
                       {"tonnes_py", through[l]}});
  }
  out["nodes"] = nodes;
  out["corridors"] = corridor_json(net, fm, s, total);
  json bn = json::array();
  int rank = 0;
  for (const auto& b : assign::bottlenecks(fm, s)) {
    const auto& cp = fm.points[b.point];
    bn.push_back({{"rank", ++rank},
                  {"id", cp.id},
                  {"kind", cp.kind},
                  {"capacity_tpy", cp.capacity_tpy},
                  {"tonnes_py", b.volume},
                  {"volume_capacity_ratio", b.ratio},
                  {"delay_hours", b.delay_hours},
                  {"binding", b.ratio >= 0.9},
                  {"marginal_usd_per_tonne_capacity", b.marginal_usd_per_tonne}});
  }
  out["bottlenecks"] = bn;
  json unserved = json::array();
  for (const auto& u : s.unserved) {
    unserved.push_back({{"origin", net.location(LocationId{u.origin}).id},
                        {"destination", net.location(LocationId{u.destination}).id},
                        {"commodity", fm.problem.classes[u.cls].name},
                        {"tonnes_py", u.volume}});
  }
  out["unserved"] = unserved;
  if (base) {
    const double before = assign::total_cost_usd(base->model, base->solution);
    const double after = out["total_cost_usd_py"].get<double>();
    json ov = json::object();
    for (const auto& [k, v] : overrides) ov[k] = v;
    out["scenario"] = {{"capacity", ov},
                       {"base_total_cost_usd_py", before},
                       {"delta_total_cost_usd_py", after - before},
                       {"base_corridors", corridor_json(net, base->model, base->solution, total)}};
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
      return bad("tntp", "give demand (on the network) or tntp, not both");
    for (const char* k : {"capacity", "queue_scale_hours"})
      if (req.contains(k)) return bad(k, "needs demand on a network, not tntp");
    return req;
  }
  std::string name = "demand";
  if (req.contains("demand")) {
    if (!req["demand"].is_string()) return bad("demand", "expected a name");
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
      if (!v) return bad("capacity", "expects ID=TONNES_PER_YEAR, got '" + s + "'");
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
