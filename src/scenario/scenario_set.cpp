// The `set` directive of scenario files.
#include "scenario/applier.h"

namespace caravan::scenario::detail {

Status Applier::apply_set(const Directive& d) {
  auto& t = s_.tables;
  if (auto st = only(d, {"link", "border", "transfer", "country", "location", "chokepoint", "field",
                         "value", "sources"});
      !st)
    return st;
  auto field = need(d, "field");
  if (!field) return field.error();
  auto value = need(d, "value");
  if (!value) return value.error();
  auto src = sources(d, true);
  if (!src) return src.error();
  auto num = [&](double min, double max) -> Result<double> { return number(d, "value", min, max); };
  auto bad_field = [&](std::string_view expected) {
    return error(d.line, "field",
                 "unknown field '" + *field + "' (expected " + std::string(expected) + ")");
  };
  if (arg(d, "link")) {
    auto li = find(
        d, "link", t.links, [](const nw::Link& x) { return x.id; }, "link");
    if (!li) return li.error();
    nw::Link& l = t.links[*li];
    const std::string& f = *field;
    if (f == "wait_distribution") {
      auto m = distribution_value(d, *value);
      if (!m) return m.error();
      l.wait_dist = *m;
    } else if (f == "wait_hours") {
      auto tri = triple(d, *value);
      if (!tri) return tri.error();
      l.wait = *tri;
      l.wait_dist = nw::no_monthly_dist();  // the set figures replace the monthly distributions
    } else if (f == "closed_months") {
      l.closed_months = 0;
      for (const auto& m : text::split(*value, '|')) {
        const auto v = text::parse_int(m);
        if (!v || *v < 1 || *v > 12)
          return error(d.line, "value", "expected months 1..12, found '" + m + "'");
        l.closed_months |= static_cast<std::uint16_t>(1u << (*v - 1));
      }
    } else {
      auto x = num(0, 1e10);
      if (!x) return x.error();
      if (f == "capacity_tpy")
        l.capacity_tpy = *x;
      else if (f == "capacity_teu_py")
        l.capacity_teu_py = *x;
      else if (f == "tariff_usd_per_tkm")
        l.usd_per_tkm = *x;
      else if (f == "tariff_usd_per_teu")
        l.usd_per_teu = *x;
      else if (f == "fixed_usd")
        l.fixed_usd = *x;
      else if (f == "hours")
        l.hours = Hours{*x};
      else if (f == "speed_kmh") {
        if (*x <= 0) return error(d.line, "value", "speed must be > 0");
        l.hours = Hours{l.km.value / *x};
      } else if (f == "km") {
        if (*x <= 0) return error(d.line, "value", "km must be > 0");
        l.hours = Hours{l.hours.value * *x / l.km.value};
        l.km = Km{*x};
      } else {
        return bad_field(
            "capacity_tpy, capacity_teu_py, tariff_usd_per_tkm, tariff_usd_per_teu, fixed_usd, "
            "hours, speed_kmh, km, wait_hours, wait_distribution, closed_months");
      }
    }
    l.prov.sources.insert(l.prov.sources.end(), src->begin(), src->end());
    return Ok{};
  }
  if (arg(d, "border")) {
    const auto& spec = *arg(d, "border");
    const auto gt = spec.find('>');
    if (gt == std::string::npos)
      return error(d.line, "border", "expected FROM>TO, found '" + spec + "'");
    const std::string from = spec.substr(0, gt), to = spec.substr(gt + 1);
    auto a = find_location(d, "border", &from);
    if (!a) return a.error();
    auto b = find_location(d, "border", &to);
    if (!b) return b.error();
    nw::Border* border = nullptr;
    for (auto& x : t.borders)
      if (x.from.value == *a && x.to.value == *b) border = &x;
    if (!border) return error(d.line, "border", "no border " + spec + " in the network");
    if (*field == "hours_distribution") {
      auto m = distribution_value(d, *value);
      if (!m) return m.error();
      border->hours_dist = *m;
    } else if (*field == "hours") {
      auto tri = triple(d, *value);
      if (!tri) return tri.error();
      border->hours = *tri;
      border->hours_dist = nw::no_monthly_dist();
    } else {
      auto x = num(0, 1e7);
      if (!x) return x.error();
      if (*field == "fee_usd")
        border->fee_usd = *x;
      else if (*field == "fee_usd_per_teu")
        border->fee_usd_per_teu = *x;
      else if (*field == "fee_usd_per_t")
        border->fee_usd_per_t = *x;
      else
        return bad_field("hours, hours_distribution, fee_usd, fee_usd_per_teu, fee_usd_per_t");
    }
    border->prov.sources.insert(border->prov.sources.end(), src->begin(), src->end());
    return Ok{};
  }
  if (arg(d, "transfer")) {
    const auto& spec = *arg(d, "transfer");
    const auto colon = spec.find(':'), gt = spec.find('>');
    if (colon == std::string::npos || gt == std::string::npos || gt < colon)
      return error(d.line, "transfer",
                   "expected LOCATION:FROM_LAYER>TO_LAYER, found '" + spec + "'");
    const std::string loc_id = spec.substr(0, colon);
    auto loc = find_location(d, "transfer", &loc_id);
    if (!loc) return loc.error();
    const auto la = nw::parse_layer(spec.substr(colon + 1, gt - colon - 1));
    const auto lb = nw::parse_layer(spec.substr(gt + 1));
    if (!la || !lb)
      return error(
          d.line, "transfer",
          "unknown layer in '" + spec + "' (expected " + std::string(nw::layer_names()) + ")");
    const auto rows = nw::own_transfer_rows(t, LocationId{*loc}, *la, *lb);
    if (rows.empty())
      return error(d.line, "transfer", "no transfer " + spec + " at the location or by default");
    for (auto i : rows) {
      auto& x = t.transfers[i];
      if (*field == "hours_distribution") {
        auto m = distribution_value(d, *value);
        if (!m) return m.error();
        x.hours_dist = *m;
      } else if (*field == "hours") {
        auto tri = triple(d, *value);
        if (!tri) return tri.error();
        x.hours = *tri;
        x.hours_dist = nw::no_monthly_dist();
      } else {
        auto v = num(0, 1e7);
        if (!v) return v.error();
        if (*field == "usd_per_t")
          x.usd_per_t = *v;
        else if (*field == "usd_per_teu")
          x.usd_per_teu = *v;
        else if (*field == "fixed_usd")
          x.fixed_usd = *v;
        else
          return bad_field("hours, hours_distribution, usd_per_t, usd_per_teu, fixed_usd");
      }
      x.prov.sources.insert(x.prov.sources.end(), src->begin(), src->end());
    }
    return Ok{};
  }
  if (*field != "disruption_probability") return bad_field("disruption_probability");
  auto p = num(0, 1);
  if (!p) return p.error();
  if (arg(d, "country")) {
    auto c = find(
        d, "country", t.countries, [](const nw::Country& x) { return x.iso2; }, "country");
    if (!c) return c.error();
    t.countries[*c].disruption_probability = *p;
  } else if (arg(d, "location")) {
    auto l = find_location(d, "location");
    if (!l) return l.error();
    t.locations[*l].disruption_probability = *p;
  } else if (arg(d, "chokepoint")) {
    auto c = find(
        d, "chokepoint", t.chokepoints, [](const nw::Chokepoint& x) { return x.id; }, "chokepoint");
    if (!c) return c.error();
    t.chokepoints[*c].disruption_probability = *p;
  } else {
    return error(d.line, "set",
                 "expected link=, border=, transfer=, country=, location= or chokepoint=");
  }
  return Ok{};
}

}  // namespace caravan::scenario::detail
