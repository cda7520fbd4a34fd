// Policy regimes compiled onto the arcs of a query.
#include "route/policy.h"

#include <algorithm>
#include <cmath>

namespace caravan::route {
namespace nw = caravan::network;

namespace {

template <class V, class T>
bool has(const V& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Whether a party of country `c` is within the reach of regime `p`.
bool reaches(const nw::Network& net, const nw::Policy& p, const std::string& c) {
  if (p.issuer == "MARKET" || has(p.party_countries, std::string("*"))) return true;  // anyone's
  if (c.empty()) return false;  // a party of unknown country: only measures on anyone reach it
  auto in = [&](const std::string& code) {
    if (code == "*" || code == c) return true;
    for (const auto& b : net.tables().blocs)
      if (b.id == code) return has(b.members, c);
    return false;
  };
  if (p.party_countries.empty()) return in(p.issuer);
  return std::any_of(p.party_countries.begin(), p.party_countries.end(), in);
}

double low(const nw::Uncertain& u) { return u.low.value_or(0.0); }
double high(const nw::Uncertain& u) { return u.high.value_or(u.low.value_or(0.0)); }

// The regime's effect on one entry into its scope.
PolicyHit hit_of(const nw::Policy& p, const cost::Shipment& s) {
  PolicyHit h;
  using E = nw::PolicyEffect;
  switch (p.effect) {
    case E::Permit: {
      h.risk = low(p.refusal_probability);
      // The delay's mean: a triangular min/mode/max, or the mode alone.
      const auto& a = p.delay_hours_min;
      const auto& m = p.delay_hours_mode;
      const auto& b = p.delay_hours_max;
      if (a.low && m.low && b.low) {
        h.hours = (low(a) + low(m) + low(b)) / 3.0;
        h.hours_high = (high(a) + high(m) + high(b)) / 3.0;
      } else {
        h.hours = low(m);
        h.hours_high = high(m);
      }
      h.unknown = p.refusal_probability.unknown || m.unknown || (!a.unknown && b.unknown);
      break;
    }
    case E::Cost:
    case E::Premium: {
      const auto& pct = p.effect == E::Cost ? p.cost_pct_value : p.premium_pct_value;
      const double v = s.value.value / 100.0;
      h.usd = low(pct) * v + low(p.cost_usd_per_t) * s.tonnes.value +
              low(p.cost_usd_per_teu) * s.teu.value;
      h.usd_high = high(pct) * v + high(p.cost_usd_per_t) * s.tonnes.value +
                   high(p.cost_usd_per_teu) * s.teu.value;
      h.unknown = pct.unknown || p.cost_usd_per_t.unknown || p.cost_usd_per_teu.unknown;
      break;
    }
    case E::Risk:
      h.risk = low(p.risk);
      h.unknown = p.risk.unknown;
      break;
    case E::Forbid:
      break;
  }
  h.usd_high = std::max(h.usd_high, h.usd);
  h.hours_high = std::max(h.hours_high, h.hours);
  return h;
}

}  // namespace

Parties parties_of(const nw::Network& net, const Query& q) {
  Parties p = q.parties;
  if (p.seller.empty()) p.seller = net.country(net.location(q.from).country).iso2;
  if (p.buyer.empty()) p.buyer = net.country(net.location(q.to).country).iso2;
  return p;
}

Date policy_date(const nw::Network& net, const Query& q) {
  return q.depart.value_or(net.tables().as_of);
}

bool binds(const nw::Network& net, const nw::Policy& p, const Parties& parties,
           const std::string& hs, Date day) {
  if (!p.in_force(day)) return false;
  if (!p.hs_prefixes.empty() &&
      std::none_of(p.hs_prefixes.begin(), p.hs_prefixes.end(),
                   [&](const std::string& pre) { return hs.rfind(pre, 0) == 0; }))
    return false;
  if (p.anyone) return true;
  return ((p.binds & nw::kSeller) && reaches(net, p, parties.seller)) ||
         ((p.binds & nw::kBuyer) && reaches(net, p, parties.buyer)) ||
         ((p.binds & nw::kCarrier) && reaches(net, p, parties.carrier));
}

PolicyEffects apply_policies_at(const nw::Network& net, const Query& q,
                                const cost::Shipment& shipment, Date day,
                                const std::function<cost::ArcWeights*(std::uint32_t)>& slot,
                                const std::vector<CoveredArcs>* only) {
  PolicyEffects out;
  const auto& c = q.constraints;
  if (c.ignore_policies || net.tables().policies.empty()) return out;
  const Parties parties = only ? Parties{} : parties_of(net, q);
  const auto& g = net.graph();
  const std::size_t count = only ? only->size() : net.tables().policies.size();
  for (std::size_t k = 0; k < count; ++k) {
    const auto pi = only ? (*only)[k].policy : static_cast<std::uint32_t>(k);
    const auto& arcs = only ? (*only)[k].arcs : net.policy_arcs(pi);
    const nw::Policy& p = net.tables().policies[pi];
    // A list `only` holds regimes known to bind the shipment whatever the date.
    if (only ? !p.in_force(day)
             : has(c.waived_policies, p.id) || !binds(net, p, parties, q.hs, day))
      continue;
    const PolicyHit effect = hit_of(p, shipment);
    bool forbade = false;
    for (const auto& pa : arcs) {
      cost::ArcWeights* w = slot(pa.arc);
      if (!w) continue;
      if (p.effect == nw::PolicyEffect::Forbid) {
        if (w->usable()) {
          w->unusable = cost::Unusable::Forbidden;
          forbade = true;
        }
        continue;
      }
      // Other effects count once where the route enters the territory (or leaves the origin).
      const bool leaves_origin = g.nodes[g.arcs[pa.arc].tail.value].location == q.from;
      if (!pa.link || !(pa.entry || leaves_origin)) continue;
      PolicyHit h = effect;
      h.arc = pa.arc;
      h.policy = pi;
      if (!h.unknown) {
        w->regimes += Usd{h.usd};
        w->regime_time += Hours{h.hours};
        if (h.risk > 0) w->risk += -std::log1p(-std::min(h.risk, 0.999999));
      }
      out.hits.push_back(h);
    }
    if (forbade) out.forbids.push_back(pi);
  }
  std::stable_sort(out.hits.begin(), out.hits.end(),
                   [](const PolicyHit& x, const PolicyHit& y) { return x.arc < y.arc; });
  return out;
}

PolicyEffects apply_policies(const nw::Network& net, const Query& q, const cost::Shipment& shipment,
                             std::vector<cost::ArcWeights>& weights) {
  return apply_policies_at(net, q, shipment, policy_date(net, q),
                           [&](std::uint32_t a) { return &weights[a]; });
}

}  // namespace caravan::route
