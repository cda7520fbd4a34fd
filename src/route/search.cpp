// Query compilation and the label-setting search over node x state.
#include "route/search.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

#include "core/node_heap.h"
#include "route/td_search.h"

namespace caravan::route {
namespace nw = caravan::network;

namespace {

bool matches_hs(const std::string& prefix, const std::string& hs) {
  return prefix == "*" || hs.rfind(prefix, 0) == 0;
}

template <class V, class T>
bool contains(const V& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

Result<Prepared> prepare(const nw::Network& net, std::vector<cost::ArcWeights> weights,
                         const Query& q, Timetable timetable) {
  Prepared p;
  p.net = &net;
  p.query = q;
  p.weights = std::move(weights);
  p.tt = std::move(timetable);
  const bool td = p.time_dependent();
  const auto& g = net.graph();
  const auto& c = q.constraints;
  const auto origin_country = net.location(q.from).country;
  const auto dest_country = net.location(q.to).country;

  // Contradictions that no search can resolve.
  auto unsat = [](std::string msg, std::string field) {
    return make_error(ErrorCode::Unsatisfiable, std::move(msg), std::move(field));
  };
  if (q.from == q.to) return unsat("origin and destination are the same location", "to");
  for (auto loc : {q.from, q.to}) {
    const bool is_from = loc == q.from;
    const std::string role = is_from ? "origin" : "destination";
    const std::string field = is_from ? "from" : "to";
    if (contains(c.avoid_locations, loc))
      return unsat(
          "the " + role + " " + net.location(loc).name + " is itself in the avoided locations",
          "avoid_locations");
    if (contains(c.avoid_countries, net.location(loc).country))
      return unsat("the " + role + " " + net.location(loc).name + " lies in " +
                       net.country(net.location(loc).country).iso2 + ", which is to be avoided",
                   "avoid");
  }
  for (auto v : c.via) {
    if (contains(c.avoid_locations, v))
      return unsat("via " + net.location(v).name + " is also an avoided location", "via");
    if (contains(c.avoid_countries, net.location(v).country))
      return unsat("via " + net.location(v).name + " lies in " +
                       net.country(net.location(v).country).iso2 + ", which is to be avoided",
                   "via");
  }
  for (auto rc : c.require_countries)
    if (contains(c.avoid_countries, rc))
      return unsat("country " + net.country(rc).iso2 + " is both required and avoided", "avoid");
  if (c.max_transshipments && *c.max_transshipments < 0)
    return unsat("max_transshipments must be >= 0", "max_transshipments");
  if (c.require_countries.size() > 8)
    return make_error(ErrorCode::LimitExceeded, "at most 8 required countries",
                      "require_countries");
  if (c.via.size() > 8)
    return make_error(ErrorCode::LimitExceeded, "at most 8 via locations", "via");

  // Countries closed to this commodity's transit: the query's rules and the network's rules.
  std::vector<CountryId> no_transit;
  auto add_rule = [&](const std::string& prefix, CountryId country) {
    if (matches_hs(prefix, q.hs) && country != origin_country && country != dest_country)
      no_transit.push_back(country);
  };
  for (const auto& r : c.transit_rules) add_rule(r.hs_prefix, r.country);
  if (!c.ignore_network_rules)
    for (const auto& r : net.tables().rules) add_rule(r.hs_prefix, r.country);

  // State space.
  p.vias = c.via;
  p.stages = static_cast<int>(c.via.size()) + 1;
  p.bits = static_cast<int>(c.require_countries.size()) + (c.via_any.empty() ? 0 : 1);
  p.full_mask = static_cast<std::uint16_t>((1u << p.bits) - 1);
  p.levels = c.max_transshipments ? *c.max_transshipments + 1 : 1;
  const std::uint16_t via_any_bit =
      c.via_any.empty() ? 0 : static_cast<std::uint16_t>(1u << c.require_countries.size());

  const std::size_t m = g.arc_count();
  p.scalar.resize(m);
  p.allowed.assign(m, 1);
  p.transship.assign(m, 0);
  p.arc_bits.assign(m, 0);
  // What the per-arc loop reads, computed once per location, country and link: closed (avoided,
  // or closed to this commodity's transit), a via_any place, the requirement bits it sets, and
  // for a link, forbidden by its mode, id, countries or chokepoints.
  const auto& tables = net.tables();
  std::vector<std::uint8_t> country_closed(tables.countries.size(), 0);
  std::vector<std::uint16_t> country_bit(tables.countries.size(), 0);
  for (auto cc : c.avoid_countries) country_closed[cc.value] = 1;
  for (auto cc : no_transit) country_closed[cc.value] = 1;
  for (std::size_t i = 0; i < c.require_countries.size(); ++i)
    country_bit[c.require_countries[i].value] |= static_cast<std::uint16_t>(1u << i);
  std::vector<std::uint8_t> loc_closed(tables.locations.size(), 0);
  std::vector<std::uint16_t> loc_bits(tables.locations.size(), 0);
  for (std::size_t i = 0; i < tables.locations.size(); ++i) {
    const auto country = tables.locations[i].country.value;
    loc_closed[i] = country_closed[country];
    loc_bits[i] = country_bit[country];
  }
  for (auto l : c.avoid_locations) loc_closed[l.value] = 1;
  for (auto l : c.via_any) loc_bits[l.value] |= via_any_bit;
  std::vector<std::uint8_t> link_closed(tables.links.size(), 0);
  std::vector<std::uint16_t> link_bits(tables.links.size(), 0);
  for (std::size_t i = 0; i < tables.links.size(); ++i) {
    const nw::Link& l = tables.links[i];
    bool closed = contains(c.avoid_modes, l.mode);
    for (auto country : l.countries) {
      closed = closed || country_closed[country.value];
      link_bits[i] |= country_bit[country.value];
    }
    for (auto ch : l.chokepoints) closed = closed || contains(c.avoid_chokepoints, ch);
    link_closed[i] = closed;
  }
  for (auto l : c.avoid_links) link_closed[l.value] = 1;
  for (std::size_t a = 0; a < m; ++a) {
    const nw::Arc& arc = g.arcs[a];
    const auto& w = p.weights[a];
    p.scalar[a] = scalar_weight(w, q.objective, q.value_of_time_usd_per_hour);
    const LocationId head_loc = g.nodes[arc.head.value].location;
    const LocationId tail_loc = g.nodes[arc.tail.value].location;
    // A route never comes back to its origin and ends where it first reaches the destination.
    // An arc with a row of time-dependent weights is usable in some epochs only: the search
    // reads its row.
    const bool has_row = td && p.tt.row[a] != kStaticArc;
    bool ok = (has_row || w.usable()) && !loc_closed[head_loc.value] &&
              !loc_closed[tail_loc.value] && head_loc != q.from && tail_loc != q.to;
    std::uint16_t bits = loc_bits[head_loc.value];
    if (arc.kind == nw::ArcKind::Link) {
      if (link_closed[arc.link]) ok = false;
      bits |= link_bits[arc.link];
    } else {
      const bool priced_hub = arc.transfer[0] != nw::kNone || arc.transfer[1] != nw::kNone ||
                              arc.transfer[2] != nw::kNone;
      p.transship[a] =
          arc.from_layer != arc.to_layer || (arc.from_layer == nw::Layer::Sea && priced_hub);
    }
    p.allowed[a] = ok;
    // A forbidden arc costs +infinity, so the stateless search needs no separate check.
    if (!ok || !w.usable()) p.scalar[a] = std::numeric_limits<double>::infinity();
    p.arc_bits[a] = bits;
  }
  if (td) {
    compile_scalars(p.tt, p.allowed, q.objective, q.value_of_time_usd_per_hour);
    p.td_arcs.resize(m);
    for (std::size_t a = 0; a < m; ++a)
      p.td_arcs[a] = p.tt.row[a] == kStaticArc
                         ? Prepared::TdArc{p.scalar[a], p.weights[a].hours().value}
                         : Prepared::TdArc{-1.0 - p.tt.row[a], 0.0};
    p.lower_in.resize(m);
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t a = g.in_arc[i];
      const double x = p.td_arcs[a].scalar;
      p.lower_in[i] = x >= 0 ? x : p.tt.lower[p.tt.row[a]];
    }
  }

  // Start state: the origin may itself satisfy requirements.
  std::uint32_t stage = 0;
  while (stage < p.vias.size() && p.vias[stage] == q.from) ++stage;
  const std::uint16_t mask = loc_bits[q.from.value];  // its country's bit, and via_any's
  p.start_state = (stage << p.bits) | mask;
  for (int y = 0; y < nw::kLayerCount; ++y)
    if (g.departure[q.from.value][y] != nw::kNone)
      p.sources.push_back(g.departure[q.from.value][y]);
  p.is_target.assign(g.node_count(), 0);
  for (int y = 0; y < nw::kLayerCount; ++y)
    if (g.arrival[q.to.value][y] != nw::kNone) {
      p.is_target[g.arrival[q.to.value][y]] = 1;
      p.targets.push_back(g.arrival[q.to.value][y]);
    }
  p.start_risk = cost::origin_risk(net, q.from, q.depart ? month_of(*q.depart) : 0);
  return p;
}

std::uint32_t transition(const Prepared& p, std::uint32_t state, ArcId arc) {
  if (!p.allowed[arc.value]) return UINT32_MAX;
  const std::uint32_t per_level = p.state_count();
  std::uint32_t level = state / per_level;
  const std::uint32_t inner = state % per_level;
  std::uint32_t stage = inner >> p.bits;
  std::uint32_t mask = inner & ((1u << p.bits) - 1);
  if (p.transship[arc.value] && p.query.constraints.max_transshipments) {
    if (++level >= static_cast<std::uint32_t>(p.levels)) return UINT32_MAX;
  }
  mask |= p.arc_bits[arc.value];
  const auto& g = p.net->graph();
  const auto& head = g.nodes[g.arcs[arc.value].head.value];
  if (!head.departure)
    while (stage < p.vias.size() && p.vias[stage] == head.location) ++stage;
  return level * per_level + ((stage << p.bits) | mask);
}

bool is_final_state(const Prepared& p, std::uint32_t state) {
  const std::uint32_t inner = state % p.state_count();
  return (inner >> p.bits) == p.vias.size() && (inner & p.full_mask) == p.full_mask;
}

namespace {

// The common case: no constraint needs a state and nothing is banned: plain Dijkstra over nodes,
// reading only the packed arrays (first_out, head, scalar; forbidden arcs cost +infinity) in the
// loop.
// Its arrays are kept per thread between queries: allocating them fresh costs page faults and
// zeroing (about 16 bytes per node) on every query of a large network.
struct StatelessWorkspace {
  std::vector<double> dist;
  std::vector<std::uint32_t> pred_arc;
  caravan::NodeHeap heap{0};
  void reset(std::size_t n) {
    dist.assign(n, std::numeric_limits<double>::infinity());
    pred_arc.assign(n, UINT32_MAX);
    if (heap.capacity() != n) heap = caravan::NodeHeap(n);
    heap.clear();
  }
};

std::optional<Path> best_path_stateless(const Prepared& p, const std::vector<Start>& starts) {
  const auto& g = p.net->graph();
  const std::size_t n = g.node_count();
  thread_local StatelessWorkspace ws;
  ws.reset(n);
  // Raw pointers: the loop must not reload the vectors through the thread-local block.
  double* dist = ws.dist.data();
  std::uint32_t* pred_arc = ws.pred_arc.data();
  caravan::NodeHeap& heap = ws.heap;
  for (const auto& s : starts) {
    dist[s.node] = 0;
    heap.push_or_decrease(s.node, 0);
  }
  const std::uint32_t* first_out = g.first_out.data();
  const std::uint32_t* head = g.head.data();
  const double* scalar = p.scalar.data();
  while (!heap.empty()) {
    const auto [d, v] = heap.pop();
    if (std::find(p.targets.begin(), p.targets.end(), v) != p.targets.end()) {
      Path path;
      path.weight = d;
      for (std::uint32_t x = v; pred_arc[x] != UINT32_MAX; x = g.arcs[pred_arc[x]].tail.value)
        path.arcs.push_back(ArcId{pred_arc[x]});
      std::reverse(path.arcs.begin(), path.arcs.end());
      return path;
    }
    for (std::uint32_t a = first_out[v], end = first_out[v + 1]; a < end; ++a) {
      const std::uint32_t h = head[a];
      const double nd = d + scalar[a];
      if (nd < dist[h]) {
        dist[h] = nd;
        pred_arc[h] = a;
        heap.push_or_decrease(h, nd);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Path> best_path(const Prepared& p, const std::vector<Start>& starts,
                              const Bans* bans) {
  if (p.time_dependent()) return best_path_td(p, starts, bans);
  if (!bans && p.states() == 1 && !p.query.constraints.max_transshipments)
    return best_path_stateless(p, starts);
  const auto& g = p.net->graph();
  const std::size_t n = g.node_count();
  const std::uint32_t S = p.states();
  const std::size_t total = n * S;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(total, kInf);
  std::vector<std::uint32_t> pred_arc(total, UINT32_MAX);
  std::vector<std::uint64_t> pred(total, UINT64_MAX);
  using Entry = std::pair<double, std::uint64_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (const auto& s : starts) {
    const std::uint64_t idx = static_cast<std::uint64_t>(s.node) * S + s.state;
    if (dist[idx] > 0) {
      dist[idx] = 0;
      heap.emplace(0.0, idx);
    }
  }
  std::uint64_t found = UINT64_MAX;
  while (!heap.empty()) {
    const auto [d, idx] = heap.top();
    heap.pop();
    if (d > dist[idx]) continue;
    const std::uint32_t v = static_cast<std::uint32_t>(idx / S);
    const std::uint32_t state = static_cast<std::uint32_t>(idx % S);
    if (p.is_target[v] && is_final_state(p, state)) {
      found = idx;
      break;
    }
    for (std::uint32_t a = g.first_out[v]; a < g.first_out[v + 1]; ++a) {
      if (bans && bans->arcs[a]) continue;
      const std::uint32_t head = g.head[a];
      if (bans && bans->nodes[head]) continue;
      const std::uint32_t ns = transition(p, state, ArcId{a});
      if (ns == UINT32_MAX) continue;
      const double nd = d + p.scalar[a];
      const std::uint64_t hidx = static_cast<std::uint64_t>(head) * S + ns;
      if (nd < dist[hidx]) {
        dist[hidx] = nd;
        pred[hidx] = idx;
        pred_arc[hidx] = a;
        heap.emplace(nd, hidx);
      }
    }
  }
  if (found == UINT64_MAX) return std::nullopt;
  Path path;
  path.weight = dist[found];
  for (std::uint64_t idx = found; pred_arc[idx] != UINT32_MAX; idx = pred[idx])
    path.arcs.push_back(ArcId{pred_arc[idx]});
  std::reverse(path.arcs.begin(), path.arcs.end());
  return path;
}

std::optional<Path> best_path(const Prepared& p) {
  std::vector<Start> starts;
  for (auto s : p.sources) starts.push_back({s, p.start_state});
  return best_path(p, starts, nullptr);
}

}  // namespace caravan::route
