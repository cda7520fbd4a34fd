#include "assign/freight_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "cost/cost_model.h"
#include "cost/shipment.h"

namespace caravan::assign {
namespace nw = caravan::network;

namespace {

std::optional<double> tonnes_capacity(std::optional<double> tpy, std::optional<double> teu_py,
                                      const FreightParams& params) {
  if (tpy) return *tpy;
  if (teu_py) return *teu_py * params.tonnes_per_teu_capacity;
  return std::nullopt;
}

}  // namespace

Result<FreightModel> build_freight_model(const nw::Network& net,
                                         const std::vector<FreightDemand>& demand,
                                         const FreightParams& params) {
  FreightModel fm;
  const nw::Graph& g = net.graph();
  const auto locations = static_cast<std::uint32_t>(net.location_count());
  Problem& p = fm.problem;
  p.name = net.tables().name;
  fm.zone_count = locations;
  p.node_count = locations + static_cast<std::uint32_t>(g.node_count());
  p.first_through_node = locations;

  // Classes: one per commodity with demand, each with its arc weights.
  std::map<std::uint32_t, std::size_t> class_of;
  for (const FreightDemand& d : demand) {
    if (!class_of.count(d.commodity.value)) {
      class_of[d.commodity.value] = fm.class_commodity.size();
      fm.class_commodity.push_back(d.commodity);
    }
  }
  std::vector<std::vector<cost::ArcWeights>> weights;
  std::vector<double> per_shipment_tonnes;
  for (CommodityId c : fm.class_commodity) {
    const nw::Commodity& com = net.commodity(c);
    const bool box = com.handling == nw::Handling::Container;
    auto ship = cost::make_shipment(net, com.id, box ? std::nullopt : std::optional<double>(1000.0),
                                    box ? std::optional<double>(1.0) : std::nullopt, std::nullopt);
    if (!ship) return ship.error();
    cost::Params cp;
    cp.carrying_rate_per_year = net.tables().carrying_rate_per_year;
    const double t = ship->tonnes.value;
    weights.push_back(cost::weigh_all(net, cost::DataCostModel(*ship, cp)));
    per_shipment_tonnes.push_back(t);
    const double vot = com.value_usd_per_t * (cp.carrying_rate_per_year / 8760.0 +
                                              params.value_of_time_share_per_day / 24.0);
    fm.value_of_time.push_back(std::max(vot, 1e-6));
    DemandClass dc;
    dc.name = com.id;
    dc.value_of_time = fm.value_of_time.back();
    p.classes.push_back(std::move(dc));
  }

  // Links: every arc of the expanded graph, then zone connectors.
  const std::size_t classes = p.classes.size();
  std::map<std::string, std::size_t> point_index;
  auto point = [&](const std::string& id, const std::string& kind, LocationId loc,
                   double cap) -> std::size_t {
    auto [it, fresh] = point_index.emplace(id, fm.points.size());
    if (fresh) fm.points.push_back({id, kind, loc, {}, cap});
    return it->second;
  };
  for (std::uint32_t a = 0; a < g.arc_count(); ++a) {
    const nw::Arc& arc = g.arcs[a];
    Link l;
    l.tail = locations + arc.tail.value;
    l.head = locations + arc.head.value;
    const auto idx = static_cast<std::uint32_t>(p.links.size());
    // The free-flow time shared by every class is the least class time; the rest is class money.
    double t0 = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < classes; ++k)
      if (weights[k][a].usable()) t0 = std::min(t0, weights[k][a].hours().value);
    if (std::isinf(t0)) t0 = 0.0;
    l.delay.free_time = t0;
    l.delay.b = 0.0;
    std::optional<std::size_t> pt;
    bool queue = false;
    if (arc.kind == nw::ArcKind::Link) {
      const nw::Link& link = net.link(LinkId{arc.link});
      const nw::Border* border =
          arc.border != nw::kNone ? &net.tables().borders[arc.border] : nullptr;
      if (auto cap = border ? tonnes_capacity(border->capacity_tpy, border->capacity_teu_py, params)
                            : std::nullopt) {
        pt = point(net.location(border->from).id + ">" + net.location(border->to).id, "border",
                   border->from, *cap);
        queue = true;
      } else if (auto lc = tonnes_capacity(link.capacity_tpy, link.capacity_teu_py, params)) {
        pt = point(link.id, "link", link.from, *lc);
        queue = link.mode == nw::Mode::Ferry;
      }
    } else {
      for (std::uint32_t row : arc.transfer) {
        if (row == nw::kNone) continue;
        const nw::Transfer& tr = net.tables().transfers[row];
        if (auto cap = tonnes_capacity(tr.capacity_tpy, tr.capacity_teu_py, params)) {
          const nw::Node& node = g.nodes[arc.tail.value];
          pt = point(net.location(node.location).id + ":" + std::string(nw::name(arc.from_layer)) +
                         ">" + std::string(nw::name(arc.to_layer)),
                     "port", node.location, *cap);
          queue = true;
          break;
        }
      }
    }
    if (pt) {
      fm.points[*pt].links.push_back(idx);
      if (queue) {
        l.delay.kind = DelayKind::Queue;
        l.delay.scale = params.queue_scale_hours;
      } else {
        l.delay.b = params.bpr_b;
        l.delay.power = params.bpr_power;
      }
    }
    p.links.push_back(l);
    fm.arc_of.push_back(a);
  }
  for (auto& cp : fm.points) {
    for (const auto& [id, value] : params.capacity_overrides) {
      if (cp.id == id || net.location(cp.location).id == id) cp.capacity_tpy = value;
    }
    if (!(cp.capacity_tpy > 0)) {
      return make_error(ErrorCode::InvalidData,
                        "capacity point '" + cp.id + "': capacity must be > 0", "capacity");
    }
    for (std::uint32_t l : cp.links) p.links[l].delay.capacity = cp.capacity_tpy;
  }
  for (const auto& [id, value] : params.capacity_overrides) {
    const std::string& key = id;  // clang 14 cannot capture a structured binding
    const bool used = std::any_of(fm.points.begin(), fm.points.end(), [&](const CapacityPoint& c) {
      return c.id == key || net.location(c.location).id == key;
    });
    if (!used) {
      return make_error(ErrorCode::NotFound,
                        "no capacity point '" + id +
                            "' (a link id, FROM>TO border, LOC:layer>layer port, or location id)",
                        "capacity");
    }
  }
  const std::uint32_t arc_links = static_cast<std::uint32_t>(p.links.size());
  for (std::uint32_t loc = 0; loc < locations; ++loc) {
    for (int layer = 0; layer < nw::kLayerCount; ++layer) {
      if (g.departure[loc][layer] != nw::kNone) {
        p.links.push_back({loc, locations + g.departure[loc][layer], {}, 0.0});
        p.links.back().delay.b = 0.0;
        fm.arc_of.push_back(UINT32_MAX);
      }
      if (g.arrival[loc][layer] != nw::kNone) {
        p.links.push_back({locations + g.arrival[loc][layer], loc, {}, 0.0});
        p.links.back().delay.b = 0.0;
        fm.arc_of.push_back(UINT32_MAX);
      }
    }
  }
  // Class money (USD per tonne) and usable arcs.
  for (std::size_t k = 0; k < classes; ++k) {
    DemandClass& dc = p.classes[k];
    dc.money.assign(p.links.size(), 0.0);
    dc.allowed.assign(p.links.size(), 1);
    for (std::uint32_t a = 0; a < arc_links; ++a) {
      const cost::ArcWeights& w = weights[k][a];
      if (!w.usable()) {
        dc.allowed[a] = 0;
        continue;
      }
      const double usd = (w.line_haul + w.handling + w.border).value / per_shipment_tonnes[k];
      const double extra_hours = std::max(0.0, w.hours().value - p.links[a].delay.free_time);
      dc.money[a] = usd + dc.value_of_time * extra_hours;
    }
  }
  for (const FreightDemand& d : demand) {
    p.classes[class_of[d.commodity.value]].demand.push_back(
        {d.origin.value, d.destination.value, d.tonnes_per_year});
  }
  p.node_names.resize(p.node_count);
  for (std::uint32_t loc = 0; loc < locations; ++loc)
    p.node_names[loc] = net.location(LocationId{loc}).id;
  return fm;
}

std::vector<Bottleneck> bottlenecks(const FreightModel& model, const Solution& s) {
  std::vector<Bottleneck> out;
  const Problem& p = model.problem;
  for (std::size_t i = 0; i < model.points.size(); ++i) {
    const CapacityPoint& cp = model.points[i];
    Bottleneck b;
    b.point = i;
    for (std::uint32_t l : cp.links) {
      const DelayFunction& f = p.links[l].delay;
      if (s.volume[l] >= b.volume) {
        b.volume = s.volume[l];
        b.ratio = s.volume[l] / f.capacity;
        b.delay_hours = s.time[l] - f.free_time;
      }
      // d time / d capacity by central difference.
      const double h = 1e-4 * f.capacity;
      DelayFunction up = f, down = f;
      up.capacity += h;
      down.capacity -= h;
      const double dt_dc = (up.time(s.volume[l]) - down.time(s.volume[l])) / (2 * h);
      for (std::size_t k = 0; k < p.classes.size(); ++k)
        b.marginal_usd_per_tonne -= s.class_volume[k][l] * p.classes[k].value_of_time * dt_dc;
    }
    out.push_back(b);
  }
  std::sort(out.begin(), out.end(), [](const Bottleneck& x, const Bottleneck& y) {
    return x.marginal_usd_per_tonne != y.marginal_usd_per_tonne
               ? x.marginal_usd_per_tonne > y.marginal_usd_per_tonne
               : x.ratio > y.ratio;
  });
  return out;
}

double total_cost_usd(const FreightModel& model, const Solution& s) {
  double usd = 0.0;
  const Problem& p = model.problem;
  for (std::size_t k = 0; k < p.classes.size(); ++k) {
    const DemandClass& c = p.classes[k];
    for (std::size_t a = 0; a < p.links.size(); ++a) {
      const double x = s.class_volume[k][a];
      if (x > 0) usd += x * (c.money[a] + c.value_of_time * s.time[a]);
    }
  }
  return usd;
}

}  // namespace caravan::assign
