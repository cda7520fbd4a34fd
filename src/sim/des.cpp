// The discrete-event simulator.
#include "sim/des.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>

#include "core/text.h"
#include "sim/event_queue.h"
#include "sim/rng.h"

namespace caravan::sim {
namespace nw = caravan::network;

namespace {

constexpr std::array<int, 13> kMonthStart = {0,   31,  59,  90,  120, 151, 181,
                                             212, 243, 273, 304, 334, 365};

enum Kind : std::uint32_t {
  kArrival,
  kStepDone,
  kServiceDone,
  kFerryTick,
  kFerryMaxWait,
  kVesselBack,
  kFerryLands,
  kReopen,
  kSample
};

double draw(const nw::Distribution& d, Rng& rng) {
  if (d.kind == nw::DistKind::Exponential) return rng.exponential(d.a);
  if (d.kind == nw::DistKind::Fixed) return d.a;
  return d.quantile(rng.uniform());
}

struct Ship {
  std::uint32_t stream = 0, step = 0;
  double entered = 0, queued_at = 0;
};

struct ResState {
  std::deque<std::uint32_t> queue;
  double queued_units = 0;
  int busy = 0;  // busy servers, or vessels at sea
  double busy_integral = 0, queue_integral = 0, last_change = 0;
  double max_queue = 0;
  bool waiting_reopen = false;
  std::uint64_t max_wait_token = 0;
  std::vector<double> waits;
  std::uint64_t sailings = 0;
  double units_carried = 0;
};

class Simulator {
 public:
  explicit Simulator(const SimConfig& c) : c_(c), rng_(c.seed) {}

  SimResult run() {
    res_.assign(c_.resources.size(), ResState{});
    streams_.assign(c_.streams.size(), StreamStats{});
    transit_.assign(c_.streams.size(), {});
    generated_.assign(c_.streams.size(), 0);
    for (std::uint32_t s = 0; s < c_.streams.size(); ++s) {
      streams_[s].id = c_.streams[s].id;
      q_.push(draw(c_.streams[s].interarrival, rng_), kArrival, s);
    }
    for (std::uint32_t r = 0; r < c_.resources.size(); ++r)
      if (c_.resources[r].kind == ResourceSpec::Kind::Ferry && c_.resources[r].every_hours)
        q_.push(*c_.resources[r].every_hours, kFerryTick, r);
    if (c_.sample_every_hours > 0) q_.push(0, kSample);
    SimResult out;
    while (!q_.empty()) {
      if (q_.top().time > c_.horizon_hours) break;
      if (out.events >= c_.max_events) {
        out.hit_event_limit = true;
        break;
      }
      const Event e = q_.pop();
      ++out.events;
      advance_clock(e.time);
      handle(e);
    }
    const double end = out.hit_event_limit ? now_ : c_.horizon_hours;
    advance_clock(end);
    out.simulated_hours = end;
    const double observed = std::max(1e-9, end - c_.warmup_hours);
    for (std::uint32_t r = 0; r < c_.resources.size(); ++r) {
      const auto& spec = c_.resources[r];
      auto& st = res_[r];
      ResourceStats rs;
      rs.id = spec.id;
      if (spec.kind == ResourceSpec::Kind::Server)
        rs.utilisation = st.busy_integral / (spec.servers * observed);
      else
        rs.utilisation = st.sailings ? st.units_carried / (st.sailings * spec.capacity_units) : 0.0;
      rs.mean_queue = st.queue_integral / observed;
      rs.max_queue = st.max_queue;
      rs.wait_hours = summarise(st.waits);
      rs.sailings = st.sailings;
      rs.queue_series = series_[r];
      out.resources.push_back(std::move(rs));
    }
    for (std::uint32_t s = 0; s < c_.streams.size(); ++s) {
      auto& ss = streams_[s];
      ss.in_system = ss.entered - ss.completed;
      ss.transit_hours = summarise(transit_[s]);
      ss.throughput_per_day = static_cast<double>(ss.transit_hours.n) / (observed / 24.0);
      out.streams.push_back(ss);
    }
    return out;
  }

 private:
  const SimConfig& c_;
  Rng rng_;
  EventQueue q_;
  double now_ = 0;
  std::vector<Ship> ships_;
  std::vector<std::uint32_t> free_;  // slots of shipments that have left
  std::vector<ResState> res_;
  std::vector<StreamStats> streams_;
  std::vector<std::vector<double>> transit_;
  std::vector<int> generated_;
  std::vector<std::vector<std::uint32_t>> batches_;
  std::vector<std::vector<double>> series_ = std::vector<std::vector<double>>(c_.resources.size());

  int month_at(double t) const {
    int d = static_cast<int>(kMonthStart[c_.start_month - 1] + t / 24.0) % 365;
    int m = 1;
    while (d >= kMonthStart[m]) ++m;
    return m;
  }
  // Time at which the current month ends.
  double month_end(double t) const {
    const double day = kMonthStart[c_.start_month - 1] + t / 24.0;
    const double year = std::floor(day / 365.0) * 365.0;
    const int m = month_at(t);
    return (year + kMonthStart[m] - kMonthStart[c_.start_month - 1]) * 24.0;
  }
  bool closed(std::uint32_t r) const {
    const auto mask = c_.resources[r].closed_months;
    return mask && ((mask >> (month_at(now_) - 1)) & 1u);
  }

  void advance_clock(double t) {
    const double from = std::max(now_, c_.warmup_hours), to = std::max(t, c_.warmup_hours);
    if (to > from)
      for (auto& st : res_) {
        st.busy_integral += st.busy * (to - from);
        st.queue_integral += static_cast<double>(st.queue.size()) * (to - from);
      }
    now_ = t;
  }

  void handle(const Event& e) {
    switch (e.kind) {
      case kArrival: {
        const auto s = e.a;
        const auto& spec = c_.streams[s];
        if (spec.max_shipments && generated_[s] >= *spec.max_shipments) return;
        ++generated_[s];
        if (!spec.max_shipments || generated_[s] < *spec.max_shipments)
          q_.push(now_ + draw(spec.interarrival, rng_), kArrival, s);
        for (int k = 0; k < spec.batch; ++k) {
          std::uint32_t id;
          if (free_.empty()) {
            id = static_cast<std::uint32_t>(ships_.size());
            ships_.push_back(Ship{s, 0, now_, 0});
          } else {  // reuse the slot of a shipment that has left
            id = free_.back();
            free_.pop_back();
            ships_[id] = Ship{s, 0, now_, 0};
          }
          ++streams_[s].entered;
          next_step(id);
        }
        return;
      }
      case kStepDone:
        ++ships_[e.a].step;
        next_step(e.a);
        return;
      case kServiceDone:
        --res_[e.a].busy;
        ++ships_[e.b].step;
        next_step(e.b);
        try_serve(e.a);
        return;
      case kFerryTick:
        q_.push(now_ + *c_.resources[e.a].every_hours, kFerryTick, e.a);
        try_sail(e.a, true);
        return;
      case kFerryMaxWait:
        if (e.b == res_[e.a].max_wait_token) try_sail(e.a, true);
        return;
      case kVesselBack:
        --res_[e.a].busy;
        if (!c_.resources[e.a].every_hours) try_sail(e.a, false);
        return;
      case kFerryLands:
        for (auto id : batches_[e.b]) {
          ++ships_[id].step;
          next_step(id);
        }
        batches_[e.b].clear();
        return;
      case kReopen:
        res_[e.a].waiting_reopen = false;
        if (c_.resources[e.a].kind == ResourceSpec::Kind::Server)
          try_serve(e.a);
        else
          try_sail(e.a, !c_.resources[e.a].every_hours.has_value() ? false : true);
        return;
      case kSample:
        for (std::size_t r = 0; r < res_.size(); ++r)
          series_[r].push_back(static_cast<double>(res_[r].queue.size()));
        q_.push(now_ + c_.sample_every_hours, kSample);
        return;
      default:
        return;
    }
  }

  void next_step(std::uint32_t id) {
    Ship& sh = ships_[id];
    const auto& spec = c_.streams[sh.stream];
    if (sh.step >= spec.route.size()) {
      ++streams_[sh.stream].completed;
      streams_[sh.stream].units_completed += spec.units;
      if (sh.entered >= c_.warmup_hours) transit_[sh.stream].push_back(now_ - sh.entered);
      free_.push_back(id);
      return;
    }
    const Step& step = spec.route[sh.step];
    if (step.resource < 0) {
      q_.push(now_ + draw(step.travel, rng_), kStepDone, id);
      return;
    }
    const auto r = static_cast<std::uint32_t>(step.resource);
    auto& st = res_[r];
    sh.queued_at = now_;
    if (st.queue.empty()) st.max_wait_token++;
    st.queue.push_back(id);
    st.queued_units += spec.units;
    if (now_ >= c_.warmup_hours)
      st.max_queue = std::max(st.max_queue, static_cast<double>(st.queue.size()));
    const auto& rs = c_.resources[r];
    if (rs.kind == ResourceSpec::Kind::Server) {
      try_serve(r);
    } else {
      if (st.queue.size() == 1 && rs.max_wait_hours)
        q_.push(now_ + *rs.max_wait_hours, kFerryMaxWait, r,
                static_cast<std::uint32_t>(st.max_wait_token));
      if (!rs.every_hours) try_sail(r, false);
    }
  }

  bool wait_for_reopen(std::uint32_t r) {
    if (!closed(r)) return false;
    if (!res_[r].waiting_reopen) {
      res_[r].waiting_reopen = true;
      double t = month_end(now_);
      for (int guard = 0; guard < 12 && ((c_.resources[r].closed_months >> (month_at(t) - 1)) & 1u);
           ++guard)
        t = month_end(t);
      q_.push(t, kReopen, r);
    }
    return true;
  }

  void try_serve(std::uint32_t r) {
    auto& st = res_[r];
    const auto& spec = c_.resources[r];
    while (!st.queue.empty() && st.busy < spec.servers) {
      if (wait_for_reopen(r)) return;
      const auto id = st.queue.front();
      st.queue.pop_front();
      st.queued_units -= c_.streams[ships_[id].stream].units;
      if (ships_[id].queued_at >= c_.warmup_hours) st.waits.push_back(now_ - ships_[id].queued_at);
      ++st.busy;
      q_.push(now_ + draw(spec.service, rng_), kServiceDone, r, id);
    }
  }

  // Loads whole shipments first come, first served, while they fit; sails if full, or if
  // `partial` allows a part load.
  void try_sail(std::uint32_t r, bool partial) {
    auto& st = res_[r];
    const auto& spec = c_.resources[r];
    while (!st.queue.empty() && st.busy < spec.servers) {
      if (!partial && st.queued_units < spec.capacity_units) return;
      if (wait_for_reopen(r)) return;
      std::vector<std::uint32_t> load;
      double units = 0;
      while (!st.queue.empty()) {
        const auto id = st.queue.front();
        const double u = c_.streams[ships_[id].stream].units;
        if (units + u > spec.capacity_units + 1e-9) break;
        units += u;
        st.queue.pop_front();
        st.queued_units -= u;
        if (ships_[id].queued_at >= c_.warmup_hours)
          st.waits.push_back(now_ - ships_[id].queued_at);
        load.push_back(id);
      }
      if (load.empty()) return;
      ++st.busy;
      if (now_ >= c_.warmup_hours) {
        ++st.sailings;
        st.units_carried += units;
      }
      const double crossing = draw(spec.service, rng_);
      const auto batch = static_cast<std::uint32_t>(batches_.size());
      batches_.push_back(std::move(load));
      q_.push(now_ + crossing, kFerryLands, r, batch);
      q_.push(now_ + 2 * crossing, kVesselBack, r);
      st.max_wait_token++;
      if (!st.queue.empty() && spec.max_wait_hours)
        q_.push(now_ + *spec.max_wait_hours, kFerryMaxWait, r,
                static_cast<std::uint32_t>(st.max_wait_token));
      partial = false;  // the next vessel waits for a full load (or its own timer)
    }
  }
};

Error bad(const std::string& field, const std::string& msg) {
  return make_error(ErrorCode::InvalidRequest, field + ": " + msg, field);
}

}  // namespace

Summary summarise(std::vector<double>& v) {
  Summary s;
  s.n = v.size();
  if (v.empty()) return s;
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / v.size();
  // Selection, not a full sort; each step works on the part above the previous quantile.
  auto at = [&](double f) {
    return v.begin() +
           static_cast<long>(std::min(v.size() - 1, static_cast<std::size_t>(f * v.size())));
  };
  const auto m = at(0.5), p = at(0.9);
  std::nth_element(v.begin(), m, v.end());
  s.p50 = *m;  // read before the next selection, which may move the element at m
  std::nth_element(p == m ? m : m + 1, p, v.end());
  s.p90 = *p;
  s.max = *std::max_element(p, v.end());
  return s;
}

Result<SimResult> simulate(const SimConfig& c) {
  if (!(c.horizon_hours > 0 && c.horizon_hours <= 1e9))
    return bad("horizon_hours", "must be in (0, 1e9] hours");
  if (!(c.warmup_hours >= 0 && c.warmup_hours < c.horizon_hours))
    return bad("warmup_hours", "must be in [0, horizon)");
  if (c.start_month < 1 || c.start_month > 12) return bad("start_month", "must be 1..12");
  if (c.max_events < 1) return bad("max_events", "must be >= 1");
  if (c.streams.empty()) return bad("streams", "at least one stream");
  for (std::size_t r = 0; r < c.resources.size(); ++r) {
    const auto& x = c.resources[r];
    const std::string f = "resources[" + std::to_string(r) + "]";
    if (x.servers < 1) return bad(f + ".servers", "must be >= 1");
    if ((x.closed_months & 0x0FFF) == 0x0FFF)
      return bad(f + ".closed_months", "closed every month: it would never serve");
    if (x.kind == ResourceSpec::Kind::Ferry) {
      if (!(x.capacity_units > 0))
        return bad(f + ".capacity_units", "a ferry that carries nothing can never sail");
      if (x.every_hours && !(*x.every_hours > 0)) return bad(f + ".every_hours", "must be > 0");
      if (x.max_wait_hours && !(*x.max_wait_hours > 0))
        return bad(f + ".max_wait_hours", "must be > 0");
    }
  }
  for (std::size_t s = 0; s < c.streams.size(); ++s) {
    const auto& x = c.streams[s];
    const std::string f = "streams[" + std::to_string(s) + "]";
    if (!(x.interarrival.mean() > 0))
      return bad(f + ".interarrival_hours", "the mean time between shipments must be > 0");
    if (!(x.units > 0)) return bad(f + ".units", "must be > 0");
    if (x.batch < 1 || x.batch > 100000) return bad(f + ".batch", "must be in 1..100000");
    for (std::size_t k = 0; k < x.route.size(); ++k) {
      const auto& st = x.route[k];
      if (st.resource >= static_cast<int>(c.resources.size()))
        return bad(f + ".route", "unknown resource");
      if (st.resource >= 0) {
        const auto& res = c.resources[st.resource];
        if (res.kind == ResourceSpec::Kind::Ferry && x.units > res.capacity_units)
          return bad(f + ".units", "a shipment of " + text::compact(x.units) +
                                       " units can never board '" + res.id + "', which carries " +
                                       text::compact(res.capacity_units));
        if (res.kind == ResourceSpec::Kind::Ferry && !res.every_hours && !res.max_wait_hours &&
            x.units <= 0)
          return bad(f + ".units", "must be > 0");
      }
    }
  }
  return Simulator(c).run();
}

}  // namespace caravan::sim
