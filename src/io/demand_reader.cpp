#include "io/demand_reader.h"

#include <filesystem>
#include <set>

#include "core/text.h"
#include "io/csv.h"

namespace caravan::io {

Result<std::vector<DemandRow>> parse_demand(std::string_view text, const std::string& file,
                                            const network::Network& net) {
  auto table = parse_csv(text, file);
  if (!table) return table.error();
  const CsvTable& t = *table;
  if (auto st = check_header(t, {"origin", "destination", "commodity"},
                             {"tonnes_py", "teu_py", "note", "sources"});
      !st)
    return st.error();
  std::set<std::string> source_ids;
  for (const auto& s : net.tables().sources) source_ids.insert(s.id);
  const bool has_sources = t.column("sources") >= 0;
  std::vector<DemandRow> rows;
  for (const CsvRow& row : t.rows) {
    RowReader r(t, row);
    DemandRow d;
    d.where = r.where();
    const std::string o = r.text("origin"), de = r.text("destination"), c = r.text("commodity");
    if (!r.ok()) return r.error();
    if (auto id = net.find_location(o))
      d.origin = *id;
    else
      r.fail("origin", "unknown location '" + o + "'");
    if (auto id = net.find_location(de); r.ok() && id)
      d.destination = *id;
    else if (r.ok())
      r.fail("destination", "unknown location '" + de + "'");
    if (auto id = net.find_commodity(c); r.ok() && id)
      d.commodity = *id;
    else if (r.ok())
      r.fail("commodity", "unknown commodity '" + c + "'");
    if (r.ok() && d.origin == d.destination)
      r.fail("destination", "same as the origin '" + o + "'");
    const auto tonnes = r.number("tonnes_py", 0, 1e10, false);
    const auto teu = r.number("teu_py", 0, 1e9, false);
    if (!r.ok()) return r.error();
    if (tonnes.has_value() == teu.has_value())
      r.fail("tonnes_py", "give exactly one of tonnes_py and teu_py");
    if (r.ok() && teu) {
      const auto& com = net.commodity(d.commodity);
      if (com.handling != network::Handling::Container)
        r.fail("teu_py", "commodity '" + c + "' is not containerised");
      d.tonnes_per_year = *teu * com.tonnes_per_teu;
    } else if (r.ok()) {
      d.tonnes_per_year = *tonnes;
    }
    if (r.ok() && has_sources) {
      bool covered = false;
      const std::string figure = teu ? "teu_py" : "tonnes_py";
      for (const std::string& ref : r.list("sources")) {
        const auto colon = ref.find(':');
        const std::string field = colon == std::string::npos ? "*" : ref.substr(0, colon);
        const std::string id = colon == std::string::npos ? ref : ref.substr(colon + 1);
        if (!source_ids.count(id)) {
          r.fail("sources", "unknown source id '" + id + "'");
          break;
        }
        if (field == "*" || field == figure) covered = true;
      }
      if (r.ok() && !covered) r.fail("sources", "no source for '" + figure + "'");
    }
    if (!r.ok()) return r.error();
    rows.push_back(std::move(d));
  }
  return rows;
}

Result<std::vector<DemandRow>> read_demand(const std::string& path, const network::Network& net) {
  auto text = read_file(path);
  if (!text) return text.error();
  return parse_demand(*text, std::filesystem::path(path).filename().string(), net);
}

}  // namespace caravan::io
