// The sweep feature: a configuration (file or inline) -> the cells (sweep/sweep.h) -> each cell
// as a route, compare or scenario request through the feature table -> rows saved in the SQLite
// store as they come (io/sweep_store.h) -> the rows, as JSON, a table or CSV.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "api/customs_codec.h"
#include "api/error_table.h"
#include "api/feature_groups.h"
#include "api/request.h"
#include "cluster/cluster.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/sweep_store.h"
#include "sweep/sweep.h"

namespace caravan::api {
using nlohmann::json;

namespace {

Result<std::vector<std::string>> strings(const json& c, const char* key) {
  std::vector<std::string> out;
  if (!c.contains(key)) return out;
  if (!c[key].is_array()) return field_error(std::string("sweep.") + key, "expected a list");
  for (const auto& v : c[key]) {
    if (!v.is_string()) return field_error(std::string("sweep.") + key, "expected strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

struct Parsed {
  sweep::SweepConfig config;
  json request = json::object();  // fields every cell's request has
  bool compare = false;
  int alternatives = 1;
  int samples = 0;
  std::string text;  // the configuration as stored (its digest identifies the sweep)
};

Result<Parsed> parse_config(const json& c) {
  if (!c.is_object()) return field_error("sweep", "expected an object");
  static const std::set<std::string> kKnown = {
      "origins", "destinations", "commodities",         "tonnes",
      "months",  "dates",        "scenarios",           "objectives",
      "compare", "alternatives", "reliability_samples", "seed",
      "cells",   "request"};
  for (const auto& [k, v] : c.items())
    if (!kKnown.contains(k))
      return field_error("sweep." + k,
                         "unknown field (known: origins, destinations, commodities, "
                         "tonnes, months, dates, scenarios, objectives, compare, "
                         "alternatives, reliability_samples, seed, cells, request)");
  Parsed p;
  auto& a = p.config.axes;
  CARAVAN_TRY(o, strings(c, "origins"));
  CARAVAN_TRY(d, strings(c, "destinations"));
  CARAVAN_TRY(com, strings(c, "commodities"));
  CARAVAN_TRY(s, strings(c, "scenarios"));
  CARAVAN_TRY(obj, strings(c, "objectives"));
  CARAVAN_TRY(dates, strings(c, "dates"));
  a.origins = o;
  a.destinations = d;
  a.commodities = com;
  a.scenarios = s;
  a.objectives = obj;
  a.departs = dates;
  if (c.contains("tonnes")) {
    if (!c["tonnes"].is_array()) return field_error("sweep.tonnes", "expected a list of numbers");
    for (const auto& v : c["tonnes"]) {
      if (!v.is_number() || v.get<double>() <= 0)
        return field_error("sweep.tonnes", "expected positive numbers");
      a.tonnes.push_back(v.get<double>());
    }
  }
  if (c.contains("months")) {
    if (!c["months"].is_array()) return field_error("sweep.months", "expected a list of 1..12");
    for (const auto& v : c["months"]) {
      if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 12)
        return field_error("sweep.months", "expected months 1..12");
      a.months.push_back(v.get<int>());
    }
  }
  if (c.contains("cells")) {
    if (!c["cells"].is_array()) return field_error("sweep.cells", "expected a list of cells");
    for (std::size_t i = 0; i < c["cells"].size(); ++i) {
      const auto& x = c["cells"][i];
      const std::string where = "sweep.cells[" + std::to_string(i) + "]";
      if (!x.is_object() || !x.contains("from") || !x.contains("to"))
        return field_error(where, "expected an object with from and to");
      sweep::Cell cell;
      try {
        cell.origin = x.at("from").get<std::string>();
        cell.destination = x.at("to").get<std::string>();
        cell.commodity = x.value("commodity", std::string());
        cell.tonnes = x.value("tonnes", 0.0);
        cell.month = x.value("month", 0);
        cell.depart = x.value("depart", std::string());
        cell.scenario = x.value("scenario", std::string());
        cell.objective = x.value("objective", std::string());
      } catch (const json::exception&) {
        return field_error(where, "a field has the wrong type");
      }
      p.config.listed.push_back(std::move(cell));
    }
  }
  p.compare = c.value("compare", false);
  p.alternatives = c.value("alternatives", 1);
  p.samples = c.value("reliability_samples", 0);
  if (p.alternatives < 1 || p.alternatives > 20)
    return field_error("sweep.alternatives", "expected 1..20");
  if (p.samples < 0 || p.samples > 100000)
    return field_error("sweep.reliability_samples", "expected 0..100000");
  if (c.contains("seed")) {
    if (!c["seed"].is_number_unsigned())
      return field_error("sweep.seed", "expected a whole number >= 0");
    p.config.seed = c["seed"].get<std::uint64_t>();
  }
  if (c.contains("request")) {
    if (!c["request"].is_object()) return field_error("sweep.request", "expected an object");
    p.request = c["request"];
  }
  p.text = c.dump();
  return p;
}

sweep::RouteRow row_of(const json& r, std::size_t rank, std::string label) {
  sweep::RouteRow row;
  row.rank = rank;
  row.label = std::move(label);
  row.summary = r.value("summary", std::string());
  row.countries = text::join(r.value("countries", std::vector<std::string>{}), ">");
  row.cost_usd = r.value("cost_usd", 0.0);
  row.days = r.value("hours", 0.0) / 24;
  row.co2_t = r.value("co2_kg", 0.0) / 1000;
  row.risk = r.value("risk", 0.0);
  row.km = r.value("km", 0.0);
  if (r.contains("landed_cost_usd")) row.landed_cost_usd = r["landed_cost_usd"].get<double>();
  if (r.contains("reliability")) {
    const auto& rel = r["reliability"];
    row.p50_days = rel.value("p50_hours", 0.0) / 24;
    row.p90_days = rel.value("p90_hours", 0.0) / 24;
    if (rel.contains("on_time_probability")) row.on_time = rel["on_time_probability"].get<double>();
  }
  return row;
}

// The routes of an answer: route (alternatives), compare (corridors) or scenario (its run).
std::vector<sweep::RouteRow> rows_of(const json& a, const std::string& scenario) {
  std::vector<sweep::RouteRow> out;
  const json* variants = a.contains("variants") ? &a["variants"] : nullptr;
  if (a.contains("runs"))
    for (const auto& run : a["runs"])
      if (run.value("id", std::string()) == scenario && run.contains("variants"))
        variants = &run["variants"];
  if (variants) {
    for (const auto& v : *variants)
      if (v.contains("route") && !v["route"].is_null())
        out.push_back(
            row_of(v["route"], out.size() + 1, v.value("name", v.value("id", std::string()))));
  } else if (a.contains("routes")) {
    for (const auto& r : a["routes"])
      out.push_back(row_of(r, out.size() + 1, std::to_string(out.size() + 1)));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.cost_usd < y.cost_usd; });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = i + 1;
  return out;
}

sweep::CellRunner runner_of(const Context& ctx, const Parsed& p) {
  return [&ctx, &p](const sweep::Cell& c) {
    sweep::CellResult result;
    json rq = p.request;
    rq["from"] = c.origin;
    rq["to"] = c.destination;
    if (!c.commodity.empty()) rq["commodity"] = c.commodity;
    if (c.tonnes > 0) rq["tonnes"] = c.tonnes;
    if (c.month > 0) rq["month"] = c.month;
    if (!c.depart.empty()) rq["depart"] = c.depart;
    if (!c.objective.empty()) rq["objective"] = c.objective;
    if (p.samples > 0) {
      rq["reliability_samples"] = p.samples;
      rq["seed"] = c.seed % (std::uint64_t{1} << 53);  // the cell's own stream
    }
    std::string name = p.compare ? "compare" : "route";
    const bool scenario = !c.scenario.empty() && c.scenario != "baseline";
    if (scenario) {
      name = "scenario";
      rq["scenarios"] = json::array({c.scenario});
      rq["corridors"] = p.compare;
    } else if (!p.compare && p.alternatives > 1) {
      rq["alternatives"] = p.alternatives;
    }
    const Feature* f = find_feature(name);
    try {
      auto a = run(*f, ctx, rq);
      if (!a) {
        result.error = a.error().message;
        return result;
      }
      result.rows = rows_of(a->json, c.scenario);
      if (result.rows.empty())
        result.error = a->json.value("no_route_reason", std::string("no route"));
    } catch (const std::exception& e) {  // a cell never stops the sweep
      result.error = std::string("internal error: ") + e.what();
    }
    return result;
  };
}

json record_json(const io::SweepRecord& r) {
  json j = {{"cell", r.cell.index},
            {"origin", r.cell.origin},
            {"destination", r.cell.destination},
            {"commodity", r.cell.commodity},
            {"tonnes", r.cell.tonnes},
            {"month", r.cell.month},
            {"depart", r.cell.depart},
            {"scenario", r.cell.scenario},
            {"objective", r.cell.objective},
            {"seed", r.cell.seed},
            {"status", r.status}};
  if (!r.error.empty()) j["error"] = r.error;
  if (r.route) {
    const auto& x = *r.route;
    j.update({{"rank", x.rank},
              {"label", x.label},
              {"summary", x.summary},
              {"countries", x.countries},
              {"cost_usd", x.cost_usd},
              {"days", x.days},
              {"co2_t", x.co2_t},
              {"risk", x.risk},
              {"km", x.km}});
    if (x.landed_cost_usd) j["landed_cost_usd"] = *x.landed_cost_usd;
    if (x.p50_days) j["p50_days"] = *x.p50_days;
    if (x.p90_days) j["p90_days"] = *x.p90_days;
    if (x.on_time) j["on_time"] = *x.on_time;
  }
  return j;
}

// The line of a configuration file where a field's key first appears (1 when not found).
int line_of(const std::string& text, const std::string& field) {
  std::string key = field.substr(field.rfind('.') + 1);
  key = key.substr(0, key.find('['));
  const auto at = text.find("\"" + key + "\"");
  if (at == std::string::npos) return 1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

Result<json> prepare_sweep(const Context& ctx, const json& request) {
  json rq = request;
  if (rq.contains("config") && !ctx.local)
    return field_error("config", "names a server-side file: give the configuration as \"sweep\"");
  std::string file, text;
  if (rq.contains("config")) {  // a file on this machine (the CLI): read it now
    if (!rq["config"].is_string()) return field_error("config", "expected a file name");
    file = rq["config"].get<std::string>();
    CARAVAN_TRY(read, io::read_file(file));
    text = std::move(read);
    try {
      rq["sweep"] = json::parse(text);
    } catch (const json::parse_error& e) {  // the byte where it broke, as a line
      const auto upto = std::min<std::size_t>(e.byte, text.size());
      const int line = 1 + static_cast<int>(std::count(
                               text.begin(), text.begin() + static_cast<long>(upto), '\n'));
      return make_error(
          ErrorCode::InvalidData,
          file + ":" + std::to_string(line) + ": not JSON (a sweep configuration): " + e.what(),
          "config");
    }
    rq.erase("config");
  }
  if (!rq.contains("sweep"))
    return field_error("sweep", "give a configuration (--config FILE, or sweep in the request)");
  auto checked = [&]() -> Status {
    CARAVAN_TRY(p, parse_config(rq["sweep"]));
    CARAVAN_TRY(cells, sweep::expand(p.config));
    return Ok{};
  }();
  if (!checked) {
    Error e = checked.error();
    if (!file.empty())  // name the file and the line of the field
      e.message = file + ":" + std::to_string(line_of(text, e.field)) + ": " + e.message;
    return e;
  }
  return rq;
}

std::function<void(const sweep::Progress&)> progress_lines(std::ostream* out) {
  auto last = std::make_shared<double>(-10.0);
  return [out, last](const sweep::Progress& pr) {
    if (pr.seconds - *last < 2 && pr.done != pr.total) return;
    *last = pr.seconds;
    *out << "sweep: " << pr.done << "/" << pr.total << " cells (" << pr.failed << " failed), "
         << text::format_number(pr.per_second, 1) << " a second, "
         << text::format_number(pr.seconds_left, 0) << " s left" << std::endl;
  };
}

Result<Answer> run_sweep(const Context& ctx, const json& request) {
  Fields f(request);
  const json* config = f.value("sweep");
  CARAVAN_TRY(store_file, f.opt_str("store"));
  CARAVAN_TRY(threads, f.opt_int("threads", 1, 256));
  CARAVAN_TRY(fresh, f.flag("fresh"));
  CARAVAN_TRY(part, f.opt_int("part", 0, 1 << 20));
  CARAVAN_TRY(ways, f.opt_int("ways", 1, 1 << 20));
  CARAVAN_TRY(rank_timeout, f.opt_num("rank_timeout", 1, 86400));
  if (auto s = f.no_unknown(); !s) return s.error();
  if (config == nullptr) return field_error("sweep", "give a configuration");
  CARAVAN_TRY(p, parse_config(*config));
  CARAVAN_TRY(cells, sweep::expand(p.config));
  const std::string path =
      store_file.value_or(ctx.store.empty() ? std::string("caravan-results.sqlite") : ctx.store);
  std::unique_ptr<io::SqliteStore> store;
  auto open = [&]() -> Result<sweep::Store*> {
    CARAVAN_TRY(opened, io::SqliteStore::open(path, p.text, cells.size(), fresh));
    store = std::move(opened);
    return store.get();
  };
  sweep::RunSummary summary;
  std::vector<std::size_t> missing;  // cells dealt to a lost MPI rank
  json mpi;
  if (ctx.local && cluster::launched()) {  // started by mpirun: cells dealt to the ranks
    if (part || ways)
      return field_error("part", "under mpirun the ranks share the cells: no --part/--ways");
    cluster::Options o;
    o.threads = static_cast<unsigned>(threads.value_or(1));
    o.rank_timeout_seconds = rank_timeout.value_or(30);
    if (ctx.progress) o.progress = progress_lines(ctx.progress);
    CARAVAN_TRY(outcome, cluster::run(cells, runner_of(ctx, p), open, o));
    if (outcome.rank != 0) return Answer{json{{"rank", outcome.rank}}, {}, true};
    summary = outcome.summary;
    missing = outcome.missing;
    mpi = {{"ranks", outcome.ranks},
           {"lost_ranks", outcome.lost_ranks},
           {"cells_by_rank", outcome.per_rank}};
  } else {
    CARAVAN_TRY(opened, open());
    sweep::RunOptions o;
    o.threads = static_cast<unsigned>(threads.value_or(0));
    o.part = static_cast<std::size_t>(part.value_or(0));
    o.ways = static_cast<std::size_t>(ways.value_or(1));
    if (o.part >= o.ways) return field_error("part", "expected part < ways");
    if (ctx.progress) o.progress = progress_lines(ctx.progress);
    CARAVAN_TRY(s, sweep::run(cells, runner_of(ctx, p), *opened, o));
    summary = s;
  }
  const json run_json = {{"cells", summary.cells},     {"skipped", summary.skipped},
                         {"ran", summary.ran},         {"failed", summary.failed},
                         {"seconds", summary.seconds}, {"missing", missing}};
  CARAVAN_TRY(records, store->records());
  json rows = json::array();
  for (const auto& r : records) rows.push_back(record_json(r));
  json answer = {{"sweep",
                  {{"id", store->sweep_id()},
                   {"store", path},
                   {"cells", cells.size()},
                   {"this_run", run_json}}},
                 {"rows", rows}};
  if (!mpi.is_null()) answer["sweep"]["mpi"] = mpi;
  return Answer{answer, {}};
}

const char* kCsvColumns[] = {"cell",      "origin",          "destination", "commodity", "tonnes",
                             "month",     "depart",          "scenario",    "objective", "seed",
                             "status",    "error",           "rank",        "label",     "summary",
                             "countries", "cost_usd",        "days",        "co2_t",     "risk",
                             "km",        "landed_cost_usd", "p50_days",    "p90_days",  "on_time"};

std::string sweep_csv(const Context&, const json& r) {
  std::ostringstream s;
  bool first = true;
  for (const char* c : kCsvColumns) s << (first ? "" : ",") << c, first = false;
  s << "\n";
  for (const auto& row : r["rows"]) {
    first = true;
    for (const char* c : kCsvColumns) {
      s << (first ? "" : ",");
      first = false;
      if (!row.contains(c)) continue;
      const auto& v = row[c];
      if (v.is_string())
        s << io::csv_escape(v.get<std::string>());
      else if (v.is_number_float())
        s << text::format_number(v.get<double>(), 4);
      else
        s << v.dump();
    }
    s << "\n";
  }
  return s.str();
}

std::string sweep_text(const Context&, const json& r) {
  std::ostringstream s;
  const auto& w = r["sweep"];
  const auto& t = w["this_run"];
  s << "sweep " << w["id"] << " in " << w["store"].get<std::string>() << ": " << w["cells"]
    << " cells; this run: " << t["ran"] << " run (" << t["failed"] << " failed), " << t["skipped"]
    << " already done, " << text::format_number(t["seconds"].get<double>(), 1) << " s\n";
  if (w.contains("mpi")) {
    const auto& m = w["mpi"];
    s << "  on " << m["ranks"] << " MPI ranks; cells by rank: " << m["cells_by_rank"].dump()
      << "\n";
  }
  if (!t["missing"].empty()) {
    s << "  MISSING: " << t["missing"].size() << " cells were dealt to lost ranks "
      << w["mpi"]["lost_ranks"].dump() << " and never came back: " << t["missing"].dump()
      << "; run the same command again to do only them\n";
  }
  s << "  cell  from -> to, scenario, objective            best route                           "
       "USD       days\n";
  std::size_t shown = 0;
  for (const auto& row : r["rows"]) {
    if (row.contains("rank") && row["rank"].get<int>() != 1) continue;
    if (++shown > 40) {
      s << "  ... (all rows: --csv, --json or the store)\n";
      break;
    }
    std::string what =
        row["origin"].get<std::string>() + " -> " + row["destination"].get<std::string>();
    if (!row["scenario"].get<std::string>().empty())
      what += ", " + row["scenario"].get<std::string>();
    if (!row["objective"].get<std::string>().empty())
      what += ", " + row["objective"].get<std::string>();
    if (row["month"].get<int>() > 0) what += ", month " + std::to_string(row["month"].get<int>());
    s << "  " << std::setw(4) << row["cell"].get<int>() << "  " << std::left << std::setw(40)
      << what.substr(0, 40);
    if (row.contains("error")) {
      s << "  " << row["error"].get<std::string>().substr(0, 70) << std::right << "\n";
      continue;
    }
    s << " " << std::setw(34) << row["label"].get<std::string>().substr(0, 34) << std::right
      << std::setw(11) << text::thousands(row["cost_usd"].get<double>()) << std::setw(9)
      << text::format_number(row["days"].get<double>(), 1) << "\n";
  }
  return s.str();
}

// Cells lost with a rank: the rows are printed, and the exit code says the sweep is not whole.
int sweep_exit(const json& r, std::ostream& err) {
  const auto& missing = r["sweep"]["this_run"]["missing"];
  if (missing.empty()) return 0;
  err << "error: " << missing.size() << " cells missing (lost ranks "
      << r["sweep"]["mpi"]["lost_ranks"].dump() << "): run the same command again to do them\n";
  return error_info(ErrorCode::Unavailable).exit_code;
}

}  // namespace

std::vector<Feature> sweep_features() {
  using K = Option::Kind;
  return {
      {"sweep",
       "run a study: every combination of origins, destinations, commodities, quantities, "
       "months or dates, scenarios and objectives; results in a SQLite store; resumable",
       "/v1/sweep",
       true,
       {{"--config", "config", K::Text, "the sweep's configuration (JSON; docs/sweeps.md)", true},
        {"--store", "store", K::Text, "the SQLite results store (default caravan-results.sqlite)"},
        {"--threads", "threads", K::Integer, "workers (default: every core)"},
        {"--fresh", "fresh", K::Flag, "forget what an earlier run of this configuration saved"},
        {"--part", "part", K::Integer, "run only the cells with index % ways == part"},
        {"--ways", "ways", K::Integer, "the number of parts (default 1)"},
        {"--rank-timeout", "rank_timeout", K::Number,
         "under mpirun: seconds of silence after which a rank is given up as lost (default 30)"}},
       false,
       nullptr,
       prepare_sweep,
       run_sweep,
       sweep_text,
       sweep_csv,
       nullptr,
       sweep_exit}};
}

}  // namespace caravan::api
