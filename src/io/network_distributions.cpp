// distributions.csv (uncertain durations by month) and disruptions.csv (disruption events).
#include <filesystem>

#include "io/network_rows.h"
#include "network/distribution.h"

namespace caravan::io::detail {
namespace {

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

}  // namespace

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

}  // namespace caravan::io::detail
