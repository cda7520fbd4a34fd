// Trade schedules: import regimes (valuation basis, VAT and its base), duty and excise lines,
// export duties and bans, transit charges, dated exchange rates and landed-cost parameters.
// Every figure may be unknown: the data says "unknown" where no source gave it, and users of a
// schedule list it as missing instead of assuming zero.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tariff/processing.h"

namespace caravan::tariff {

// Which end of a range figure a computation uses: every landed-cost rule rises with each figure,
// so the low ends give the lowest landed cost and the high ends the highest.
enum class Bound { Low, High };

// One figure with where it came from. An uncertain figure is a range "low..high" in the data.
struct Figure {
  std::optional<double> value;       // nullopt: "unknown" in the data; the low end of a range
  std::optional<double> high;        // the high end of a range, nullopt for a single value
  std::string where;                 // "duties.csv:12", for messages
  std::vector<std::string> sources;  // source ids
  std::string date;                  // the date the figure is valid for (YYYY[-MM[-DD]])
  bool known() const { return value.has_value(); }
  bool range() const { return high.has_value(); }
  double at(Bound b) const { return b == Bound::High && high ? *high : *value; }  // known() only
};

struct SourceInfo {
  std::string id, title, publisher, url, date, reliability, note;
};

enum class Valuation { Cif, Fob };

// vat base: customs value + duty (+ excise when `base_includes_excise`).
struct ImportRegime {
  std::string country;     // ISO 3166-1 alpha-2
  std::string union_code;  // "EU", "EAEU" or ""
  Valuation valuation = Valuation::Cif;
  Figure vat_pct;
  bool base_includes_excise = true;
  std::string currency;  // ISO 4217
  std::string note;
};

enum class LineKind { Duty, Excise };

// A specific duty: an amount in `currency` per tonne of goods (55 yen/kg is 55,000 JPY per
// tonne), converted at the schedule's dated exchange rate.
struct SpecificRate {
  Figure per_tonne;
  std::string currency = "USD";
};

// An import line: importer (country or union), HS prefix, origin ("*" = MFN, or a country or
// union for a preference), ad valorem rate in percent of the customs value, plus an optional
// specific part (a compound duty when both are non-zero).
struct DutyLine {
  std::string importer, hs_prefix, origin, agreement;
  LineKind kind = LineKind::Duty;
  Figure rate_pct;
  std::optional<SpecificRate> specific;
  std::string note;
};

struct ExportLine {
  std::string exporter, hs_prefix;
  Figure rate_pct;  // of the goods' value
  std::optional<SpecificRate> specific;
  bool banned = false, licence = false;
  std::string note;
};

// Cost of a transit regime (TIR, T1 guarantee, EAEU internal transit, a road-use fee,
// transshipment in bond) for one consignment crossing `country`; origin "*" or a country/union
// (EAEU goods move freely inside the EAEU); `via`: the transport modes the charge applies to
// (e.g. {"road"} for a fee on trucks, {"sea"} for a port call), empty for any.
struct TransitCharge {
  std::string country, origin, regime;
  std::vector<std::string> via;
  Figure usd_per_consignment;
  std::string note;
};

struct FxRate {
  std::string currency;
  Figure usd_per_unit;
};

struct Parameter {
  std::string name;
  Figure value;
};

// One reference range: for a catalogue commodity, or (commodity empty) for an HS code.
struct ReferencePrice {
  std::string commodity;  // catalogue id; "" for a code-level row
  std::string hs_prefix;  // digits
  Figure usd_per_t;       // value .. high
  std::string basis;      // what the range is (FOB China export price, customs unit value ...)
  std::string note;
};

struct Schedule {
  std::string name, version;
  std::vector<SourceInfo> sources;
  std::vector<ImportRegime> regimes;
  std::vector<DutyLine> lines;
  std::vector<ExportLine> exports;
  std::vector<TransitCharge> transit;
  std::vector<FxRate> fx;
  std::vector<Parameter> parameters;
  std::vector<ProcessingStep> processing;
  std::vector<ReferencePrice> reference_prices;  // for the valuation check (valuation.h)

  const ImportRegime* regime(std::string_view country) const;
  std::string union_of(std::string_view country) const;  // "" when none is known
  // The line that applies: a preference for the origin (country, then union) before MFN; the
  // importer itself before its union; the longest HS prefix. nullptr when none.
  const DutyLine* line(std::string_view importer, std::string_view origin, std::string_view hs,
                       LineKind kind) const;
  const ExportLine* export_line(std::string_view exporter, std::string_view hs) const;
  // The charge for a consignment of `origin` passing `country` by `modes` (the modes of the legs
  // in it): the origin's own row before its union's before "*", the country before its union, a
  // row for one of the modes before a row for any mode; rows for other modes never apply.
  const TransitCharge* transit_charge(std::string_view country, std::string_view origin,
                                      const std::vector<std::string>& modes) const;
  const FxRate* fx_rate(std::string_view currency) const;
  const Parameter* parameter(std::string_view key) const;
  const SourceInfo* source(std::string_view id) const;
};

}  // namespace caravan::tariff
