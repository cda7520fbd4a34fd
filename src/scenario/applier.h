// The scenario language's applier (internal to scenario/): a scenario file's directives, one by
// one, applied to a copy of the base tables. scenario.cpp holds the directives but `set`, which
// is in scenario_set.cpp.
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"
#include "network/source_refs.h"
#include "scenario/scenario.h"

namespace caravan::scenario::detail {
namespace nw = caravan::network;

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

  Status apply(const Directive& d);
  // `set` changes a figure of a link, border, transfer, country, location or chokepoint.
  Status apply_set(const Directive& d);
};

}  // namespace caravan::scenario::detail
