// Reading tariff folders: every figure has a source and a date, or the row is rejected.
#include "io/tariff_reader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"
#include "io/source_row.h"
#include "network/types.h"

#ifndef CARAVAN_DEFAULT_TARIFFS
#define CARAVAN_DEFAULT_TARIFFS ""
#endif
#ifndef CARAVAN_DEFAULT_HS
#define CARAVAN_DEFAULT_HS ""
#endif

namespace caravan::io {
namespace tf = caravan::tariff;
namespace nw = caravan::network;
namespace {

using Names = std::vector<std::string_view>;
constexpr std::string_view kUnknown = "unknown";

struct Ctx {
  std::string dir;
  std::set<std::string> sources;
  std::set<std::string> codes;  // ISO countries and unions named in regimes.csv
};

Result<CsvTable> table(const Ctx& ctx, std::string_view file, const Names& required,
                       const Names& optional) {
  return read_table((std::filesystem::path(ctx.dir) / std::string(file)).string(),
                    std::string(file), required, optional);
}

// `field:source_id|...` with `*` for every figure; checks that every non-empty figure column is
// covered and returns the ids backing `column`.
std::vector<std::string> sources_for(RowReader& r, const Ctx& ctx, const Names& figures,
                                     std::string_view column) {
  std::vector<std::string> all, mine;
  bool star = false;
  std::unordered_set<std::string> named;
  for (const auto& entry : r.list("sources")) {
    const auto colon = entry.find(':');
    if (colon == std::string::npos) {
      r.fail("sources", "entry '" + entry + "' is not of the form field:source_id");
      return {};
    }
    const std::string field(text::trim(std::string_view(entry).substr(0, colon)));
    const std::string id(text::trim(std::string_view(entry).substr(colon + 1)));
    if (!ctx.sources.count(id)) {
      const auto near =
          closest(std::vector<std::string>(ctx.sources.begin(), ctx.sources.end()), id);
      r.fail("sources",
             "unknown source id '" + id + "'" +
                 (near.empty() ? "" : " (did you mean " + text::join(near, ", ") + "?)"));
      return {};
    }
    if (field == "*")
      star = true;
    else if (std::find(figures.begin(), figures.end(), field) == figures.end()) {
      r.fail("sources", "'" + field + "' is not a figure column of this table");
      return {};
    } else
      named.insert(field);
    if (field == "*" || field == column) mine.push_back(id);
  }
  if (!star)
    for (auto f : figures)
      // A 0/1 flag needs a source only when it is set.
      if (!r.raw(f).empty() && !((f == "banned" || f == "licence") && r.raw(f) == "0") &&
          !named.count(std::string(f))) {
        r.fail("sources", "the figure in column '" + std::string(f) + "' has no source");
        return {};
      }
  return mine;
}

// Whether a column may hold an uncertain figure "low..high": costs and rates may, exchange rates
// and mass figures (grades, recovery) may not.
enum class Ranges { Allowed, Forbidden };

// A number in [min, max], a range "low..high" when allowed, or the word "unknown"; sources and
// the row's date attached.
tf::Figure figure(RowReader& r, const Ctx& ctx, const Names& figures, std::string_view col,
                  double min, double max, bool required, Ranges ranges = Ranges::Allowed) {
  tf::Figure f;
  f.where = r.where();
  f.date = r.text("date", false);
  if (r.raw(col) != kUnknown) {
    if (ranges == Ranges::Forbidden) {
      f.value = r.number(col, min, max, required);
    } else if (const auto v = r.number_range(col, min, max, required)) {
      f.value = v->low;
      if (v->high != v->low) f.high = v->high;
    }
  }
  if (!r.raw(col).empty()) {
    if (r.ok() && !is_date(f.date))
      r.fail("date", "a figure needs a date (YYYY, YYYY-MM or YYYY-MM-DD), found '" + f.date + "'");
    f.sources = sources_for(r, ctx, figures, col);
  }
  return f;
}

tf::ProcessingFigure pfigure(RowReader& r, const Ctx& ctx, const Names& figures,
                             std::string_view col, double min, double max, Ranges ranges) {
  auto f = figure(r, ctx, figures, col, min, max, true, ranges);
  return tf::ProcessingFigure{f.value, f.high, f.sources};
}

// The optional specific part of a duty line: `per_tonne` (a number or unknown) in `currency`
// (ISO 4217, USD when empty).
std::optional<tf::SpecificRate> specific(RowReader& r, const Ctx& ctx, const Names& figures) {
  if (r.raw("per_tonne").empty()) {
    if (!r.raw("currency").empty())
      r.fail("currency", "a currency needs a per_tonne amount in the same row");
    return std::nullopt;
  }
  tf::SpecificRate sr;
  sr.per_tonne = figure(r, ctx, figures, "per_tonne", 0, 1e9, true);
  const auto cur = r.text("currency", false);
  if (!cur.empty()) {
    if (cur.size() != 3 || !std::all_of(cur.begin(), cur.end(), ::isupper))
      r.fail("currency", "expected an ISO 4217 code such as JPY, found '" + cur + "'");
    sr.currency = cur;
  }
  return sr;
}

std::string hs_prefix(RowReader& r, std::string_view col) {
  const auto s = r.text(col);
  if (!r.ok() || s == "*") return s;
  auto d = tf::normalize_hs(s, col);
  if (!d) {
    r.fail(col, "malformed HS code '" + s + "' (expected 2 to 10 digits, dots allowed, or *)");
    return {};
  }
  return *d;
}

std::string code(RowReader& r, const Ctx& ctx, std::string_view col, bool star_ok) {
  const auto s = r.text(col);
  if (!r.ok() || (star_ok && s == "*")) return s;
  if (!ctx.codes.count(s))
    r.fail(col, "unknown country or union '" + s + "' (not in regimes.csv" +
                    std::string(star_ok ? "; * for any" : "") + ")");
  return s;
}

bool flag(RowReader& r, std::string_view col) {
  const auto s = r.raw(col);
  if (s.empty() || s == "0") return false;
  if (s == "1") return true;
  r.fail(col, "expected 0 or 1, found '" + std::string(s) + "'");
  return false;
}

Status read_sources(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "sources.csv", kSourceColumns, kSourceOptionalColumns));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    SourceRow s = read_source_row(r);
    if (r.ok() && !ctx.sources.insert(s.id).second)
      r.fail("id", "duplicate source id '" + s.id + "'");
    if (!r.ok()) return r.error();
    out.sources.push_back(tf::SourceInfo{
        std::move(s.id), std::move(s.title), std::move(s.publisher), std::move(s.url),
        std::move(s.date), std::move(s.reliability), std::move(s.note)});
  }
  return Ok{};
}

Status read_regimes(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t,
              table(ctx, "regimes.csv",
                    {"country", "valuation", "vat_pct", "vat_base", "currency", "date", "sources"},
                    {"union", "note"}));
  const Names figs = {"vat_pct", "valuation", "vat_base"};
  // Unions first, so that duty lines may name them.
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    if (auto u = r.raw("union"); !u.empty()) ctx.codes.insert(std::string(u));
  }
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::ImportRegime g;
    g.country = r.text("country");
    if (r.ok() &&
        (g.country.size() != 2 || !std::isupper(static_cast<unsigned char>(g.country[0])) ||
         !std::isupper(static_cast<unsigned char>(g.country[1]))))
      r.fail("country",
             "expected an ISO 3166-1 alpha-2 code such as JP, found '" + g.country + "'");
    g.union_code = r.text("union", false);
    const auto v = r.text("valuation");
    if (r.ok()) {
      if (v == "CIF")
        g.valuation = tf::Valuation::Cif;
      else if (v == "FOB")
        g.valuation = tf::Valuation::Fob;
      else
        r.fail("valuation", "expected CIF or FOB, found '" + v + "'");
    }
    g.vat_pct = figure(r, ctx, figs, "vat_pct", 0, 100, true);
    const auto base = r.text("vat_base");
    if (r.ok()) {
      if (base == "value+duty+excise")
        g.base_includes_excise = true;
      else if (base == "value+duty")
        g.base_includes_excise = false;
      else
        r.fail("vat_base", "expected value+duty+excise or value+duty, found '" + base + "'");
    }
    g.currency = r.text("currency");
    g.note = r.text("note", false);
    if (r.ok() && !ctx.codes.insert(g.country).second && out.regime(g.country))
      r.fail("country", "duplicate regime for '" + g.country + "'");
    if (!r.ok()) return r.error();
    out.regimes.push_back(std::move(g));
  }
  return Ok{};
}

Status read_duties(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "duties.csv",
                       {"importer", "hs", "origin", "kind", "rate_pct", "date", "sources"},
                       {"per_tonne", "currency", "agreement", "note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::DutyLine l;
    l.importer = code(r, ctx, "importer", false);
    l.hs_prefix = hs_prefix(r, "hs");
    l.origin = code(r, ctx, "origin", true);
    const auto k = r.text("kind");
    if (r.ok()) {
      if (k == "duty")
        l.kind = tf::LineKind::Duty;
      else if (k == "excise")
        l.kind = tf::LineKind::Excise;
      else
        r.fail("kind", "expected duty or excise, found '" + k + "'");
    }
    // Ad valorem rates above 1000% do not exist in these schedules: a typo.
    l.rate_pct = figure(r, ctx, {"rate_pct", "per_tonne"}, "rate_pct", 0, 1000, true);
    l.specific = specific(r, ctx, {"rate_pct", "per_tonne"});
    l.agreement = r.text("agreement", false);
    l.note = r.text("note", false);
    if (!r.ok()) return r.error();
    out.lines.push_back(std::move(l));
  }
  return Ok{};
}

Status read_exports(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "export.csv", {"exporter", "hs", "rate_pct", "date", "sources"},
                       {"per_tonne", "currency", "banned", "licence", "note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::ExportLine l;
    l.exporter = code(r, ctx, "exporter", false);
    l.hs_prefix = hs_prefix(r, "hs");
    const Names figures = {"rate_pct", "per_tonne", "banned", "licence"};
    l.rate_pct = figure(r, ctx, figures, "rate_pct", 0, 1000, true);
    l.specific = specific(r, ctx, figures);
    l.banned = flag(r, "banned");
    l.licence = flag(r, "licence");
    l.note = r.text("note", false);
    if (!r.ok()) return r.error();
    out.exports.push_back(std::move(l));
  }
  return Ok{};
}

// reference_prices.csv (optional): price ranges per commodity or HS code for the valuation check.
Status read_reference_prices(Ctx& ctx, tf::Schedule& out) {
  if (!std::filesystem::exists(std::filesystem::path(ctx.dir) / "reference_prices.csv"))
    return Ok{};
  CARAVAN_TRY(t, table(ctx, "reference_prices.csv", {"hs", "usd_per_t", "date", "sources"},
                       {"commodity", "basis", "note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::ReferencePrice p;
    p.commodity = r.text("commodity", false);
    p.hs_prefix = hs_prefix(r, "hs");
    p.usd_per_t = figure(r, ctx, {"usd_per_t"}, "usd_per_t", 0, 1e9, true);
    p.basis = r.text("basis", false);
    p.note = r.text("note", false);
    if (r.ok() && p.usd_per_t.sources.empty() && r.raw("usd_per_t") != kUnknown)
      r.fail("sources", "a reference price needs a source");
    if (!r.ok()) return r.error();
    if (r.raw("usd_per_t") == kUnknown) continue;  // documented gap: nothing to check against
    out.reference_prices.push_back(std::move(p));
  }
  return Ok{};
}

Status read_transit(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "transit.csv",
                       {"country", "origin", "regime", "usd_per_consignment", "date", "sources"},
                       {"note", "via"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::TransitCharge c;
    c.country = code(r, ctx, "country", false);
    c.origin = code(r, ctx, "origin", true);
    c.regime = r.text("regime");
    if (r.raw("via") != "*")
      for (const auto& m : r.list("via")) {
        if (!nw::parse_mode(m))
          r.fail("via", "unknown mode '" + m + "' (expected " + std::string(nw::mode_names()) +
                            ", a |-list of them, or * for any)");
        c.via.push_back(m);
      }
    c.usd_per_consignment =
        figure(r, ctx, {"usd_per_consignment"}, "usd_per_consignment", 0, 1e7, true);
    c.note = r.text("note", false);
    if (!r.ok()) return r.error();
    out.transit.push_back(std::move(c));
  }
  return Ok{};
}

Status read_fx(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "fx.csv", {"currency", "usd_per_unit", "date", "sources"}, {"note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::FxRate f;
    f.currency = r.text("currency");
    if (r.ok() && f.currency.size() != 3)
      r.fail("currency", "expected an ISO 4217 code such as JPY, found '" + f.currency + "'");
    f.usd_per_unit =
        figure(r, ctx, {"usd_per_unit"}, "usd_per_unit", 1e-9, 1e6, true, Ranges::Forbidden);
    if (!r.ok()) return r.error();
    out.fx.push_back(std::move(f));
  }
  return Ok{};
}

Status read_parameters(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "parameters.csv", {"name", "value", "date", "sources"}, {"note"}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::Parameter p;
    p.name = r.text("name");
    p.value = figure(r, ctx, {"value"}, "value", 0, 100, true);
    if (!r.ok()) return r.error();
    out.parameters.push_back(std::move(p));
  }
  return Ok{};
}

Status read_processing(Ctx& ctx, tf::Schedule& out) {
  CARAVAN_TRY(t, table(ctx, "processing.csv",
                       {"id", "from", "to", "plants", "input_grade", "output_grade", "recovery",
                        "usd_per_t_output", "date", "sources"},
                       {"note"}));
  const Names figs = {"input_grade", "output_grade", "recovery", "usd_per_t_output"};
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    tf::ProcessingStep s;
    s.id = r.text("id");
    s.from = r.text("from");
    s.to = r.text("to");
    s.plants = r.list("plants");
    s.input_grade = pfigure(r, ctx, figs, "input_grade", 1e-9, 1, Ranges::Forbidden);
    s.output_grade = pfigure(r, ctx, figs, "output_grade", 1e-9, 1, Ranges::Forbidden);
    s.recovery = pfigure(r, ctx, figs, "recovery", 1e-9, 1, Ranges::Forbidden);
    s.usd_per_t_output = pfigure(r, ctx, figs, "usd_per_t_output", 0, 1e8, Ranges::Allowed);
    s.where = r.where();
    s.date = r.text("date");
    s.note = r.text("note", false);
    if (r.ok() && s.input_grade.value && s.output_grade.value && s.recovery.value &&
        *s.output_grade.value / (*s.input_grade.value * *s.recovery.value) < 1.0)
      r.fail("output_grade",
             "output_grade / (input_grade x recovery) is below 1: a step cannot create mass");
    if (!r.ok()) return r.error();
    out.processing.push_back(std::move(s));
  }
  return Ok{};
}

}  // namespace

Result<tf::Schedule> load_tariffs(const std::string& dir) {
  if (!std::filesystem::is_directory(dir))
    return make_error(ErrorCode::NotFound, "tariff folder '" + dir + "' does not exist", "tariffs");
  Ctx ctx{dir, {}, {}};
  tf::Schedule s;
  s.name = std::filesystem::path(dir).filename().string();
  for (auto* step : {read_sources, read_regimes, read_duties, read_exports, read_transit, read_fx,
                     read_parameters, read_processing, read_reference_prices})
    if (auto st = step(ctx, s); !st) return st.error();
  return s;
}

Result<tf::Nomenclature> load_nomenclature(const std::string& path) {
  auto t = read_csv(path, std::filesystem::path(path).filename().string());
  if (!t) return t.error();
  const int code = t->column("hscode"), desc = t->column("description");
  if (code < 0 || desc < 0)
    return make_error(ErrorCode::InvalidData,
                      t->file + ":1: expected the columns hscode and description", "hscode");
  std::vector<tf::HsEntry> entries;
  for (const auto& row : t->rows) {
    const auto& c = row.fields[static_cast<std::size_t>(code)];
    if (c.empty() || !std::all_of(c.begin(), c.end(), ::isdigit)) continue;  // e.g. TOTAL
    entries.push_back({c, row.fields[static_cast<std::size_t>(desc)]});
  }
  if (entries.empty())
    return make_error(ErrorCode::InvalidData, t->file + ": no HS codes found", "hscode");
  return tf::Nomenclature(std::move(entries), t->file);
}

std::string default_tariffs_dir() {
  if (const char* e = std::getenv("CARAVAN_TARIFFS"); e && *e) return e;
  return CARAVAN_DEFAULT_TARIFFS;
}

std::string default_hs_nomenclature() {
  if (const char* e = std::getenv("CARAVAN_HS_NOMENCLATURE"); e && *e) return e;
  const std::string p = CARAVAN_DEFAULT_HS;
  std::error_code ec;
  return !p.empty() && std::filesystem::exists(p, ec) ? p : std::string();
}

}  // namespace caravan::io
