// blocs.csv (who belongs to the EU, the EAEU ...) and policies.csv (sanctions, export controls,
// transit permits, war-risk zones), both optional.
#include <filesystem>
#include <unordered_set>

#include "core/date.h"
#include "io/network_rows.h"

namespace caravan::io::detail {
namespace {

// "", "unknown", a number or a range low..high within [min, max].
nw::Uncertain uncertain(RowReader& r, std::string_view col, double min, double max) {
  nw::Uncertain u;
  const auto raw = text::trim(r.raw(col));
  if (raw.empty()) return u;
  if (raw == "unknown") {
    u.unknown = true;
    return u;
  }
  if (const auto range = r.number_range(col, min, max, true)) {
    u.low = range->low;
    u.high = range->high;
  }
  return u;
}

std::optional<Date> date(RowReader& r, std::string_view col, bool required) {
  const auto raw = std::string(text::trim(r.raw(col)));
  if (raw.empty()) {
    if (required) r.fail(col, "is required (YYYY-MM-DD)");
    return std::nullopt;
  }
  const auto d = parse_date(raw);
  if (!d) r.fail(col, "expected a date YYYY-MM-DD, found '" + raw + "'");
  return d;
}

bool is_bloc(const nw::Tables& t, const std::string& id) {
  for (const auto& b : t.blocs)
    if (b.id == id) return true;
  return false;
}

}  // namespace

Status read_blocs(Context& ctx, nw::Tables& out) {
  if (!ctx.injected && !std::filesystem::exists(path_of(ctx, "blocs.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "blocs.csv", {"id", "name", "members", "sources"}, {}));
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Bloc b;
    b.id = r.text("id");
    b.name = r.text("name");
    b.members = r.list("members");
    for (const auto& m : b.members)
      if (r.ok() && !is_iso3166_alpha2(m))
        r.fail("members", "'" + m + "' is not an ISO 3166-1 alpha-2 code");
    if (r.ok() && b.members.empty()) r.fail("members", "a bloc needs its members");
    if (r.ok() && (is_iso3166_alpha2(b.id) || b.id == "MARKET" || is_bloc(out, b.id)))
      r.fail("id", "'" + b.id + "' is a country code, MARKET or a bloc already");
    b.prov = provenance(r, ctx, {"members"});
    if (!r.ok()) return r.error();
    out.blocs.push_back(std::move(b));
  }
  return Ok{};
}

Status read_policies(Context& ctx, nw::Tables& out) {
  if (!ctx.injected && !std::filesystem::exists(path_of(ctx, "policies.csv"))) return Ok{};
  const Names figures = {"refusal_probability", "delay_hours_min",   "delay_hours_mode",
                         "delay_hours_max",     "cost_pct_value",    "cost_usd_per_t",
                         "cost_usd_per_teu",    "premium_pct_value", "risk"};
  Names optional = {"party_countries", "countries",   "locations", "chokepoints",
                    "modes",           "hs_prefixes", "to"};
  optional.insert(optional.end(), figures.begin(), figures.end());
  CARAVAN_TRY(t,
              table(ctx, "policies.csv",
                    {"id", "issuer", "kind", "binds", "effect", "from", "description", "sources"},
                    optional));
  std::unordered_set<std::string> ids;
  for (const auto& p : out.policies) ids.insert(p.id);  // rows appended by a scenario
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Policy p;
    p.id = r.text("id");
    if (r.ok() && !ids.insert(p.id).second) r.fail("id", "duplicate regime id '" + p.id + "'");
    p.issuer = r.text("issuer");
    if (r.ok() && !is_iso3166_alpha2(p.issuer) && p.issuer != "MARKET" && !is_bloc(out, p.issuer))
      r.fail("issuer",
             "'" + p.issuer + "' is not an ISO 3166-1 alpha-2 code, a bloc of blocs.csv or MARKET");
    const auto kind = r.text("kind");
    if (r.ok()) {
      if (auto k = nw::parse_policy_kind(kind))
        p.kind = *k;
      else
        r.fail("kind",
               "unknown kind '" + kind + "' (expected " + std::string(nw::kPolicyKinds) + ")");
    }
    for (const auto& b : r.list("binds")) {
      if (b == "seller")
        p.binds |= nw::kSeller;
      else if (b == "buyer")
        p.binds |= nw::kBuyer;
      else if (b == "carrier")
        p.binds |= nw::kCarrier;
      else if (b == "any") {
        p.binds |= nw::kAnyParty;
        p.anyone = true;
      } else if (r.ok())
        r.fail("binds", "unknown party '" + b + "' (expected seller, buyer, carrier, any)");
    }
    if (r.ok() && p.binds == 0) r.fail("binds", "a regime binds at least one party");
    p.party_countries = r.list("party_countries");
    for (const auto& c : p.party_countries)
      if (r.ok() && c != "*" && !is_iso3166_alpha2(c) && !is_bloc(out, c))
        r.fail("party_countries", "'" + c + "' is not an ISO 3166-1 alpha-2 code, a bloc or *");
    for (const auto& c : r.list("countries"))
      if (r.ok())
        if (auto id = lookup(r, "countries", c, ctx.countries, "country"))
          p.countries.push_back(*id);
    for (const auto& l : r.list("locations"))
      if (r.ok())
        if (auto id = lookup(r, "locations", l, ctx.locations, "location"))
          p.locations.push_back(*id);
    for (const auto& c : r.list("chokepoints"))
      if (r.ok())
        if (auto id = lookup(r, "chokepoints", c, ctx.chokepoints, "chokepoint"))
          p.chokepoints.push_back(*id);
    for (const auto& m : r.list("modes")) {
      if (!r.ok()) break;
      if (auto mode = nw::parse_mode(m))
        p.modes.push_back(*mode);
      else
        r.fail("modes", "unknown mode '" + m + "' (expected rail, road, sea, ferry, pipeline)");
    }
    for (const auto& h : r.list("hs_prefixes")) {
      if (!r.ok()) break;
      auto prefix = nw::parse_hs_prefix(h);
      if (!prefix)
        r.fail("hs_prefixes", prefix.error().message);
      else if (*prefix != "*")
        p.hs_prefixes.push_back(*prefix);
    }
    const auto effect = r.text("effect");
    if (r.ok()) {
      if (auto e = nw::parse_policy_effect(effect))
        p.effect = *e;
      else
        r.fail("effect",
               "unknown effect '" + effect + "' (expected forbid, permit, cost, premium, risk)");
    }
    p.refusal_probability = uncertain(r, "refusal_probability", 0, 1);
    p.delay_hours_min = uncertain(r, "delay_hours_min", 0, 1e5);
    p.delay_hours_mode = uncertain(r, "delay_hours_mode", 0, 1e5);
    p.delay_hours_max = uncertain(r, "delay_hours_max", 0, 1e5);
    p.cost_pct_value = uncertain(r, "cost_pct_value", 0, 100);
    p.cost_usd_per_t = uncertain(r, "cost_usd_per_t", 0, 1e7);
    p.cost_usd_per_teu = uncertain(r, "cost_usd_per_teu", 0, 1e7);
    p.premium_pct_value = uncertain(r, "premium_pct_value", 0, 100);
    p.risk = uncertain(r, "risk", 0, 1);
    if (r.ok() && p.delay_hours_min.low && p.delay_hours_mode.low && p.delay_hours_max.low &&
        !(*p.delay_hours_min.low <= *p.delay_hours_mode.low &&
          *p.delay_hours_mode.low <= *p.delay_hours_max.low))
      r.fail("delay_hours_mode", "expected delay_hours_min <= delay_hours_mode <= delay_hours_max");
    // Each effect needs the figures that say how much (or `unknown`).
    if (r.ok()) {
      const bool has_cost =
          p.cost_pct_value.given() || p.cost_usd_per_t.given() || p.cost_usd_per_teu.given();
      if (p.effect == nw::PolicyEffect::Permit && !p.refusal_probability.given() &&
          !p.delay_hours_mode.given())
        r.fail("refusal_probability",
               "a permit needs refusal_probability or delay_hours_mode "
               "(a figure, a range or unknown)");
      else if (p.effect == nw::PolicyEffect::Cost && !has_cost)
        r.fail("cost_pct_value", "a cost needs cost_pct_value, cost_usd_per_t or cost_usd_per_teu");
      else if (p.effect == nw::PolicyEffect::Premium && !p.premium_pct_value.given())
        r.fail("premium_pct_value", "a premium needs premium_pct_value (or unknown)");
      else if (p.effect == nw::PolicyEffect::Risk && !p.risk.given())
        r.fail("risk", "a risk needs risk (or unknown)");
    }
    if (const auto from = date(r, "from", true)) p.from = *from;
    p.to = date(r, "to", false);
    if (r.ok() && p.to && *p.to < p.from)
      r.fail("to", "the regime ends (" + format_date(*p.to) + ") before it starts (" +
                       format_date(p.from) + ")");
    p.description = r.text("description");
    p.prov = provenance(r, ctx, figures);
    if (r.ok() && p.prov.sources.empty()) r.fail("sources", "a regime needs its source");
    if (!r.ok()) return r.error();
    out.policies.push_back(std::move(p));
  }
  return Ok{};
}

}  // namespace caravan::io::detail
