// Reading the CSV tables of a network folder, with a check that every figure has a source.
#include "io/network_reader.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "io/csv.h"
#include "io/source_row.h"
#include "network/source_refs.h"

#ifndef CARAVAN_DEFAULT_NETWORK
#define CARAVAN_DEFAULT_NETWORK ""
#endif

namespace caravan::io {
namespace nw = caravan::network;
namespace {

using Names = std::vector<std::string_view>;

struct Context {
  std::string dir;
  std::unordered_map<std::string, SourceId> sources;
  std::unordered_map<std::string, CountryId> countries;
  std::unordered_map<std::string, ChokepointId> chokepoints;
  std::unordered_map<std::string, std::uint32_t> emission_classes;
  std::unordered_map<std::string, LocationId> locations;
  std::unordered_map<std::string, std::uint32_t> links;
  const CsvTable* injected = nullptr;  // append_rows: these rows instead of the file
};

template <class Map>
std::vector<std::string> keys(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

std::string suggestion(const std::vector<std::string>& candidates, std::string_view s) {
  const auto near = closest(candidates, s);
  if (near.empty()) return "";
  return " (did you mean " + text::join(near, ", ") + "?)";
}

// Parses the `sources` column and checks that every non-empty figure column is covered.
nw::Provenance provenance(RowReader& r, const Context& ctx, const Names& figures) {
  nw::Provenance p;
  p.where = r.where();
  auto refs = nw::parse_source_refs(
      r.list("sources"),
      [&](const std::string& id) -> std::optional<SourceId> {
        const auto it = ctx.sources.find(id);
        return it == ctx.sources.end() ? std::nullopt : std::optional<SourceId>(it->second);
      },
      figures, [&](const std::string& id) { return suggestion(keys(ctx.sources), id); });
  if (!refs) {
    r.fail("sources", refs.error().message);
    return p;
  }
  p.sources = std::move(*refs);
  const bool star = std::any_of(p.sources.begin(), p.sources.end(),
                                [](const nw::SourceRef& s) { return s.field == "*"; });
  if (!star)
    for (auto f : figures)
      if (!r.raw(f).empty() && std::none_of(p.sources.begin(), p.sources.end(),
                                            [&](const nw::SourceRef& s) { return s.field == f; })) {
        r.fail("sources", "the figure in column '" + std::string(f) + "' has no source");
        return p;
      }
  return p;
}

double probability(RowReader& r, std::string_view col) {
  return r.number(col, 0.0, 1.0, false).value_or(0.0);
}

nw::Triangular triangular(RowReader& r, std::string_view prefix) {
  const std::string p(prefix);
  const auto a = r.number(p + "min", 0, 1e6, false), m = r.number(p + "mode", 0, 1e6, false),
             b = r.number(p + "max", 0, 1e6, false);
  const int given = a.has_value() + m.has_value() + b.has_value();
  if (given == 0) return {};
  if (given != 3) {
    r.fail(p + "min", "give all three of " + p + "min, " + p + "mode and " + p + "max, or none");
    return {};
  }
  auto t = nw::make_triangular(*a, *m, *b, p);
  if (!t) {
    r.fail(p + "mode", t.error().message);
    return {};
  }
  return *t;
}

template <class T>
std::optional<T> lookup(RowReader& r, std::string_view col, const std::string& value,
                        const std::unordered_map<std::string, T>& index, std::string_view what) {
  auto it = index.find(value);
  if (it == index.end()) {
    r.fail(col,
           "unknown " + std::string(what) + " '" + value + "'" + suggestion(keys(index), value));
    return std::nullopt;
  }
  return it->second;
}

std::string path_of(const Context& ctx, std::string_view file) {
  return (std::filesystem::path(ctx.dir) / std::string(file)).string();
}

Result<CsvTable> table(const Context& ctx, std::string_view file, const Names& required,
                       const Names& optional) {
  // Rows given in memory (append_rows) stand in for the file.
  if (!ctx.injected) return read_table(path_of(ctx, file), std::string(file), required, optional);
  if (auto s = check_header(*ctx.injected, required, optional); !s) return s.error();
  return *ctx.injected;
}

Status read_sources(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t, table(ctx, "sources.csv", kSourceColumns, kSourceOptionalColumns));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    SourceRow s = read_source_row(r);
    if (r.ok() &&
        !ctx.sources.emplace(s.id, SourceId{static_cast<std::uint32_t>(out.sources.size())}).second)
      r.fail("id", "duplicate source id '" + s.id + "'");
    if (!r.ok()) return r.error();
    out.sources.push_back(nw::Source{std::move(s.id), std::move(s.title), std::move(s.publisher),
                                     std::move(s.url), std::move(s.date), std::move(s.reliability),
                                     std::move(s.note)});
  }
  return Ok{};
}

Status read_countries(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "countries.csv", {"iso2", "name", "sources"}, {"disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Country c;
    c.iso2 = r.text("iso2");
    c.name = r.text("name");
    if (r.ok() && (c.iso2.size() != 2 || !std::isupper(static_cast<unsigned char>(c.iso2[0])) ||
                   !std::isupper(static_cast<unsigned char>(c.iso2[1]))))
      r.fail("iso2", "expected an ISO 3166-1 alpha-2 code such as KZ, found '" + c.iso2 + "'");
    c.disruption_probability = probability(r, "disruption_probability");
    c.prov = provenance(r, ctx, {"disruption_probability"});
    if (r.ok())
      ctx.countries.emplace(c.iso2, CountryId{static_cast<std::uint32_t>(out.countries.size())});
    if (!r.ok()) return r.error();
    out.countries.push_back(std::move(c));
  }
  return Ok{};
}

Status read_chokepoints(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "chokepoints.csv", {"id", "name", "sources"}, {"disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Chokepoint c{r.text("id"), r.text("name"), probability(r, "disruption_probability"), {}};
    c.prov = provenance(r, ctx, {"disruption_probability"});
    if (!r.ok()) return r.error();
    ctx.chokepoints.emplace(c.id, ChokepointId{static_cast<std::uint32_t>(out.chokepoints.size())});
    out.chokepoints.push_back(std::move(c));
  }
  return Ok{};
}

Status read_emission_classes(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t,
              table(ctx, "emission_classes.csv", {"id", "name", "g_co2e_per_tkm", "sources"}, {}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::EmissionClass e{
        r.text("id"), r.text("name"), r.number("g_co2e_per_tkm", 0, 5000, true).value_or(0), {}};
    e.prov = provenance(r, ctx, {"g_co2e_per_tkm"});
    if (!r.ok()) return r.error();
    ctx.emission_classes.emplace(e.id, static_cast<std::uint32_t>(out.emission_classes.size()));
    out.emission_classes.push_back(std::move(e));
  }
  return Ok{};
}

Status read_locations(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(
      t, table(ctx, "locations.csv", {"id", "name", "country", "lat", "lon", "kind", "sources"},
               {"aliases", "disruption_probability"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Location l;
    l.id = r.text("id");
    l.name = r.text("name");
    l.aliases = r.list("aliases");
    const auto country = r.text("country");
    if (r.ok())
      l.country = lookup(r, "country", country, ctx.countries, "country").value_or(CountryId{});
    l.pos.lat = r.number("lat", -90, 90, true).value_or(0);
    l.pos.lon = r.number("lon", -180, 180, true).value_or(0);
    const auto kind = r.text("kind");
    if (r.ok()) {
      if (auto k = nw::parse_location_kind(kind))
        l.kind = *k;
      else
        r.fail("kind", "unknown kind '" + kind + "' (expected " +
                           std::string(nw::location_kind_names()) + ")");
    }
    l.disruption_probability = probability(r, "disruption_probability");
    l.prov = provenance(r, ctx, {"lat", "lon", "disruption_probability"});
    if (r.ok() &&
        !ctx.locations.emplace(l.id, LocationId{static_cast<std::uint32_t>(out.locations.size())})
             .second)
      r.fail("id", "duplicate location id '" + l.id + "'");
    if (!r.ok()) return r.error();
    out.locations.push_back(std::move(l));
  }
  return Ok{};
}

std::uint8_t handling_mask(RowReader& r, std::string_view col) {
  std::uint8_t mask = 0;
  for (const auto& h : r.list(col)) {
    if (auto v = nw::parse_handling(h))
      mask |= static_cast<std::uint8_t>(1u << static_cast<int>(*v));
    else
      r.fail(col, "unknown handling class '" + h + "' (expected " +
                      std::string(nw::handling_names()) + ")");
  }
  return mask;
}

Status read_links(Context& ctx, nw::Tables& out) {
  static const Names kFigures = {"km",
                                 "speed_kmh",
                                 "hours",
                                 "wait_hours_min",
                                 "wait_hours_mode",
                                 "wait_hours_max",
                                 "tariff_usd_per_tkm",
                                 "tariff_usd_per_teu",
                                 "fixed_usd",
                                 "capacity_tpy",
                                 "capacity_teu_py",
                                 "closed_months"};
  CARAVAN_TRY(t, table(ctx, "links.csv",
                       {"id", "from", "to", "mode", "km", "handling", "emission_class", "sources"},
                       {"gauge_mm", "speed_kmh", "hours", "wait_hours_min", "wait_hours_mode",
                        "wait_hours_max", "tariff_usd_per_tkm", "tariff_usd_per_teu", "fixed_usd",
                        "capacity_tpy", "capacity_teu_py", "countries", "chokepoints",
                        "closed_months", "oneway"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Link l;
    l.id = r.text("id");
    const auto from = r.text("from"), to = r.text("to");
    if (r.ok()) l.from = lookup(r, "from", from, ctx.locations, "location").value_or(LocationId{});
    if (r.ok()) l.to = lookup(r, "to", to, ctx.locations, "location").value_or(LocationId{});
    const auto mode = r.text("mode");
    if (r.ok()) {
      if (auto m = nw::parse_mode(mode))
        l.mode = *m;
      else
        r.fail("mode",
               "unknown mode '" + mode + "' (expected " + std::string(nw::mode_names()) + ")");
    }
    if (r.ok() && l.mode == nw::Mode::Rail) {
      const auto g = r.number("gauge_mm", 0, 3000, true);
      if (g && *g != 1520 && *g != 1435) r.fail("gauge_mm", "expected 1520 or 1435 for rail");
      l.gauge_mm = static_cast<int>(g.value_or(0));
    } else if (r.ok() && !r.raw("gauge_mm").empty()) {
      r.fail("gauge_mm", "only rail links have a gauge");
    }
    l.km = Km{r.number("km", 1e-6, 40000, true).value_or(1)};
    const auto speed = r.number("speed_kmh", 0.1, 1000, false);
    const auto hours = r.number("hours", 1e-6, 1e5, false);
    if (r.ok() && !speed && !hours) r.fail("speed_kmh", "give speed_kmh or hours");
    l.hours = hours ? Hours{*hours} : Hours{l.km.value / speed.value_or(1)};
    l.wait = triangular(r, "wait_hours_");
    l.handling_mask = handling_mask(r, "handling");
    if (r.ok() && l.handling_mask == 0)
      r.fail("handling", "is required (" + std::string(nw::handling_names()) + ")");
    l.usd_per_tkm = r.number("tariff_usd_per_tkm", 0, 1000, false);
    l.usd_per_teu = r.number("tariff_usd_per_teu", 0, 1e6, false);
    l.fixed_usd = r.number("fixed_usd", 0, 1e8, false).value_or(0);
    if (r.ok() && !l.usd_per_tkm &&
        (l.carries(nw::Handling::DryBulk) || l.carries(nw::Handling::LiquidBulk)))
      r.fail("tariff_usd_per_tkm", "a link that carries bulk needs a per tonne-km tariff");
    if (r.ok() && !l.usd_per_tkm && !l.usd_per_teu)
      r.fail("tariff_usd_per_teu", "give tariff_usd_per_teu or tariff_usd_per_tkm");
    l.capacity_tpy = r.number("capacity_tpy", 0, 1e10, false);
    l.capacity_teu_py = r.number("capacity_teu_py", 0, 1e9, false);
    const auto ec = r.text("emission_class");
    if (r.ok())
      l.emission_class =
          lookup(r, "emission_class", ec, ctx.emission_classes, "emission class").value_or(0);
    for (const auto& c : r.list("countries"))
      if (r.ok())
        l.countries.push_back(
            lookup(r, "countries", c, ctx.countries, "country").value_or(CountryId{}));
    for (const auto& c : r.list("chokepoints"))
      if (r.ok())
        l.chokepoints.push_back(
            lookup(r, "chokepoints", c, ctx.chokepoints, "chokepoint").value_or(ChokepointId{}));
    for (const auto& m : r.list("closed_months")) {
      const auto v = text::parse_int(m);
      if (!v || *v < 1 || *v > 12)
        r.fail("closed_months", "expected months 1..12, found '" + m + "'");
      else
        l.closed_months |= static_cast<std::uint16_t>(1u << (*v - 1));
    }
    const auto oneway = r.raw("oneway");
    if (!oneway.empty() && oneway != "0" && oneway != "1") r.fail("oneway", "expected 0 or 1");
    l.oneway = oneway == "1";
    l.prov = provenance(r, ctx, kFigures);
    if (!r.ok()) return r.error();
    ctx.links.emplace(l.id, static_cast<std::uint32_t>(out.links.size()));
    if (l.countries.empty()) {  // default: the endpoint countries
      l.countries.push_back(out.locations[l.from.value].country);
      if (out.locations[l.to.value].country != l.countries.back())
        l.countries.push_back(out.locations[l.to.value].country);
    }
    out.links.push_back(std::move(l));
  }
  return Ok{};
}

Status read_transfers(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(
      t, table(ctx, "transfers.csv", {"location", "from_layer", "to_layer", "handling", "sources"},
               {"usd_per_t", "usd_per_teu", "fixed_usd", "hours_min", "hours_mode", "hours_max",
                "capacity_tpy", "capacity_teu_py"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Transfer x;
    const auto loc = r.text("location");
    if (r.ok() && loc != "*")
      x.location = lookup(r, "location", loc, ctx.locations, "location").value_or(LocationId{});
    for (auto [col, dst] : {std::pair{"from_layer", &x.from}, std::pair{"to_layer", &x.to}}) {
      const auto v = r.text(col);
      if (!r.ok()) break;
      if (auto y = nw::parse_layer(v))
        *dst = *y;
      else
        r.fail(col, "unknown layer '" + v + "' (expected " + std::string(nw::layer_names()) + ")");
    }
    const auto h = r.text("handling");
    if (r.ok() && h != "*") {
      if (auto v = nw::parse_handling(h))
        x.handling = *v;
      else
        r.fail("handling", "unknown handling class '" + h + "' (expected " +
                               std::string(nw::handling_names()) + " or *)");
    }
    x.usd_per_t = r.number("usd_per_t", 0, 1e6, false);
    x.usd_per_teu = r.number("usd_per_teu", 0, 1e6, false);
    x.fixed_usd = r.number("fixed_usd", 0, 1e8, false).value_or(0);
    x.hours = triangular(r, "hours_");
    x.capacity_tpy = r.number("capacity_tpy", 0, 1e10, false);
    x.capacity_teu_py = r.number("capacity_teu_py", 0, 1e9, false);
    x.prov = provenance(r, ctx,
                        {"usd_per_t", "usd_per_teu", "fixed_usd", "hours_min", "hours_mode",
                         "hours_max", "capacity_tpy", "capacity_teu_py"});
    if (!r.ok()) return r.error();
    out.transfers.push_back(std::move(x));
  }
  return Ok{};
}

Status read_borders(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(t, table(ctx, "borders.csv", {"from", "to", "sources"},
                       {"fee_usd", "fee_usd_per_teu", "fee_usd_per_t", "hours_min", "hours_mode",
                        "hours_max", "capacity_tpy", "capacity_teu_py"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Border b;
    const auto from = r.text("from"), to = r.text("to");
    if (r.ok()) b.from = lookup(r, "from", from, ctx.locations, "location").value_or(LocationId{});
    if (r.ok()) b.to = lookup(r, "to", to, ctx.locations, "location").value_or(LocationId{});
    b.fee_usd = r.number("fee_usd", 0, 1e7, false).value_or(0);
    b.fee_usd_per_teu = r.number("fee_usd_per_teu", 0, 1e5, false).value_or(0);
    b.fee_usd_per_t = r.number("fee_usd_per_t", 0, 1e5, false).value_or(0);
    b.hours = triangular(r, "hours_");
    b.capacity_tpy = r.number("capacity_tpy", 0, 1e10, false);
    b.capacity_teu_py = r.number("capacity_teu_py", 0, 1e9, false);
    b.prov = provenance(r, ctx,
                        {"fee_usd", "fee_usd_per_teu", "fee_usd_per_t", "hours_min", "hours_mode",
                         "hours_max", "capacity_tpy", "capacity_teu_py"});
    if (!r.ok()) return r.error();
    out.borders.push_back(std::move(b));
  }
  return Ok{};
}

Status read_commodities(Context& ctx, nw::Tables& out) {
  CARAVAN_TRY(
      t, table(ctx, "commodities.csv",
               {"id", "name", "hs", "handling", "value_usd_per_t", "sources"}, {"tonnes_per_teu"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Commodity c;
    c.id = r.text("id");
    c.name = r.text("name");
    c.hs = r.text("hs");
    std::string digits;
    for (char ch : c.hs)
      if (ch != '.') digits += ch;
    if (r.ok() && (digits.size() < 4 || digits.size() > 10 ||
                   !std::all_of(digits.begin(), digits.end(), ::isdigit)))
      r.fail("hs", "expected an HS code of 4 to 10 digits (dots allowed), found '" + c.hs + "'");
    c.hs = digits;
    const auto h = r.text("handling");
    if (r.ok()) {
      if (auto v = nw::parse_handling(h))
        c.handling = *v;
      else
        r.fail("handling", "unknown handling class '" + h + "' (expected " +
                               std::string(nw::handling_names()) + ")");
    }
    c.value_usd_per_t = r.number("value_usd_per_t", 0, 1e9, true).value_or(0);
    // Payload per TEU matters only for containerised goods.
    c.tonnes_per_teu =
        r.number("tonnes_per_teu", 0.1, 40, c.handling == nw::Handling::Container).value_or(20);
    c.prov = provenance(r, ctx, {"hs", "value_usd_per_t", "tonnes_per_teu"});
    if (!r.ok()) return r.error();
    out.commodities.push_back(std::move(c));
  }
  return Ok{};
}

Status read_corridors(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "corridors.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "corridors.csv", {"id", "name"},
                       {"via_any", "require_countries", "forbid_countries", "forbid_locations",
                        "description"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Corridor c;
    c.id = r.text("id");
    c.name = r.text("name");
    c.description = r.text("description", false);
    for (const auto& v : r.list("via_any"))
      if (r.ok())
        c.via_any.push_back(
            lookup(r, "via_any", v, ctx.locations, "location").value_or(LocationId{}));
    for (const auto& v : r.list("forbid_locations"))
      if (r.ok())
        c.forbid_locations.push_back(
            lookup(r, "forbid_locations", v, ctx.locations, "location").value_or(LocationId{}));
    for (const auto& v : r.list("require_countries"))
      if (r.ok())
        c.require_countries.push_back(
            lookup(r, "require_countries", v, ctx.countries, "country").value_or(CountryId{}));
    for (const auto& v : r.list("forbid_countries"))
      if (r.ok())
        c.forbid_countries.push_back(
            lookup(r, "forbid_countries", v, ctx.countries, "country").value_or(CountryId{}));
    if (!r.ok()) return r.error();
    out.corridors.push_back(std::move(c));
  }
  return Ok{};
}

Status read_rules(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "rules.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "rules.csv", {"hs_prefix", "country", "sources"}, {"note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::TransitRule x;
    const auto hs = r.text("hs_prefix");
    if (r.ok()) {
      auto prefix = nw::parse_hs_prefix(hs);
      if (prefix)
        x.hs_prefix = *prefix;
      else
        r.fail("hs_prefix", prefix.error().message);
    }
    const auto c = r.text("country");
    if (r.ok()) x.country = lookup(r, "country", c, ctx.countries, "country").value_or(CountryId{});
    x.note = r.text("note", false);
    x.prov = provenance(r, ctx, {"country"});
    if (r.ok() && x.prov.sources.empty()) r.fail("sources", "a transit rule needs a source");
    if (!r.ok()) return r.error();
    out.rules.push_back(std::move(x));
  }
  return Ok{};
}

// The duration columns shared by distributions.csv and disruptions.csv.
const Names kDistColumns = {"kind", "value", "min", "mode", "max", "median", "p90", "values"};
const Names kDistFigures = {"value", "min", "mode", "max", "median", "p90", "values"};

std::optional<nw::Distribution> distribution(RowReader& r) {
  nw::DistributionSpec spec;
  spec.kind = r.text("kind");
  if (!r.ok()) return std::nullopt;
  for (auto name : nw::distribution_parameters(spec.kind)) {
    if (name == "values") {
      for (const auto& v : r.list("values")) {
        const auto x = text::parse_double(v);
        if (!x) {
          r.fail("values", "expected numbers separated by '|', found '" + v + "'");
          return std::nullopt;
        }
        spec.values.push_back(*x);
      }
    } else if (const auto x = r.number(name, 0, 1e6, true)) {
      spec.params[std::string(name)] = *x;
    }
    if (!r.ok()) return std::nullopt;
  }
  auto d = nw::make_distribution(spec);
  if (!d) {
    r.fail(d.error().field.empty() ? "kind" : d.error().field, d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::uint16_t month_mask(RowReader& r, std::string_view col) {
  std::uint16_t mask = 0;
  for (const auto& m : r.list(col)) {
    const auto v = text::parse_int(m);
    if (!v || *v < 1 || *v > 12)
      r.fail(col, "expected months 1..12, found '" + m + "'");
    else
      mask |= static_cast<std::uint16_t>(1u << (*v - 1));
  }
  return mask;
}

Status read_distributions(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "distributions.csv"))) return Ok{};
  Names optional = kDistColumns;
  optional.erase(optional.begin());
  optional.push_back("months");
  CARAVAN_TRY(t, table(ctx, "distributions.csv", {"target", "kind", "sources"}, optional));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    const auto target = r.text("target");
    const auto mask = month_mask(r, "months");
    auto d = distribution(r);
    const auto prov = provenance(r, ctx, kDistFigures);
    if (!r.ok()) return r.error();
    (void)prov;
    std::vector<nw::MonthlyDist*> slots;
    const auto colon = target.find(':');
    const std::string kind = target.substr(0, colon == std::string::npos ? 0 : colon);
    const std::string rest = colon == std::string::npos ? "" : target.substr(colon + 1);
    if (kind == "link") {
      if (auto li = lookup(r, "target", rest, ctx.links, "link"))
        slots.push_back(&out.links[*li].wait_dist);
    } else if (kind == "border") {
      const auto gt = rest.find('>');
      if (gt == std::string::npos) {
        r.fail("target", "expected border:FROM>TO, found '" + target + "'");
      } else {
        const auto a = lookup(r, "target", rest.substr(0, gt), ctx.locations, "location");
        const auto b = r.ok() ? lookup(r, "target", rest.substr(gt + 1), ctx.locations, "location")
                              : std::nullopt;
        if (a && b) {
          for (auto& x : out.borders)
            if (x.from == *a && x.to == *b) slots.push_back(&x.hours_dist);
          if (slots.empty()) r.fail("target", "no border " + rest + " in borders.csv");
        }
      }
    } else if (kind == "transfer") {
      const auto c2 = rest.find(':');
      const auto gt = rest.find('>');
      if (c2 == std::string::npos || gt == std::string::npos || gt < c2) {
        r.fail("target", "expected transfer:LOCATION:FROM_LAYER>TO_LAYER, found '" + target + "'");
      } else {
        const auto loc = lookup(r, "target", rest.substr(0, c2), ctx.locations, "location");
        const auto la = nw::parse_layer(rest.substr(c2 + 1, gt - c2 - 1));
        const auto lb = nw::parse_layer(rest.substr(gt + 1));
        if (r.ok() && (!la || !lb))
          r.fail("target", "unknown layer in '" + target + "' (expected " +
                               std::string(nw::layer_names()) + ")");
        if (r.ok() && loc) {
          const auto rows = nw::own_transfer_rows(out, *loc, *la, *lb);
          if (rows.empty())
            r.fail("target", "no transfer " + rest + " (neither at the location nor by default)");
          for (auto i : rows) slots.push_back(&out.transfers[i].hours_dist);
        }
      }
    } else {
      r.fail("target", "expected link:ID, border:FROM>TO or transfer:LOCATION:FROM>TO, found '" +
                           target + "'");
    }
    if (!r.ok()) return r.error();
    const auto index = static_cast<std::uint32_t>(out.distributions.size());
    out.distributions.push_back(std::move(*d));
    for (auto* slot : slots)
      for (int m = 0; m <= 12; ++m)
        if (mask == 0 || (m >= 1 && ((mask >> (m - 1)) & 1u))) (*slot)[m] = index;
  }
  return Ok{};
}

Status read_disruptions(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "disruptions.csv"))) return Ok{};
  Names optional = kDistColumns;
  optional.erase(optional.begin());
  optional.insert(optional.end(), {"months", "description"});
  CARAVAN_TRY(t,
              table(ctx, "disruptions.csv",
                    {"id", "target", "probability", "per", "effect", "kind", "sources"}, optional));
  Names figures = kDistFigures;
  figures.push_back("probability");
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::DisruptionEvent e;
    e.id = r.text("id");
    e.description = r.text("description", false);
    const auto target = r.text("target");
    e.probability = r.number("probability", 0, 1, true).value_or(0);
    const auto per = r.text("per");
    if (r.ok() && per != "shipment" && per != "month")
      r.fail("per", "expected shipment or month, found '" + per + "'");
    e.per_month = per == "month";
    const auto effect = r.text("effect");
    if (r.ok() && effect != "delay" && effect != "closure")
      r.fail("effect", "expected delay or closure, found '" + effect + "'");
    e.closure = effect == "closure";
    const auto mask = month_mask(r, "months");
    if (mask) e.months = mask;
    auto d = distribution(r);
    e.prov = provenance(r, ctx, figures);
    if (r.ok()) {
      const auto colon = target.find(':');
      const std::string kind = target.substr(0, colon == std::string::npos ? 0 : colon);
      const std::string rest = colon == std::string::npos ? "" : target.substr(colon + 1);
      if (kind == "country") {
        e.target_kind = nw::TargetKind::Country;
        e.target = lookup(r, "target", rest, ctx.countries, "country").value_or(CountryId{}).value;
      } else if (kind == "location") {
        e.target_kind = nw::TargetKind::Location;
        e.target =
            lookup(r, "target", rest, ctx.locations, "location").value_or(LocationId{}).value;
      } else if (kind == "link") {
        e.target_kind = nw::TargetKind::Link;
        e.target = lookup(r, "target", rest, ctx.links, "link").value_or(0);
      } else if (kind == "chokepoint") {
        e.target_kind = nw::TargetKind::Chokepoint;
        e.target =
            lookup(r, "target", rest, ctx.chokepoints, "chokepoint").value_or(ChokepointId{}).value;
      } else {
        r.fail("target", "expected country:ISO, location:ID, link:ID or chokepoint:ID, found '" +
                             target + "'");
      }
    }
    if (!r.ok()) return r.error();
    e.duration = std::move(*d);
    out.disruptions.push_back(std::move(e));
  }
  return Ok{};
}

Status read_manifest(const Context& ctx, nw::Tables& out) {
  const auto path = path_of(ctx, "network.json");
  auto text = read_file(path);
  if (!text) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorCode::InvalidData, "network.json: not a valid JSON object");
  auto str = [&](const char* k) {
    return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
  };
  out.name = str("name");
  out.version = str("version");
  out.description = str("description");
  if (out.name.empty())
    return make_error(ErrorCode::InvalidData, "network.json: field 'name': is required", "name");
  if (j.contains("carrying_rate_per_year")) {
    const auto& v = j["carrying_rate_per_year"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
      return make_error(ErrorCode::InvalidData,
                        "network.json: field 'carrying_rate_per_year': expected a number in [0, 1]",
                        "carrying_rate_per_year");
    out.carrying_rate_per_year = v.get<double>();
    const auto src = str("carrying_rate_source");
    auto it = ctx.sources.find(src);
    if (it == ctx.sources.end())
      return make_error(ErrorCode::InvalidData,
                        "network.json: field 'carrying_rate_source': expected a source id from "
                        "sources.csv, found '" +
                            src + "'",
                        "carrying_rate_source");
    out.parameters_prov.where = "network.json";
    out.parameters_prov.sources.push_back({"carrying_rate_per_year", it->second});
  }
  return Ok{};
}

}  // namespace

std::vector<std::string> closest(const std::vector<std::string>& candidates, std::string_view s,
                                 std::size_t n) {
  const auto f = text::fold(s);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const auto fc = text::fold(c);
    std::size_t d = text::edit_distance(f, fc);
    if (fc.rfind(f, 0) == 0 && !f.empty()) d = std::min<std::size_t>(d, 1);  // prefix match
    if (d <= std::max<std::size_t>(2, f.size() / 3)) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

Result<nw::Tables> read_tables(const std::string& dir) {
  if (!std::filesystem::is_directory(dir))
    return make_error(ErrorCode::NotFound, dir + ": network folder not found");
  Context ctx;
  ctx.dir = dir;
  nw::Tables out;
  for (auto step : {read_sources, read_countries, read_chokepoints, read_emission_classes,
                    read_locations, read_links, read_transfers, read_borders, read_commodities,
                    read_corridors, read_rules, read_distributions, read_disruptions}) {
    if (auto s = step(ctx, out); !s) return s.error();
  }
  if (auto s = read_manifest(ctx, out); !s) return s.error();
  return out;
}

Result<nw::Network> load_network(const std::string& dir) {
  auto t = read_tables(dir);
  if (!t) return t.error();
  return nw::Network::build(std::move(*t));
}

Status append_rows(nw::Tables& tables, std::string_view table_name, const CsvTable& rows) {
  Context ctx;
  for (std::uint32_t i = 0; i < tables.sources.size(); ++i)
    ctx.sources.emplace(tables.sources[i].id, SourceId{i});
  for (std::uint32_t i = 0; i < tables.countries.size(); ++i)
    ctx.countries.emplace(tables.countries[i].iso2, CountryId{i});
  for (std::uint32_t i = 0; i < tables.chokepoints.size(); ++i)
    ctx.chokepoints.emplace(tables.chokepoints[i].id, ChokepointId{i});
  for (std::uint32_t i = 0; i < tables.emission_classes.size(); ++i)
    ctx.emission_classes.emplace(tables.emission_classes[i].id, i);
  for (std::uint32_t i = 0; i < tables.locations.size(); ++i)
    ctx.locations.emplace(tables.locations[i].id, LocationId{i});
  for (std::uint32_t i = 0; i < tables.links.size(); ++i) ctx.links.emplace(tables.links[i].id, i);
  ctx.injected = &rows;
  const std::pair<std::string_view, Status (*)(Context&, nw::Tables&)> kTables[] = {
      {"sources.csv", read_sources},
      {"locations.csv", read_locations},
      {"links.csv", read_links},
      {"transfers.csv", read_transfers},
      {"borders.csv", read_borders}};
  for (const auto& [name, read] : kTables)
    if (name == table_name) return read(ctx, tables);
  return make_error(ErrorCode::Internal, "append_rows: no table " + std::string(table_name));
}

std::string default_network_dir() {
  if (const char* env = std::getenv("CARAVAN_NETWORK"); env && *env) return env;
  return CARAVAN_DEFAULT_NETWORK;
}

}  // namespace caravan::io
