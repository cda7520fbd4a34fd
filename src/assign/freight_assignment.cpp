// Freight assignment results and benchmark checks.
#include "assign/freight_assignment.h"

#include <cmath>
#include <map>

namespace caravan::assign {
namespace nw = caravan::network;

namespace {

// Tonnes per year passing each location (sum over link arcs arriving there).
std::vector<double> location_throughput(const nw::Network& net, const FreightModel& fm,
                                        const Solution& s) {
  std::vector<double> t(net.location_count(), 0.0);
  for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
    if (fm.arc_of[l] == UINT32_MAX) continue;
    const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
    if (arc.kind != nw::ArcKind::Link) continue;
    t[net.graph().nodes[arc.head.value].location.value] += s.volume[l];
  }
  return t;
}

std::vector<CorridorFlow> corridor_flows(const nw::Network& net, const FreightModel& fm,
                                         const Solution& s, double total) {
  const auto through = location_throughput(net, fm, s);
  std::vector<CorridorFlow> out;
  for (const nw::Corridor& c : net.tables().corridors) {
    CorridorFlow f{c.id, c.name, {}, 0.0, 0.0};
    if (!c.via_any.empty()) {
      for (LocationId l : c.via_any) f.tonnes_py += through[l.value];
      f.basis = "gateways";
    } else if (!c.require_countries.empty()) {
      const CountryId want = c.require_countries.front();
      for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
        if (fm.arc_of[l] == UINT32_MAX) continue;
        const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
        if (arc.kind != nw::ArcKind::Link) continue;
        // A corridor is a freight route: crude in a pipeline through the country (CPC across
        // Russia) is not traffic of the corridor.
        if (net.link(LinkId{arc.link}).mode == nw::Mode::Pipeline) continue;
        const auto& from = net.location(net.graph().nodes[arc.tail.value].location);
        const auto& to = net.location(net.graph().nodes[arc.head.value].location);
        if (to.country == want && from.country != want) f.tonnes_py += s.volume[l];
      }
      f.basis = "entering " + net.country(want).iso2 + " (pipelines not counted)";
    } else {
      continue;
    }
    f.share = total > 0 ? f.tonnes_py / total : 0.0;
    out.push_back(std::move(f));
  }
  return out;
}

struct Solved {
  FreightModel model;
  Solution solution;
};
Result<Solved> solve_freight(const nw::Network& net, const std::vector<FreightDemand>& d,
                             const FreightParams& params, const Options& o) {
  CARAVAN_TRY(fm, build_freight_model(net, d, params));
  CARAVAN_TRY(s, solve(fm.problem, o));
  return Solved{std::move(fm), std::move(s)};
}

}  // namespace

Result<FreightAssignmentResult> run_freight_assignment(const nw::Network& net,
                                                       const FreightAssignmentRequest& r) {
  FreightAssignmentResult out;
  for (const auto& d : r.demand) out.total_tonnes_py += d.tonnes_per_year;
  if (!r.params.capacity_overrides.empty()) {
    FreightParams base_params = r.params;
    base_params.capacity_overrides.clear();
    CARAVAN_TRY(b, solve_freight(net, r.demand, base_params, r.options));
    out.base = FreightAssignmentResult::Base{
        total_cost_usd(b.model, b.solution),
        corridor_flows(net, b.model, b.solution, out.total_tonnes_py)};
  }
  CARAVAN_TRY(run, solve_freight(net, r.demand, r.params, r.options));
  const FreightModel& fm = run.model;
  const Solution& s = run.solution;
  out.total_cost_usd_py = total_cost_usd(fm, s);
  // Links of the network: both directions' arcs summed per direction.
  std::map<std::uint32_t, LinkFlow> links;
  for (std::size_t l = 0; l < fm.arc_of.size(); ++l) {
    if (fm.arc_of[l] == UINT32_MAX) continue;
    const nw::Arc& arc = net.graph().arcs[fm.arc_of[l]];
    if (arc.kind != nw::ArcKind::Link) continue;
    auto& f = links[arc.link];
    f.link = LinkId{arc.link};
    (arc.reverse ? f.tonnes_py_reverse : f.tonnes_py) += s.volume[l];
    f.delay_hours = std::max(f.delay_hours, s.time[l] - fm.problem.links[l].delay.free_time);
  }
  for (auto& [id, f] : links) out.links.push_back(f);
  const auto through = location_throughput(net, fm, s);
  for (std::size_t l = 0; l < through.size(); ++l)
    if (through[l] > 0)
      out.places.push_back({LocationId{static_cast<std::uint32_t>(l)}, through[l]});
  out.corridors = corridor_flows(net, fm, s, out.total_tonnes_py);
  for (const auto& b : bottlenecks(fm, s)) {
    const auto& cp = fm.points[b.point];
    out.bottlenecks.push_back({cp.id, cp.kind, cp.capacity_tpy, b.volume, b.ratio, b.delay_hours,
                               b.marginal_usd_per_tonne, b.ratio >= 0.9});
  }
  for (const auto& u : s.unserved)
    out.unserved.push_back({LocationId{u.origin}, LocationId{u.destination},
                            fm.problem.classes[u.cls].name, u.volume});
  out.solution = std::move(run.solution);
  return out;
}

Result<BenchmarkResult> run_benchmark(const Benchmark& b, const Options& options) {
  CARAVAN_TRY(s, solve(b.problem, options));
  BenchmarkResult out;
  if (b.published_objective && *b.published_objective > 0 && s.objective > 0) {
    const double published = *b.published_objective;
    const double k = std::round(std::log10(s.objective / published));
    const double scaled = published * std::pow(10.0, k);
    out.published_scale = std::pow(10.0, k);
    out.objective_relative_error = std::abs(s.objective - scaled) / scaled;
  }
  if (b.best_known_flows.size() == b.problem.links.size()) {
    double worst = 0.0;
    for (std::size_t a = 0; a < b.problem.links.size(); ++a) {
      const double ref = b.best_known_flows[a], d = std::abs(ref - s.volume[a]);
      worst = std::max(worst, d);
      if (d > 1.0 && d > 1e-3 * std::abs(ref)) ++out.links_outside_tolerance;
    }
    out.max_flow_difference = worst;
  }
  out.solution = std::move(s);
  return out;
}

}  // namespace caravan::assign
