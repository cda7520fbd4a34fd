// links.csv, transfers.csv and borders.csv: the services, the changes of mode or gauge, and the
// border crossings.
#include <filesystem>
#include <unordered_map>

#include "io/network_rows.h"

namespace caravan::io::detail {
namespace {

// The `mode` column (an error when it names no mode).
std::optional<nw::Mode> mode_column(RowReader& r) {
  const auto mode = r.text("mode");
  if (!r.ok()) return std::nullopt;
  auto m = nw::parse_mode(mode);
  if (!m)
    r.fail("mode", "unknown mode '" + mode + "' (expected " + std::string(nw::mode_names()) + ")");
  return m;
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

}  // namespace

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
    l.mode = mode_column(r).value_or(nw::Mode::Rail);
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

Status read_rates(Context& ctx, nw::Tables& out) {
  if (!std::filesystem::exists(path_of(ctx, "rates.csv"))) return Ok{};
  CARAVAN_TRY(t, table(ctx, "rates.csv", {"id", "mode", "handling", "usd_per_tkm", "sources"},
                       {"countries", "min_tonnes", "low", "high", "train", "note"}));
  std::unordered_map<std::string, int> ids;
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    nw::Rate rate;
    rate.id = r.text("id");
    if (r.ok() && !ids.emplace(rate.id, 0).second)
      r.fail("id", "duplicate rate id '" + rate.id + "'");
    rate.mode = mode_column(r).value_or(nw::Mode::Rail);
    const auto handling = r.text("handling");
    if (r.ok()) {
      auto h = nw::parse_handling(handling);
      if (!h)
        r.fail("handling", "unknown class '" + handling + "' (expected " +
                               std::string(nw::handling_names()) + ")");
      else if (*h == nw::Handling::Container)
        r.fail("handling",
               "a rate per tonne-km is for bulk classes; container rates are per TEU "
               "(links.csv tariff_usd_per_teu)");
      else
        rate.handling = *h;
    }
    for (const auto& c : r.list("countries"))
      if (r.ok())
        rate.countries.push_back(
            lookup(r, "countries", c, ctx.countries, "country").value_or(CountryId{}));
    rate.usd_per_tkm = r.number("usd_per_tkm", 1e-6, 10, true).value_or(0);
    rate.min_tonnes = r.number("min_tonnes", 0, 1e7, false).value_or(0);
    rate.low = r.number("low", 0, 10, false);
    rate.high = r.number("high", 0, 10, false);
    if (r.ok() && rate.low && *rate.low > rate.usd_per_tkm)
      r.fail("low", "the range's low end is above the value used");
    if (r.ok() && rate.high && *rate.high < rate.usd_per_tkm)
      r.fail("high", "the range's high end is below the value used");
    rate.train = r.text("train", false);
    rate.note = r.text("note", false);
    rate.prov = provenance(r, ctx, {"usd_per_tkm", "min_tonnes", "low", "high"});
    if (!r.ok()) return r.error();
    out.rates.push_back(std::move(rate));
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

}  // namespace caravan::io::detail
