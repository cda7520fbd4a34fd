// The valuation check (see valuation.h).
#include "tariff/valuation.h"

#include <algorithm>
#include <cmath>

#include "tariff/hs_code.h"

namespace caravan::tariff {
namespace {

std::string usd(double v) {
  const auto whole = static_cast<long long>(std::llround(v));
  std::string s = std::to_string(whole), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

}  // namespace

std::string_view name(ValueStatus s) {
  switch (s) {
    case ValueStatus::Within:
      return "within";
    case ValueStatus::Below:
      return "below";
    case ValueStatus::Above:
      return "above";
    case ValueStatus::NoReference:
      return "no_reference";
  }
  return "no_reference";
}

ValueCheck check_value(const std::vector<ReferencePrice>& prices, std::string_view commodity,
                       std::string_view hs, double declared) {
  ValueCheck c;
  c.declared_usd_per_t = declared;
  for (const auto& p : prices)
    if (!commodity.empty() && p.commodity == commodity && p.usd_per_t.known() &&
        (hs.empty() || hs_matches(p.hs_prefix, hs)))
      c.rows.push_back(&p);
  const bool by_commodity = !c.rows.empty();
  if (c.rows.empty()) {
    std::size_t best = 0;
    for (const auto& p : prices)
      if (p.commodity.empty() && p.usd_per_t.known() && hs_matches(p.hs_prefix, hs) &&
          p.hs_prefix.size() >= best) {
        if (p.hs_prefix.size() > best) c.rows.clear();
        best = p.hs_prefix.size();
        c.rows.push_back(&p);
      }
  }
  const std::string what = by_commodity ? std::string(commodity) : "HS " + std::string(hs);
  if (c.rows.empty()) {
    c.message = "no reference price for " + what + "; the declared value is not checked";
    return c;
  }
  c.low = c.rows[0]->usd_per_t.at(Bound::Low);
  c.high = c.rows[0]->usd_per_t.at(Bound::High);
  for (const auto* p : c.rows) {
    c.low = std::min(c.low, p->usd_per_t.at(Bound::Low));
    c.high = std::max(c.high, p->usd_per_t.at(Bound::High));
  }
  c.status = declared < c.low    ? ValueStatus::Below
             : declared > c.high ? ValueStatus::Above
                                 : ValueStatus::Within;
  c.far = declared < c.low / 2 || declared > c.high * 2;
  const std::string range = "USD " + usd(c.low) + "-" + usd(c.high) + "/t";
  if (c.status == ValueStatus::Within)
    c.message = "declared USD " + usd(declared) + "/t is within the reference range " + range +
                " for " + what;
  else
    c.message = std::string(c.far ? "far " : "") + "declared USD " + usd(declared) + "/t is " +
                (c.status == ValueStatus::Below ? "below" : "above") + " the reference range " +
                range + " for " + what + ": possible " +
                (c.status == ValueStatus::Below ? "under" : "over") +
                "-invoicing, or goods other than the reference (see the rows and their sources)";
  return c;
}

}  // namespace caravan::tariff
