// Scenario file parsing and application.
#include "scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"
#include "network/source_refs.h"
#include "route/planner.h"
#include "scenario/applier.h"

namespace caravan::scenario {
namespace nw = caravan::network;
using detail::Applier;
using detail::Directive;

Status Applier::apply(const Directive& d) {
  auto& t = s_.tables;
  const auto& w = d.word;
  if (w == "name" || w == "why") {
    if (d.positional.size() != 1 || !d.args.empty())
      return error(d.line, w, "expected " + w + " \"TEXT\"");
    (w == "name" ? s_.name : s_.why) = d.positional.front();
    return Ok{};
  }
  if (w == "source") return add_rows(d, "sources.csv");
  if (w == "month") {
    if (auto st = only(d, {"value"}); !st) return st;
    auto m = number(d, "value", 1, 12);
    if (!m) return m.error();
    if (*m != std::floor(*m)) return error(d.line, "value", "expected a month 1..12");
    s_.month = static_cast<int>(*m);
    return Ok{};
  }
  if (w == "close") {
    if (auto st = only(d, {"country", "commodity", "location", "link", "chokepoint"}); !st)
      return st;
    if (arg(d, "country")) {
      auto c = find(
          d, "country", t.countries, [](const nw::Country& x) { return x.iso2; }, "country");
      if (!c) return c.error();
      if (arg(d, "commodity")) {
        auto digits = hs_prefix(d);
        if (!digits) return digits.error();
        s_.extra.transit_rules.push_back(
            {*digits, CountryId{*c}, file_ + ":" + std::to_string(d.line)});
      } else {
        s_.extra.avoid_countries.push_back(CountryId{*c});
      }
      return Ok{};
    }
    // A location, link or chokepoint closed for all cargo, or for one commodity only.
    route::Constraints* target = &s_.extra;
    if (arg(d, "commodity")) {
      auto digits = hs_prefix(d);
      if (!digits) return digits.error();
      s_.by_commodity.emplace_back(*digits, route::Constraints{});
      target = &s_.by_commodity.back().second;
    }
    if (arg(d, "location")) {
      auto l = find_location(d, "location");
      if (!l) return l.error();
      target->avoid_locations.push_back(LocationId{*l});
    } else if (arg(d, "link")) {
      auto l = find(
          d, "link", t.links, [](const nw::Link& x) { return x.id; }, "link");
      if (!l) return l.error();
      target->avoid_links.push_back(LinkId{*l});
    } else if (arg(d, "chokepoint")) {
      auto c = find(
          d, "chokepoint", t.chokepoints, [](const nw::Chokepoint& x) { return x.id; },
          "chokepoint");
      if (!c) return c.error();
      target->avoid_chokepoints.push_back(ChokepointId{*c});
    } else {
      return error(d.line, "close", "expected country=, location=, link= or chokepoint=");
    }
    return Ok{};
  }
  if (w == "scale") {
    if (auto st = only(d, {"field", "factor", "sources"}); !st) return st;
    if (d.positional != std::vector<std::string>{"borders"})
      return error(d.line, "scale", "expected `scale borders field=hours factor=K`");
    auto f = need(d, "field");
    if (!f) return f.error();
    if (*f != "hours")
      return error(d.line, "field", "only hours can be scaled, found '" + *f + "'");
    auto k = number(d, "factor", 0, 100);
    if (!k) return k.error();
    if (auto src = sources(d, false); !src) return src.error();
    std::set<std::uint32_t> scaled;
    for (auto& b : t.borders) {
      b.hours = {b.hours.min * *k, b.hours.mode * *k, b.hours.max * *k};
      for (auto i : b.hours_dist)
        if (i != nw::kNoDist && scaled.insert(i).second) {
          auto& dist = t.distributions[i];
          switch (dist.kind) {
            case nw::DistKind::Lognormal:
              dist.a += std::log(std::max(*k, 1e-12));
              break;
            case nw::DistKind::Empirical:
              for (auto& v : dist.values) v *= *k;
              break;
            default:
              dist.a *= *k;
              dist.b *= *k;
              dist.c *= *k;
          }
        }
    }
    return Ok{};
  }
  if (w == "subsidy") {
    if (auto st = only(d, {"corridor", "usd_per_t", "sources"}); !st) return st;
    auto c = find(
        d, "corridor", t.corridors, [](const nw::Corridor& x) { return x.id; }, "corridor");
    if (!c) return c.error();
    auto x = number(d, "usd_per_t", 0, 1e6);
    if (!x) return x.error();
    if (auto src = sources(d, true); !src) return src.error();
    s_.subsidies.push_back({t.corridors[*c].id, *x});
    return Ok{};
  }
  if (w == "add") {
    if (d.positional.size() != 1)
      return error(d.line, "add",
                   "expected add location|link|transfer|border|policy key=value ...");
    const auto& what = d.positional.front();
    if (what == "location") return add_rows(d, "locations.csv");
    if (what == "link") return add_rows(d, "links.csv");
    if (what == "transfer") return add_rows(d, "transfers.csv");
    if (what == "border") return add_rows(d, "borders.csv");
    if (what == "policy") return add_rows(d, "policies.csv");
    return error(d.line, "add",
                 "expected location, link, transfer, border or policy, found '" + what + "'");
  }
  if (w == "end") {  // end policy=ID date=YYYY-MM-DD: a regime ends (the day before that date)
    if (auto st = only(d, {"policy", "date"}); !st) return st;
    CARAVAN_TRY(id, need(d, "policy"));
    CARAVAN_TRY(day, need(d, "date"));
    const auto date = parse_date(day);
    if (!date) return error(d.line, "date", "expected a date YYYY-MM-DD, found '" + day + "'");
    for (auto& p : t.policies)
      if (p.id == id) {
        if (*date <= p.from)
          return error(d.line, "date",
                       "regime '" + id + "' starts on " + format_date(p.from) + ", after " + day);
        p.to = Date{date->day - 1};
        return Ok{};
      }
    return error(d.line, "policy", "no regime '" + id + "' in policies.csv");
  }
  if (w == "set") return apply_set(d);
  return error(d.line, w,
               "unknown directive '" + w +
                   "' (expected name, why, source, month, close, set, scale, subsidy, add, end)");
}

route::Constraints constraints_for(const Scenario& s, const std::string& hs) {
  route::Constraints c = s.extra;
  for (const auto& [prefix, extra] : s.by_commodity)
    if (hs.rfind(prefix, 0) == 0) c = route::merge(c, extra);
  return c;
}

Result<Scenario> apply(const nw::Tables& base, std::string_view text, const std::string& file) {
  return Applier(base, file).run(text);
}

Result<Scenario> load(const nw::Tables& base, const std::string& path) {
  auto text = io::read_file(path);
  if (!text) return text.error();
  return apply(base, *text, std::filesystem::path(path).filename().string());
}

}  // namespace caravan::scenario
