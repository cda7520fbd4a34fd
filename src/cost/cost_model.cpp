// The data-driven cost model.
#include "cost/cost_model.h"

#include <bit>
#include <cmath>

namespace caravan::cost {

double risk_weight(double p) { return p >= 1.0 ? 50.0 : -std::log1p(-p); }
double risk_probability(double w) { return -std::expm1(-w); }

double passage_risk(const network::Network& net, const network::Arc& arc) {
  if (arc.kind != network::ArcKind::Link) return 0.0;
  const network::Link& l = net.link(LinkId{arc.link});
  double w = 0;
  // Every country entered along the link, every chokepoint, and the location reached.
  for (std::size_t i = 1; i < l.countries.size(); ++i) {
    const auto c = arc.reverse ? l.countries[l.countries.size() - 1 - i] : l.countries[i];
    const auto prev = arc.reverse ? l.countries[l.countries.size() - i] : l.countries[i - 1];
    if (c != prev) w += risk_weight(net.country(c).disruption_probability);
  }
  for (auto c : l.chokepoints) w += risk_weight(net.chokepoint(c).disruption_probability);
  w += risk_weight(net.location(net.graph().nodes[arc.head.value].location).disruption_probability);
  return w;
}

double event_risk(const network::DisruptionEvent& e, int month) {
  if (month >= 1 && month <= 12) return e.in_month(month) ? risk_weight(e.probability) : 0.0;
  return risk_weight(e.probability * std::popcount(static_cast<unsigned>(e.months & 0x0FFF)) /
                     12.0);
}

double arc_event_risk(const network::Network& net, std::uint32_t a, int month) {
  double w = 0;
  for (auto e : net.arc_events(a)) w += event_risk(net.tables().disruptions[e], month);
  return w;
}

double origin_passage_risk(const network::Network& net, LocationId origin) {
  const auto& loc = net.location(origin);
  return risk_weight(net.country(loc.country).disruption_probability) +
         risk_weight(loc.disruption_probability);
}

double origin_risk(const network::Network& net, LocationId origin, int month) {
  double w = origin_passage_risk(net, origin);
  for (auto e : net.origin_events(origin)) w += event_risk(net.tables().disruptions[e], month);
  return w;
}

ArcWeights DataCostModel::weigh(const network::Network& net, const network::Arc& arc) const {
  using network::ArcKind;
  using network::Handling;
  ArcWeights w;
  const bool container = s_.handling == Handling::Container;
  const double t = s_.tonnes.value, teu = s_.teu.value;
  if (arc.kind == ArcKind::Link) {
    const network::Link& l = net.link(LinkId{arc.link});
    if (!l.carries(s_.handling))
      w.unusable = cost::Unusable::Handling;
    else if (l.closed_in(p_.month))
      w.unusable = cost::Unusable::Closed;
    if (const auto* rate = net.link_rate(arc.link, s_.handling, t))
      w.line_haul = Usd{rate->usd_per_tkm * t * l.km.value};  // by commodity class, train type
    else if (container && l.usd_per_teu)
      w.line_haul = Usd{*l.usd_per_teu * teu};
    else
      w.line_haul = Usd{l.usd_per_tkm.value_or(0) * t * l.km.value};
    w.line_haul += Usd{l.fixed_usd};
    w.moving = l.hours;
    w.waiting = network::mean_duration(net.tables(), l.wait, l.wait_dist, p_.month);
    w.co2 = KgCo2{net.tables().emission_classes[l.emission_class].g_co2e_per_tkm * t * l.km.value /
                  1000.0};
    w.risk = passage_risk(net, arc);
    const auto& arcs = net.graph().arcs;
    if (&arc >= arcs.data() && &arc < arcs.data() + arcs.size())  // an arc of the graph
      w.risk += arc_event_risk(net, static_cast<std::uint32_t>(&arc - arcs.data()), p_.month);
    if (arc.border != network::kNone) {
      const network::Border& b = net.tables().borders[arc.border];
      w.border = Usd{b.fee_usd + (container ? b.fee_usd_per_teu * teu : 0.0) + b.fee_usd_per_t * t};
      w.border_time = network::mean_duration(net.tables(), b.hours, b.hours_dist, p_.month);
    }
  } else {
    const std::uint32_t row = arc.transfer[static_cast<int>(s_.handling)];
    if (row == network::kNone) {
      if (arc.from_layer != arc.to_layer) w.unusable = cost::Unusable::NoTransfer;
    } else {
      const network::Transfer& x = net.tables().transfers[row];
      if (container && x.usd_per_teu)
        w.handling = Usd{*x.usd_per_teu * teu};
      else
        w.handling = Usd{x.usd_per_t.value_or(0) * t};
      w.handling += Usd{x.fixed_usd};
      w.handling_time = network::mean_duration(net.tables(), x.hours, x.hours_dist, p_.month);
    }
  }
  w.inventory = Usd{s_.value.value * p_.carrying_rate_per_year * w.hours().value / 8760.0};
  return w;
}

std::vector<ArcWeights> weigh_all(const network::Network& net, const CostModel& model) {
  std::vector<ArcWeights> out;
  out.reserve(net.graph().arc_count());
  for (const auto& arc : net.graph().arcs) out.push_back(model.weigh(net, arc));
  return out;
}

}  // namespace caravan::cost
