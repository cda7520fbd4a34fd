// The helpers every table reader of a network folder shares.
#include "io/network_rows.h"

#include <filesystem>

#include "network/source_refs.h"

namespace caravan::io::detail {

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

}  // namespace caravan::io::detail
