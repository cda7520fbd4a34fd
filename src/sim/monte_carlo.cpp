// Monte Carlo sampling of itineraries.
#include "sim/monte_carlo.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/parallel.h"
#include "sim/rng.h"

namespace caravan::sim {
namespace nw = caravan::network;

namespace {

constexpr int kBlock = 1024;  // samples per RNG stream: results do not depend on the thread count
constexpr std::array<int, 13> kMonthStart = {0,   31,  59,  90,  120, 151, 181,
                                             212, 243, 273, 304, 334, 365};

int month_of_day(double day) {
  int d = static_cast<int>(day) % 365;
  if (d < 0) d += 365;
  int m = 1;
  while (d >= kMonthStart[m]) ++m;
  return m;
}

struct Sampler {
  nw::DistKind kind = nw::DistKind::Fixed;
  double a = 0, b = 0, c = 0;
  const std::vector<double>* values = nullptr;

  double draw(Rng& rng) const {
    switch (kind) {
      case nw::DistKind::Fixed:
        return a;
      case nw::DistKind::Triangular: {
        const double u = rng.uniform();
        if (c <= a) return a;
        const double f = (b - a) / (c - a);
        return u < f ? a + std::sqrt(u * (c - a) * (b - a))
                     : c - std::sqrt((1 - u) * (c - a) * (c - b));
      }
      case nw::DistKind::Lognormal:
        return std::exp(a + b * nw::normal_quantile(std::max(rng.uniform(), 1e-300)));
      case nw::DistKind::Exponential:
        return rng.exponential(a);
      case nw::DistKind::Empirical: {
        const auto n = values->size();
        return (*values)[std::min<std::size_t>(n - 1, static_cast<std::size_t>(rng.uniform() * n))];
      }
    }
    return a;
  }
};

Sampler make_sampler(const nw::Distribution& d) {
  return Sampler{d.kind, d.a, d.b, d.c, &d.values};
}

// One route compiled for sampling.
struct Compiled {
  std::vector<double> fixed;               // per step: deterministic hours
  std::vector<std::uint8_t> slots;         // per step: 0..2 stochastic components
  std::vector<Sampler> samplers;           // per step: 2 slots x 13 months
  std::vector<std::uint32_t> event_begin;  // per step + 1: range in `events`
  std::vector<std::uint32_t> events;       // network disruption event indexes (arc_events)
  // The route's risk, sampled (cost::passage_risk): per step, the chance that a passage (country
  // entered, chokepoint, location reached) is disrupted; at the origin, its passages' chance and
  // its events.
  std::vector<double> passage;
  double origin_passage = 0;
  std::vector<std::uint32_t> origin_events;
  // Permits of policy regimes met at each step: a chance of refusal (then a second application)
  // and the processing delay.
  struct Permit {
    Sampler delay;
    double refusal = 0;
  };
  std::vector<std::uint32_t> permit_begin;  // per step + 1: range in `permits`
  std::vector<Permit> permits;
  std::vector<std::uint16_t>
      closed_months;  // per step: a link closed in these months is waited for
};

void add_slot(Compiled& c, const nw::Tables& t, const nw::Triangular& base,
              const nw::MonthlyDist& by_month, std::size_t step) {
  bool any = !base.is_zero();
  for (auto i : by_month) any = any || i != nw::kNoDist;
  if (!any) return;
  const std::size_t slot = c.slots[step]++;
  for (int m = 0; m <= 12; ++m) {
    // Samplers point into the network's tables (empirical values), never into a temporary.
    c.samplers[(step * 2 + slot) * 13 + m] =
        by_month[m] != nw::kNoDist ? make_sampler(t.distributions[by_month[m]])
                                   : Sampler{nw::DistKind::Triangular, base.min.value,
                                             base.mode.value, base.max.value, nullptr};
  }
}

// The permits of the known regimes on arc `a` (hits sorted by arc).
void add_permits(Compiled& c, const nw::Tables& t, const std::vector<route::PolicyHit>& hits,
                 std::uint32_t a) {
  auto h = std::lower_bound(hits.begin(), hits.end(), a,
                            [](const route::PolicyHit& x, std::uint32_t v) { return x.arc < v; });
  for (; h != hits.end() && h->arc == a; ++h) {
    if (h->unknown || (h->hours <= 0 && h->risk <= 0)) continue;
    const auto& p = t.policies[h->policy];
    Sampler delay{nw::DistKind::Fixed, h->hours, 0, 0, nullptr};
    if (p.delay_hours_min.low && p.delay_hours_mode.low && p.delay_hours_max.low)
      delay = Sampler{nw::DistKind::Triangular, *p.delay_hours_min.low, *p.delay_hours_mode.low,
                      *p.delay_hours_max.low, nullptr};
    c.permits.push_back({delay, h->risk});
  }
}

Compiled compile(const nw::Network& net, const std::vector<ArcId>& arcs, nw::Handling handling,
                 const std::vector<route::PolicyHit>& hits) {
  const auto& t = net.tables();
  const auto& g = net.graph();
  Compiled c;
  const std::size_t n = arcs.size();
  c.fixed.assign(n, 0.0);
  c.slots.assign(n, 0);
  c.samplers.assign(n * 2 * 13, Sampler{});
  c.event_begin.assign(n + 1, 0);
  c.permit_begin.assign(n + 1, 0);
  c.closed_months.assign(n, 0);
  c.passage.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const nw::Arc& arc = g.arcs[arcs[i].value];
    c.event_begin[i] = static_cast<std::uint32_t>(c.events.size());
    c.permit_begin[i] = static_cast<std::uint32_t>(c.permits.size());
    add_permits(c, t, hits, arcs[i].value);
    if (arc.kind == nw::ArcKind::Link) {
      const nw::Link& l = net.link(LinkId{arc.link});
      c.fixed[i] = l.hours.value;
      c.closed_months[i] = l.closed_months;
      add_slot(c, t, l.wait, l.wait_dist, i);
      if (arc.border != nw::kNone)
        add_slot(c, t, t.borders[arc.border].hours, t.borders[arc.border].hours_dist, i);
      for (auto e : net.arc_events(arcs[i].value)) c.events.push_back(e);
      c.passage[i] = cost::risk_probability(cost::passage_risk(net, arc));
    } else {
      const auto row = arc.transfer[static_cast<int>(handling)];
      if (row != nw::kNone) add_slot(c, t, t.transfers[row].hours, t.transfers[row].hours_dist, i);
    }
  }
  c.event_begin[n] = static_cast<std::uint32_t>(c.events.size());
  c.permit_begin[n] = static_cast<std::uint32_t>(c.permits.size());
  return c;
}

struct Outcome {
  double hours;
  bool disrupted;
  bool rerouted;
};

}  // namespace

Result<ReliabilityResult> reliability(const route::Prepared& p, const route::Itinerary& it,
                                      const ReliabilityOptions& o) {
  if (o.samples < 1 || o.samples > 10'000'000)
    return make_error(ErrorCode::InvalidRequest, "samples must be in [1, 10000000]", "samples");
  if (o.month < 0 || o.month > 12)
    return make_error(ErrorCode::InvalidRequest, "month must be in 0..12 (0: any)", "month");
  const nw::Network& net = *p.net;
  const auto& t = net.tables();
  // The regimes the route meets, as the itinerary found them (in the epoch of each arc).
  std::vector<route::PolicyHit> hits = it.exposure;
  std::stable_sort(
      hits.begin(), hits.end(),
      [](const route::PolicyHit& x, const route::PolicyHit& y) { return x.arc < y.arc; });
  Compiled main = compile(net, it.path.arcs, o.handling, hits);
  main.origin_passage = cost::risk_probability(cost::origin_passage_risk(net, p.query.from));
  main.origin_events = net.origin_events(p.query.from);

  // Reroutes for closure events on the route: the best route avoiding the closed element.
  std::vector<std::optional<Compiled>> reroute(t.disruptions.size());
  std::vector<std::uint8_t> prepared_reroute(t.disruptions.size(), 0);
  std::vector<std::uint32_t> met = main.events;
  met.insert(met.end(), main.origin_events.begin(), main.origin_events.end());
  for (auto e : met) {
    const auto& ev = t.disruptions[e];
    if (!ev.closure || prepared_reroute[e]) continue;
    prepared_reroute[e] = 1;
    route::Query q = p.query;
    route::Bans bans;
    bool use_bans = false;
    switch (ev.target_kind) {
      case nw::TargetKind::Country:
        q.constraints.avoid_countries.push_back(CountryId{ev.target});
        break;
      case nw::TargetKind::Location:
        q.constraints.avoid_locations.push_back(LocationId{ev.target});
        break;
      case nw::TargetKind::Chokepoint:
        q.constraints.avoid_chokepoints.push_back(ChokepointId{ev.target});
        break;
      case nw::TargetKind::Link:
        use_bans = true;
        bans.arcs.assign(net.graph().arc_count(), 0);
        bans.nodes.assign(net.graph().node_count(), 0);
        for (std::uint32_t a = 0; a < net.graph().arc_count(); ++a)
          if (net.graph().arcs[a].kind == nw::ArcKind::Link &&
              net.graph().arcs[a].link == ev.target)
            bans.arcs[a] = 1;
        break;
    }
    auto alt_p = route::prepare(net, p.weights, q);
    if (!alt_p) continue;  // e.g. the origin itself is closed: no reroute, the shipment waits
    std::vector<route::Start> starts;
    for (auto s : alt_p->sources) starts.push_back({s, alt_p->start_state});
    auto path = use_bans ? route::best_path(*alt_p, starts, &bans) : route::best_path(*alt_p);
    if (path) reroute[e] = compile(net, path->arcs, o.handling, p.policy_hits);
  }

  ReliabilityResult r;
  r.samples = o.samples;
  r.planned_hours = it.hours().value;
  std::vector<double> hours(o.samples);
  std::vector<std::uint8_t> disrupted(o.samples), rerouted(o.samples);
  const int blocks = (o.samples + kBlock - 1) / kBlock;

  auto sample_path = [&](const Compiled& c, Rng& rng, double day0, bool with_events,
                         std::uint64_t& legs, Outcome& out) -> int {
    // Returns the index of a closure event (in t.disruptions) that forces a reroute, or -1.
    double h = 0;
    // An event in season hits with its probability; a closure with a way round reroutes, any
    // other hit delays by its duration. True when the shipment must reroute.
    auto event = [&](std::uint32_t e, int month) {
      const auto& ev = t.disruptions[e];
      if (!ev.in_month(month) || rng.uniform() >= ev.probability) return false;
      out.disrupted = true;
      if (ev.closure && reroute[e]) return true;
      h += make_sampler(ev.duration).draw(rng);
      return false;
    };
    if (with_events) {
      // At the origin: its passages (no duration is sourced for them: they count as a
      // disruption, not as time) and its events.
      if (c.origin_passage > 0 && rng.uniform() < c.origin_passage) out.disrupted = true;
      for (auto e : c.origin_events)
        if (event(e, month_of_day(day0))) {
          out.hours = h;
          return static_cast<int>(e);
        }
    }
    const std::size_t n = c.fixed.size();
    for (std::size_t i = 0; i < n; ++i) {
      int m = month_of_day(day0 + h / 24.0);
      // A link closed in the month the cargo gets there: it waits for the month it reopens.
      for (int guard = 0; guard < 12 && ((c.closed_months[i] >> (m - 1)) & 1u); ++guard) {
        const double day = day0 + h / 24.0;
        const double year0 = std::floor(day / 365.0) * 365.0;
        h = (year0 + kMonthStart[m]) * 24.0 - day0 * 24.0;
        m = month_of_day(day0 + h / 24.0);
      }
      h += c.fixed[i];
      for (int s = 0; s < c.slots[i]; ++s) h += c.samplers[(i * 2 + s) * 13 + m].draw(rng);
      // A permit: refused with its probability (the shipment is disrupted and applies again),
      // then granted after its delay.
      for (auto k = c.permit_begin[i]; k < c.permit_begin[i + 1]; ++k) {
        const auto& pm = c.permits[k];
        if (pm.refusal > 0 && rng.uniform() < pm.refusal) {
          out.disrupted = true;
          h += pm.delay.draw(rng);
        }
        h += pm.delay.draw(rng);
      }
      if (with_events) {
        if (c.passage[i] > 0 && rng.uniform() < c.passage[i]) out.disrupted = true;
        for (auto k = c.event_begin[i]; k < c.event_begin[i + 1]; ++k)
          if (event(c.events[k], m)) {
            out.hours = h;
            return static_cast<int>(c.events[k]);
          }
      }
    }
    legs += n;
    out.hours = h;
    return -1;
  };

  auto run_blocks = [&](int first, int step, std::uint64_t* legs_out) {
    std::uint64_t legs = 0;
    for (int b = first; b < blocks; b += step) {
      std::uint64_t seed = o.seed ^ (0xD1B54A32D192ED03ull * static_cast<std::uint64_t>(b + 1));
      Rng rng(splitmix64(seed));
      const int end = std::min(o.samples, (b + 1) * kBlock);
      for (int s = b * kBlock; s < end; ++s) {
        const double day0 =
            o.day_of_year  ? *o.day_of_year
            : o.month == 0 ? rng.uniform() * kMonthStart[12]
                           : kMonthStart[o.month - 1] +
                                 rng.uniform() * (kMonthStart[o.month] - kMonthStart[o.month - 1]);
        Outcome out{0, false, false};
        const int closed = sample_path(main, rng, day0, true, legs, out);
        if (closed >= 0) {
          // The closure is known at departure: the shipment takes the best route avoiding it.
          Outcome alt{0, true, true};
          sample_path(*reroute[static_cast<std::size_t>(closed)], rng, day0, false, legs, alt);
          out.hours = alt.hours;
          out.rerouted = true;
        }
        hours[s] = out.hours;
        disrupted[s] = out.disrupted;
        rerouted[s] = out.rerouted;
      }
    }
    *legs_out = legs;
  };

  const int threads = std::min(worker_count(o.threads), blocks);
  std::vector<std::uint64_t> legs(threads, 0);
  run_workers(threads, [&](int w) { run_blocks(w, threads, &legs[w]); });
  for (auto l : legs) r.legs_sampled += l;

  double sum = 0, late_days = 0, delay_hours = 0;
  int on_time = 0, n_disrupted = 0, n_rerouted = 0;
  for (int s = 0; s < o.samples; ++s) {
    sum += hours[s];
    delay_hours += std::max(0.0, hours[s] - r.planned_hours);
    if (o.deadline_hours) {
      if (hours[s] <= *o.deadline_hours) ++on_time;
      late_days += std::max(0.0, hours[s] - *o.deadline_hours) / 24.0;
    }
    n_disrupted += disrupted[s];
    n_rerouted += rerouted[s];
  }
  const double n = o.samples;
  r.mean_hours = sum / n;
  r.on_time_probability = o.deadline_hours ? on_time / n : 1.0;
  r.disruption_probability = n_disrupted / n;
  r.reroute_probability = n_rerouted / n;
  if (o.keep_samples) r.hours = hours;
  std::sort(hours.begin(), hours.end());
  auto q = [&](double f) {
    const std::size_t i = std::min<std::size_t>(
        hours.size() - 1, static_cast<std::size_t>(std::ceil(f * n)) - (f > 0 ? 1 : 0));
    return hours[i];
  };
  r.p50_hours = q(0.5);
  r.p90_hours = q(0.9);
  r.p95_hours = q(0.95);
  r.max_hours = hours.back();
  // Expected cost of delay: capital tied up beyond the planned time, plus the lateness penalty.
  r.expected_delay_cost_usd =
      (delay_hours / n) * o.carrying_usd_per_hour + o.penalty_usd_per_day * late_days / n;
  return r;
}

ReliabilityOptions options_for(const route::PlanRequest& r, const ReliabilityRequest& rel,
                               bool keep_samples) {
  ReliabilityOptions o;
  o.samples = rel.samples;
  o.month = r.params.month;  // 0: a day anywhere in the year, as routing spreads the seasons
  if (r.query.depart) {
    o.month = month_of(*r.query.depart);
    o.day_of_year =
        std::min(364, r.query.depart->day - make_date(year_of(*r.query.depart), 1, 1).day);
  }
  o.seed = rel.seed;
  if (rel.deadline_days) o.deadline_hours = *rel.deadline_days * 24.0;
  o.penalty_usd_per_day = rel.penalty_usd_per_day;
  o.carrying_usd_per_hour = r.shipment.value.value * r.params.carrying_rate_per_year / 8760.0;
  o.handling = r.shipment.handling;
  o.keep_samples = keep_samples;
  return o;
}

}  // namespace caravan::sim
