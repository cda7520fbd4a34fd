// The landed-cost rules (docs/landed-cost.md).
#include "trade/landed_cost.h"

#include <cmath>
#include <optional>

#include "core/text.h"

namespace caravan::trade {
namespace tf = caravan::tariff;

const Component* LandedCost::find(std::string_view name) const {
  for (const auto& c : components)
    if (c.name == name) return &c;
  return nullptr;
}

namespace {

std::string num(double v) { return text::compact(std::round(v * 1000.0) / 1000.0); }
std::string pct(double v) { return num(v) + "%"; }
std::string usd(Usd v) { return "USD " + text::thousands(v.value); }
// " (range a..b<unit>)" for a range figure, "" for a single one.
std::string range_text(const tf::Figure& f, std::string (*fmt)(double), const char* unit = "") {
  return f.range() ? " (range " + fmt(*f.value) + ".." + fmt(*f.high) + unit + ")" : "";
}
// A figure's value at the bound, naming its range when it has one.
std::string pct(const tf::Figure& f, tf::Bound b) { return pct(f.at(b)) + range_text(f, num, "%"); }

struct Builder {
  const tf::Schedule& s;
  const LandedInput& in;
  tf::Bound bound;
  LandedCost out;

  void add(std::string name, Usd v, tf::Duty duty, std::string detail,
           std::vector<std::string> sources = {}, bool known = true, bool counted = true) {
    Component c{std::move(name),
                v,
                tf::payer(in.incoterm, duty),
                known,
                std::move(detail),
                std::move(sources),
                std::nullopt,
                counted};
    if (!known) {
      c.usd = Usd{0};
      if (counted) out.missing.push_back(c.name + ": " + c.detail);  // else it changes no total
    }
    if (c.counted) (c.payer == tf::Party::Seller ? out.seller : out.buyer) += c.usd;
    out.components.push_back(std::move(c));
  }
  const tf::Figure* param(std::string_view name, std::vector<std::string>& sources) {
    const auto* p = s.parameter(name);
    if (!p || !p->value.known()) return nullptr;
    sources.insert(sources.end(), p->value.sources.begin(), p->value.sources.end());
    return &p->value;
  }
};

// What a line charges: `rate_pct` of `base` plus its specific part per tonne at the dated rate.
// Not known when either figure or the exchange rate is unknown.
struct Charge {
  Usd usd{0};
  bool known = true;
  std::string detail;
  std::vector<std::string> sources;
};

Charge charge(const tf::Schedule& s, const tf::Figure& rate_pct,
              const std::optional<tf::SpecificRate>& specific, Usd base,
              const std::string& base_text, Tonnes tonnes, tf::Bound bound) {
  Charge c;
  c.sources = rate_pct.sources;
  if (!rate_pct.known()) {
    c.known = false;
    c.detail = "rate unknown";
  } else {
    c.usd = base * (rate_pct.at(bound) / 100.0);
    c.detail = pct(rate_pct, bound) + " of " + base_text + " " + usd(base);
  }
  if (!specific) return c;
  const auto& sp = *specific;
  c.sources.insert(c.sources.end(), sp.per_tonne.sources.begin(), sp.per_tonne.sources.end());
  const double per_tonne = sp.per_tonne.known() ? sp.per_tonne.at(bound) : 0.0;
  std::string part = sp.currency + " " + text::thousands(per_tonne) +
                     range_text(sp.per_tonne, text::thousands) + "/t x " +
                     text::compact(tonnes.value) + " t";
  const auto* fx = sp.currency == "USD" ? nullptr : s.fx_rate(sp.currency);
  if (!sp.per_tonne.known()) {
    c.known = false;
    part = "specific rate per tonne unknown";
  } else if (sp.currency == "USD") {
    c.usd += Usd{per_tonne * tonnes.value};
  } else if (!fx || !fx->usd_per_unit.known()) {
    c.known = false;
    part += ", no dated USD rate for " + sp.currency;
  } else {
    const Usd v{per_tonne * tonnes.value * *fx->usd_per_unit.value};
    c.usd += v;
    part += " = " + usd(v) + " at the " + fx->usd_per_unit.date + " rate";
    c.sources.insert(c.sources.end(), fx->usd_per_unit.sources.begin(),
                     fx->usd_per_unit.sources.end());
  }
  c.detail += (c.detail.empty() ? "" : " + ") + part;
  return c;
}

// The landed cost with every range figure at one end.
LandedCost at_bound(const tf::Schedule& s, const LandedInput& in, tf::Bound bound) {
  Builder b{s, in, bound, {}};
  auto& out = b.out;
  out.goods_value = in.goods_value;
  const bool domestic = in.origin_country == in.destination_country;
  const bool no_sea_leg =
      in.pre.freight.value == 0 && in.pre.border.value == 0 && in.pre.inventory.value == 0;
  using enum tf::Incoterm;
  if (no_sea_leg && (in.incoterm == Fob || in.incoterm == Cfr || in.incoterm == Cif))
    out.notes.push_back(std::string(tf::name(in.incoterm)) +
                        " is a sea term and the route has no sea or ferry leg before its end: the "
                        "port of shipment is taken to be the origin");

  // Freight, border fees and carrying cost, cut at the port of shipment.
  b.add("pre_carriage_freight", in.pre.freight, tf::Duty::PreCarriage,
        "line haul and handling to the port of shipment");
  b.add("pre_carriage_border_fees", in.pre.border, tf::Duty::PreCarriage,
        "border fees before the port of shipment");
  b.add("main_carriage_freight", in.main.freight, tf::Duty::MainCarriage,
        "line haul and handling from the port of shipment");
  b.add("main_carriage_border_fees", in.main.border, tf::Duty::MainCarriage,
        "border fees after the port of shipment");
  b.add("inventory_pre_carriage", in.pre.inventory, tf::Duty::PreCarriage,
        "value x annual rate x days, to the port of shipment");
  b.add("inventory_main_carriage", in.main.inventory, tf::Duty::MainCarriageRisk,
        "value x annual rate x days, from the port of shipment");
  // Policy regimes met on the way: permit and regime charges, war-risk premiums.
  if (in.pre.regimes.value > 0)
    b.add("pre_carriage_regimes", in.pre.regimes, tf::Duty::PreCarriage,
          "policy regimes before the port of shipment (permits, charges, war-risk premiums)");
  if (in.main.regimes.value > 0)
    b.add("main_carriage_regimes", in.main.regimes, tf::Duty::MainCarriage,
          "policy regimes after the port of shipment (permits, charges, war-risk premiums)");
  const Usd freight = in.pre.freight + in.pre.border + in.main.freight + in.main.border;

  // Insurance: (goods + freight) x markup x (base + loading x risk).
  {
    std::vector<std::string> src;
    const auto* base = b.param("insurance_base_pct", src);
    const auto* load = b.param("insurance_risk_loading_pct", src);
    const auto* markup = b.param("insured_value_markup", src);
    if (base && load && markup) {
      const double rate = base->at(bound) + load->at(bound) * in.risk;
      const Usd insured = (in.goods_value + freight) * markup->at(bound);
      b.add("insurance", insured * (rate / 100.0), tf::Duty::Insurance,
            pct(rate) + " (" + pct(*base, bound) + " + " + pct(*load, bound) + " x risk " +
                text::format_number(in.risk, 3) + ") of " + usd(insured) + " insured",
            src);
    } else {
      b.add("insurance", Usd{0}, tf::Duty::Insurance,
            "insurance parameters unknown (insurance_base_pct, insurance_risk_loading_pct, "
            "insured_value_markup)",
            src, false);
    }
  }
  const Component* insurance = out.find("insurance");
  const Usd insurance_usd = insurance ? insurance->usd : Usd{0};

  // Transit regimes: one charge per transit country.
  for (const auto& [c, modes] : in.transit) {
    const auto* t = s.transit_charge(c, in.origin_country, modes);
    const std::string name = "transit_" + c;
    std::string by;
    for (const auto& m : modes) by += (by.empty() ? " by " : ", ") + m;
    if (!t)
      b.add(name, Usd{0}, tf::Duty::MainCarriage,
            "no transit regime for " + c + by + " in the schedule", {}, false);
    else if (!t->usd_per_consignment.known())
      b.add(name, Usd{0}, tf::Duty::MainCarriage,
            t->regime + " in " + c + ": cost unknown (" + t->usd_per_consignment.where + ")",
            t->usd_per_consignment.sources, false);
    else
      b.add(name, Usd{t->usd_per_consignment.at(bound)}, tf::Duty::MainCarriage,
            t->regime + " in " + c + " (" + t->usd_per_consignment.where + ", " +
                t->usd_per_consignment.date +
                (t->usd_per_consignment.range()
                     ? ", range USD " + text::money_range(*t->usd_per_consignment.value,
                                                          *t->usd_per_consignment.high)
                     : "") +
                ")",
            t->usd_per_consignment.sources);
  }

  if (domestic) {
    out.notes.push_back("origin and destination are both in " + in.origin_country +
                        ": no export or import clearance");
  } else {
    // Export duty or ban at the origin, on the goods' value.
    const auto* e = s.export_line(in.origin_country, in.hs);
    if (!e)
      b.add("export_duty", Usd{0}, tf::Duty::ExportClearance,
            "no export line for " + in.origin_country + " HS " + in.hs + " in the schedule", {},
            false);
    else {
      if (e->banned) {
        out.blocked = true;
        out.notes.push_back("export of HS " + in.hs + " from " + in.origin_country +
                            " is banned (" + e->rate_pct.where + "): " + e->note);
      }
      if (e->licence)
        out.notes.push_back("export of HS " + in.hs + " from " + e->exporter +
                            " needs a licence (" + e->rate_pct.where + "): " + e->note);
      const Charge c =
          charge(s, e->rate_pct, e->specific, in.goods_value, "the goods' value", in.tonnes, bound);
      b.add("export_duty", c.usd, tf::Duty::ExportClearance,
            c.detail + " (" + e->exporter + " HS " + e->hs_prefix + ", " + e->rate_pct.where +
                (c.known ? ", " + e->rate_pct.date : "") + ")",
            c.sources, c.known);
    }

    // Customs value, duty, excise and VAT at the destination.
    const auto* g = s.regime(in.destination_country);
    if (!g) {
      for (const char* n : {"import_duty", "excise", "import_vat"})
        b.add(n, Usd{0}, tf::Duty::ImportClearance,
              "no import regime for " + in.destination_country + " in the schedule", {}, false);
    } else {
      out.valuation = g->valuation;
      out.customs_value = g->valuation == tf::Valuation::Cif
                              ? in.goods_value + freight + insurance_usd
                              : in.goods_value + in.pre.freight + in.pre.border;
      const std::string basis = g->valuation == tf::Valuation::Cif ? "CIF" : "FOB";
      Usd duty{0}, excise{0};
      bool duty_known = false, excise_known = true;
      const auto* d = s.line(in.destination_country, in.origin_country, in.hs, tf::LineKind::Duty);
      if (!d)
        b.add("import_duty", Usd{0}, tf::Duty::ImportClearance,
              "no duty line for " + in.destination_country + " HS " + in.hs + " in the schedule",
              {}, false);
      else {
        // A preference whose rate is unknown is still at most the MFN rate (an importer can
        // always claim MFN): with a known MFN line the duty is the range 0..MFN.
        const tf::DutyLine* mfn = d->origin == "*" || d->rate_pct.known()
                                      ? nullptr
                                      : s.line(in.destination_country, "*", in.hs, d->kind);
        std::optional<tf::DutyLine> bounded;
        if (mfn && mfn->rate_pct.known() && (!mfn->specific || mfn->specific->per_tonne.known())) {
          bounded = *mfn;
          bounded->rate_pct.high = mfn->rate_pct.at(tf::Bound::High);
          bounded->rate_pct.value = 0.0;
          if (bounded->specific) {
            auto& pt = bounded->specific->per_tonne;
            pt.high = pt.at(tf::Bound::High);
            pt.value = 0.0;
          }
        }
        const tf::DutyLine& applied = bounded ? *bounded : *d;
        const Charge c = charge(s, applied.rate_pct, applied.specific, out.customs_value,
                                "the " + basis + " customs value", in.tonnes, bound);
        duty_known = c.known;
        duty = c.usd;
        std::vector<std::string> sources = c.sources;
        if (bounded)
          sources.insert(sources.end(), d->rate_pct.sources.begin(), d->rate_pct.sources.end());
        b.add("import_duty", duty, tf::Duty::ImportClearance,
              (bounded ? d->agreement + " rate unknown (" + d->rate_pct.where +
                             "), so between 0 and the MFN rate: "
                       : std::string()) +
                  c.detail + " (" + applied.importer + " HS " + applied.hs_prefix + ", " +
                  (applied.origin == "*" ? std::string("MFN") : applied.agreement) + ", " +
                  applied.rate_pct.where + (c.known ? ", " + applied.rate_pct.date : "") + ")",
              sources, c.known);
      }
      // Excise: only where the schedule lists one for the line.
      if (const auto* x =
              s.line(in.destination_country, in.origin_country, in.hs, tf::LineKind::Excise)) {
        const Charge c = charge(s, x->rate_pct, x->specific, out.customs_value, "the customs value",
                                in.tonnes, bound);
        excise_known = c.known;
        excise = c.usd;
        b.add(
            "excise", excise, tf::Duty::ImportClearance,
            c.detail + " (" + x->importer + " HS " + x->hs_prefix + ", " + x->rate_pct.where + ")",
            c.sources, c.known);
      }
      const Usd base = out.customs_value + duty + (g->base_includes_excise ? excise : Usd{0});
      const std::string base_text =
          std::string("customs value + duty") + (g->base_includes_excise ? " + excise" : "");
      if (!g->vat_pct.known())
        b.add("import_vat", Usd{0}, tf::Duty::ImportClearance,
              in.destination_country + " VAT rate unknown (" + g->vat_pct.where + ")",
              g->vat_pct.sources, false, !in.vat_recoverable);
      else {
        std::string detail = pct(g->vat_pct, bound) + " of " + base_text + " = " + usd(base) +
                             " (" + g->vat_pct.where + ", " + g->vat_pct.date + ")";
        if (!duty_known || (g->base_includes_excise && !excise_known))
          detail += "; the base lacks the unknown duty/excise, so this is a lower bound";
        if (in.vat_recoverable)
          detail += "; recovered by a registered importer, so not counted in the landed cost";
        b.add("import_vat", base * (g->vat_pct.at(bound) / 100.0), tf::Duty::ImportClearance,
              detail, g->vat_pct.sources, true, !in.vat_recoverable);
      }
      out.currency = g->currency;
      if (const auto* fx = s.fx_rate(g->currency); fx && fx->usd_per_unit.known()) {
        out.usd_per_unit = fx->usd_per_unit.value;
        out.fx_date = fx->usd_per_unit.date;
      } else if (g->currency != "USD") {
        out.notes.push_back("no dated USD rate for " + g->currency +
                            ": the landed cost is given in USD only");
      }
    }
  }
  if (out.currency == "USD") out.usd_per_unit = 1.0;
  return out;
}

}  // namespace

LandedCost landed_cost(const tf::Schedule& s, const LandedInput& in) {
  LandedCost low = at_bound(s, in, tf::Bound::Low);
  const LandedCost high = at_bound(s, in, tf::Bound::High);
  // Both passes add the same components in the same order: which ones depends on the schedule's
  // lines, never on a figure's value.
  for (std::size_t i = 0; i < low.components.size() && i < high.components.size(); ++i)
    if (high.components[i].usd != low.components[i].usd)
      low.components[i].usd_high = high.components[i].usd;
  low.seller_high = high.seller;
  low.buyer_high = high.buyer;
  return low;
}

}  // namespace caravan::trade
