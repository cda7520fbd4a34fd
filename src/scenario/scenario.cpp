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

namespace caravan::scenario {
namespace nw = caravan::network;

namespace {

struct Directive {
  int line = 0;
  std::string word;
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> args;
};

class Applier {
 public:
  Applier(const nw::Tables& base, std::string file) : file_(std::move(file)) { s_.tables = base; }

  Result<Scenario> run(std::string_view text) {
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      const auto end = text.find('\n', pos);
      std::string_view line =
          text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      ++line_no;
      pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
      line = text::trim(line);
      if (line.empty() || line.front() == '#') continue;
      auto d = tokenize(line, line_no);
      if (!d) return d.error();
      if (auto st = apply(*d); !st) return st.error();
      ++s_.directives;
    }
    if (s_.name.empty()) return error(1, "name", "a scenario needs a `name \"...\"` line");
    s_.file = file_;
    s_.id = std::filesystem::path(file_).stem().string();
    return std::move(s_);
  }

 private:
  Scenario s_;
  std::string file_;
  std::set<std::string> used_keys_;

  Error error(int line, std::string_view field, const std::string& msg) const {
    return make_error(
        ErrorCode::InvalidData,
        file_ + ":" + std::to_string(line) + ": field '" + std::string(field) + "': " + msg,
        std::string(field));
  }

  Result<Directive> tokenize(std::string_view line, int line_no) const {
    Directive d;
    d.line = line_no;
    std::size_t i = 0;
    auto skip = [&] {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    };
    auto read_value = [&](std::string& out) -> bool {
      if (i < line.size() && line[i] == '"') {
        ++i;
        while (i < line.size() && line[i] != '"') out += line[i++];
        if (i >= line.size()) return false;
        ++i;
        return true;
      }
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') out += line[i++];
      return true;
    };
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') d.word += line[i++];
    for (skip(); i < line.size(); skip()) {
      std::string key;
      if (line[i] == '"') {
        if (!read_value(key)) return error(line_no, d.word, "unterminated quoted text");
        d.positional.push_back(key);
        continue;
      }
      while (i < line.size() && line[i] != '=' && line[i] != ' ' && line[i] != '\t')
        key += line[i++];
      if (i >= line.size() || line[i] != '=') {
        d.positional.push_back(key);
        continue;
      }
      ++i;
      std::string value;
      if (!read_value(value)) return error(line_no, key, "unterminated quoted value");
      for (const auto& [k, v] : d.args)
        if (k == key) return error(line_no, key, "given twice");
      d.args.emplace_back(key, value);
    }
    return d;
  }

  static const std::string* arg(const Directive& d, std::string_view key) {
    for (const auto& [k, v] : d.args)
      if (k == key) return &v;
    return nullptr;
  }

  Result<std::string> need(const Directive& d, std::string_view key) const {
    if (const auto* v = arg(d, key)) return *v;
    return error(d.line, key, "is required for `" + d.word + "`");
  }

  Status only(const Directive& d, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : d.args)
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return error(d.line, k, "unknown for `" + d.word + "` (expected " + list + ")");
      }
    if (!d.positional.empty() && d.word != "name" && d.word != "why" && d.word != "scale")
      return error(d.line, d.positional.front(), "expected key=value");
    return Ok{};
  }

  Result<double> number(const Directive& d, std::string_view key, double min, double max) const {
    auto v = need(d, key);
    if (!v) return v.error();
    auto x = text::parse_double(*v);
    if (!x) return error(d.line, key, "expected a number, found '" + *v + "'");
    if (*x < min || *x > max)
      return error(d.line, key,
                   "value " + *v + " is out of range [" + text::compact(min) + ", " +
                       text::compact(max) + "]");
    return *x;
  }

  // Checks `sources=field:id|...` against the sources known so far.
  Result<std::vector<nw::SourceRef>> sources(const Directive& d, bool required) const {
    const auto* v = arg(d, "sources");
    if (!v) {
      if (required)
        return error(d.line, "sources", "a figure needs its source (sources=*:SOURCE_ID)");
      return std::vector<nw::SourceRef>{};
    }
    auto refs = nw::parse_source_refs(text::split(*v, '|'), nw::source_finder(s_.tables.sources));
    if (!refs) return error(d.line, "sources", refs.error().message);
    return refs;
  }

  template <class T, class Name>
  Result<std::uint32_t> find(const Directive& d, std::string_view key, const std::vector<T>& rows,
                             Name name, std::string_view what) const {
    auto v = need(d, key);
    if (!v) return v.error();
    std::vector<std::string> all;
    for (std::uint32_t i = 0; i < rows.size(); ++i) {
      if (name(rows[i]) == *v) return i;
      all.push_back(name(rows[i]));
    }
    const auto near = io::closest(all, *v);
    return error(d.line, key,
                 "unknown " + std::string(what) + " '" + *v + "'" +
                     (near.empty() ? "" : " (did you mean " + text::join(near, ", ") + "?)"));
  }
  Result<std::uint32_t> find_location(const Directive& d, std::string_view key,
                                      const std::string* value = nullptr) const {
    if (value) {
      for (std::uint32_t i = 0; i < s_.tables.locations.size(); ++i)
        if (s_.tables.locations[i].id == *value) return i;
      std::vector<std::string> all;
      for (const auto& l : s_.tables.locations) all.push_back(l.id);
      const auto near = io::closest(all, *value);
      return error(d.line, key,
                   "unknown location '" + *value + "'" +
                       (near.empty() ? "" : " (did you mean " + text::join(near, ", ") + "?)"));
    }
    return find(
        d, key, s_.tables.locations, [](const nw::Location& l) { return l.id; }, "location");
  }

  Result<nw::Triangular> triple(const Directive& d, const std::string& value) const {
    const auto parts = text::split(value, '|');
    if (parts.size() != 3)
      return error(d.line, "value", "expected min|mode|max hours, found '" + value + "'");
    double x[3];
    for (int k = 0; k < 3; ++k) {
      const auto p = text::parse_double(parts[k]);
      if (!p) return error(d.line, "value", "expected a number, found '" + parts[k] + "'");
      x[k] = *p;
    }
    auto t = nw::make_triangular(x[0], x[1], x[2]);
    if (!t) return error(d.line, "value", t.error().message);
    return t;
  }

  Result<std::string> hs_prefix(const Directive& d) const {
    const auto* hs = arg(d, "commodity");
    auto digits = nw::parse_hs_prefix(*hs);
    if (!digits || *digits == "*")
      return error(d.line, "commodity", "expected an HS prefix of digits, found '" + *hs + "'");
    return digits;
  }

  // value=KIND|p1|p2|p3: fixed|H, triangular|MIN|MODE|MAX, lognormal|MEDIAN|P90,
  // exponential|MEAN, empirical|H1|H2|...; stored in the tables and used in every month.
  Result<nw::MonthlyDist> distribution_value(const Directive& d, const std::string& value) {
    auto dist = nw::parse_distribution(value);
    if (!dist) return error(d.line, "value", dist.error().message);
    s_.tables.distributions.push_back(std::move(*dist));
    nw::MonthlyDist m;
    m.fill(static_cast<std::uint32_t>(s_.tables.distributions.size() - 1));
    return m;
  }

  Status add_rows(const Directive& d, std::string_view table,
                  std::initializer_list<std::pair<std::string, std::string>> renames = {}) {
    io::CsvTable t;
    t.file = file_;
    io::CsvRow row;
    row.line = d.line;
    for (const auto& [k, v] : d.args) {
      std::string key = k;
      for (const auto& [from, to] : renames)
        if (key == from) key = to;
      t.header.push_back(key);
      row.fields.push_back(v);
    }
    t.rows.push_back(row);
    return io::append_rows(s_.tables, table, t);
  }

  Status apply(const Directive& d) {
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
        return error(d.line, "add", "expected add location|link|transfer|border key=value ...");
      const auto& what = d.positional.front();
      if (what == "location") return add_rows(d, "locations.csv");
      if (what == "link") return add_rows(d, "links.csv");
      if (what == "transfer") return add_rows(d, "transfers.csv");
      if (what == "border") return add_rows(d, "borders.csv");
      return error(d.line, "add",
                   "expected location, link, transfer or border, found '" + what + "'");
    }
    if (w == "set") return apply_set(d);
    return error(d.line, w,
                 "unknown directive '" + w +
                     "' (expected name, why, source, month, close, set, scale, subsidy, add)");
  }

  Status apply_set(const Directive& d) {
    auto& t = s_.tables;
    if (auto st = only(d, {"link", "border", "transfer", "country", "location", "chokepoint",
                           "field", "value", "sources"});
        !st)
      return st;
    auto field = need(d, "field");
    if (!field) return field.error();
    auto value = need(d, "value");
    if (!value) return value.error();
    auto src = sources(d, true);
    if (!src) return src.error();
    auto num = [&](double min, double max) -> Result<double> {
      return number(d, "value", min, max);
    };
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
          d, "chokepoint", t.chokepoints, [](const nw::Chokepoint& x) { return x.id; },
          "chokepoint");
      if (!c) return c.error();
      t.chokepoints[*c].disruption_probability = *p;
    } else {
      return error(d.line, "set",
                   "expected link=, border=, transfer=, country=, location= or chokepoint=");
    }
    return Ok{};
  }
};

}  // namespace

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
