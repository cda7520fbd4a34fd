// Reading flows.csv (see flows_reader.h).
#include "io/flows_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "io/csv.h"
#include "network/source_refs.h"

namespace caravan::io {

Result<std::vector<network::FlowSeries>> read_flows(const std::string& dir,
                                                    const network::Network& net) {
  const auto path = (std::filesystem::path(dir) / "flows.csv").string();
  if (!std::filesystem::exists(path)) return std::vector<network::FlowSeries>{};
  CARAVAN_TRY(t, read_table(path, "flows.csv",
                            {"corridor", "year", "value", "unit", "kind", "sources"}, {"note"}));
  const auto find = network::source_finder(net.tables().sources);
  std::map<std::pair<std::string, std::string>, network::FlowSeries> by;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    network::FlowPoint p;
    const std::string corridor = r.text("corridor");
    const auto year = r.number("year", 1990, 2100, true);
    const auto value = r.number("value", 0, 1e12, true);
    const std::string unit = r.text("unit");
    p.kind = r.text("kind");
    p.note = r.text("note", false);
    if (r.ok() && year && std::floor(*year) != *year)
      r.fail("year", "expected a whole year, found '" + std::string(r.raw("year")) + "'");
    if (r.ok() && p.kind != "actual" && p.kind != "plan" && p.kind != "target")
      r.fail("kind", "expected actual, plan or target, found '" + p.kind + "'");
    if (r.ok()) {
      auto refs = network::parse_source_refs(r.list("sources"), find,
                                             std::vector<std::string_view>{"value"});
      if (!refs)
        r.fail("sources", refs.error().message);
      else if (refs->empty())
        r.fail("sources", "a flow figure needs a source");
      else
        for (const auto& ref : *refs)
          p.sources.push_back(net.tables().sources[ref.source.value].id);
    }
    if (!r.ok()) return r.error();
    p.year = static_cast<int>(*year);
    p.value = *value;
    const auto key = std::make_pair(corridor, unit);
    if (!by.contains(key)) {
      order.push_back(key);
      by[key] = {corridor, unit, {}};
    }
    by[key].points.push_back(std::move(p));
  }
  std::vector<network::FlowSeries> out;
  for (const auto& k : order) {
    auto s = std::move(by[k]);
    std::stable_sort(s.points.begin(), s.points.end(),
                     [](const auto& a, const auto& b) { return a.year < b.year; });
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace caravan::io
