#include "assign/problem.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace caravan::assign {

namespace {

// Queue branch below the knee, x = v / c in [0, kQueueKnee].
double queue_time(const DelayFunction& f, double x) { return f.free_time + f.scale * x / (1 - x); }
double queue_slope(const DelayFunction& f, double x) {
  return f.scale / (f.capacity * (1 - x) * (1 - x));
}
double queue_integral(const DelayFunction& f, double x) {
  return f.free_time * x * f.capacity + f.scale * f.capacity * (-x - std::log1p(-x));
}

// x^p, with the common integer powers of BPR functions computed without std::pow.
double power_of(double x, double p) {
  if (p == 4.0) {
    const double x2 = x * x;
    return x2 * x2;
  }
  if (p == 3.0) return x * x * x;
  if (p == 2.0) return x * x;
  if (p == 1.0) return x;
  if (p == 5.0) {
    const double x2 = x * x;
    return x2 * x2 * x;
  }
  return std::pow(x, p);
}

}  // namespace

double DelayFunction::time(double v) const {
  if (kind == DelayKind::Bpr) {
    if (b == 0.0 || v <= 0.0) return free_time * (1 + (power == 0.0 ? b : 0.0));
    return free_time * (1 + b * power_of(v / capacity, power));
  }
  const double x = v > 0 ? v / capacity : 0.0;
  if (x <= kQueueKnee) return queue_time(*this, x);
  return queue_time(*this, kQueueKnee) +
         queue_slope(*this, kQueueKnee) * (v - kQueueKnee * capacity);
}

double DelayFunction::derivative(double v) const {
  if (kind == DelayKind::Bpr) {
    if (b == 0.0 || power == 0.0 || v <= 0.0) {
      return power == 1.0 ? free_time * b / capacity : 0.0;
    }
    return free_time * b * power * power_of(v / capacity, power - 1) / capacity;
  }
  const double x = v > 0 ? v / capacity : 0.0;
  return queue_slope(*this, std::min(x, kQueueKnee));
}

double DelayFunction::second_derivative(double v) const {
  if (v <= 0.0) return 0.0;
  if (kind == DelayKind::Bpr) {
    if (b == 0.0 || power <= 1.0) return 0.0;
    return free_time * b * power * (power - 1) * power_of(v / capacity, power - 2) /
           (capacity * capacity);
  }
  const double x = v / capacity;
  if (x > kQueueKnee) return 0.0;
  return 2 * scale / (capacity * capacity * (1 - x) * (1 - x) * (1 - x));
}

double DelayFunction::integral(double v) const {
  if (v <= 0.0) return 0.0;
  if (kind == DelayKind::Bpr) {
    return free_time * (v + b * capacity / (power + 1) * power_of(v / capacity, power + 1));
  }
  const double x = v / capacity;
  if (x <= kQueueKnee) return queue_integral(*this, x);
  const double d = v - kQueueKnee * capacity;
  return queue_integral(*this, kQueueKnee) + queue_time(*this, kQueueKnee) * d +
         0.5 * queue_slope(*this, kQueueKnee) * d * d;
}

double class_fixed_cost(const Problem& p, std::size_t cls, std::size_t link) {
  const DemandClass& c = p.classes[cls];
  double f = p.links[link].fixed;
  if (!c.money.empty()) f += c.money[link] / c.value_of_time;
  return f;
}

Status validate(const Problem& p) {
  auto fail = [](std::string m) {
    return Status(make_error(ErrorCode::InvalidData, std::move(m)));
  };
  auto link_name = [&](std::size_t a) {
    return a < p.link_names.size() ? p.link_names[a] : "link " + std::to_string(a + 1);
  };
  for (std::size_t a = 0; a < p.links.size(); ++a) {
    const Link& l = p.links[a];
    if (l.tail >= p.node_count || l.head >= p.node_count)
      return fail(link_name(a) + ": node out of range");
    const DelayFunction& f = l.delay;
    if (!(f.capacity > 0) || !std::isfinite(f.capacity))
      return fail(link_name(a) + ": capacity must be > 0");
    if (!(f.free_time >= 0) || !(f.b >= 0) || !(f.power >= 0) || !(f.scale >= 0) ||
        !std::isfinite(f.free_time))
      return fail(link_name(a) + ": negative or invalid delay parameter");
    if (!(l.fixed >= 0)) return fail(link_name(a) + ": negative fixed cost");
  }
  for (const DemandClass& c : p.classes) {
    if (!(c.value_of_time > 0)) return fail("class '" + c.name + "': value of time must be > 0");
    if (!c.money.empty() && c.money.size() != p.links.size())
      return fail("class '" + c.name + "': money size differs from link count");
    if (!c.allowed.empty() && c.allowed.size() != p.links.size())
      return fail("class '" + c.name + "': allowed size differs from link count");
    for (double m : c.money)
      if (!(m >= 0)) return fail("class '" + c.name + "': negative money cost");
    for (const OdVolume& od : c.demand) {
      if (od.origin >= p.node_count || od.destination >= p.node_count)
        return fail("class '" + c.name + "': OD node out of range");
      if (!(od.volume >= 0) || !std::isfinite(od.volume))
        return fail("class '" + c.name + "': negative OD volume");
    }
  }
  return Ok{};
}

}  // namespace caravan::assign
