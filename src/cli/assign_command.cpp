// `caravan assign` with CLI11: builds the JSON request, calls the api, renders
// table/JSON/CSV/GeoJSON.
#include "cli/assign_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/network_reader.h"

namespace caravan::cli {
using nlohmann::json;

namespace {

int fail(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return api::error_info(e.code).exit_code;
}

std::string num(double v, int decimals = 0) { return text::format_number(v, decimals); }

void print_run(const json& r, std::ostream& out) {
  out << "algorithm " << r["algorithm"].get<std::string>() << " (" << r["kind"].get<std::string>()
      << "): " << r["iterations"] << " iterations, relative gap " << r["relative_gap"].get<double>()
      << ", objective " << text::format_number(r["objective"].get<double>(), 6) << ", "
      << text::format_number(r["seconds"].get<double>(), 3) << " s, "
      << r["stop"].get<std::string>() << "\n";
}

void print_freight_table(const json& r, std::ostream& out) {
  print_run(r, out);
  out << "demand " << text::thousands(r["total_tonnes_py"].get<double>())
      << " t/yr, total generalised cost " << text::thousands(r["total_cost_usd_py"].get<double>())
      << " USD/yr\n\nCorridors (tonnes per year)\n";
  for (const auto& c : r["corridors"]) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-20s %14s  %5.1f%%  (%s)\n",
                  c["id"].get<std::string>().c_str(),
                  text::thousands(c["tonnes_py"].get<double>()).c_str(),
                  100 * c["share"].get<double>(), c["basis"].get<std::string>().c_str());
    out << line;
  }
  out << "\nBusiest links (tonnes per year, both directions)\n";
  std::vector<json> links(r["links"].begin(), r["links"].end());
  auto vol = [](const json& l) {
    return l["tonnes_py"].get<double>() + l["tonnes_py_reverse"].get<double>();
  };
  std::sort(links.begin(), links.end(),
            [&](const json& a, const json& b) { return vol(a) > vol(b); });
  for (std::size_t i = 0; i < links.size() && i < 15 && vol(links[i]) > 0; ++i) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-34s %-8s %14s  delay %6.1f h\n",
                  links[i]["id"].get<std::string>().c_str(),
                  links[i]["mode"].get<std::string>().c_str(),
                  text::thousands(vol(links[i])).c_str(), links[i]["delay_hours"].get<double>());
    out << line;
  }
  out << "\nBottlenecks (ranked by the value of one more tonne/yr of capacity)\n";
  int shown = 0;
  for (const auto& b : r["bottlenecks"]) {
    if (shown++ >= 10) break;
    char line[300];
    std::snprintf(line, sizeof line,
                  "  %2d %-34s %-6s v/c %5.2f  delay %7.1f h  %10s USD/yr per t/yr%s\n",
                  b["rank"].get<int>(), b["id"].get<std::string>().c_str(),
                  b["kind"].get<std::string>().c_str(), b["volume_capacity_ratio"].get<double>(),
                  b["delay_hours"].get<double>(),
                  num(b["marginal_usd_per_tonne_capacity"].get<double>(), 2).c_str(),
                  b["binding"].get<bool>() ? "  BINDING" : "");
    out << line;
  }
  if (!r["unserved"].empty()) {
    out << "\nUnserved demand (no usable route)\n";
    for (const auto& u : r["unserved"])
      out << "  " << u["origin"].get<std::string>() << " -> " << u["destination"].get<std::string>()
          << " " << u["commodity"].get<std::string>() << ": "
          << text::thousands(u["tonnes_py"].get<double>()) << " t/yr\n";
  }
  if (r.contains("scenario")) {
    const auto& sc = r["scenario"];
    out << "\nScenario " << sc["capacity"].dump() << ": total cost change "
        << text::thousands(sc["delta_total_cost_usd_py"].get<double>()) << " USD/yr (base "
        << text::thousands(sc["base_total_cost_usd_py"].get<double>()) << ")\n";
    for (std::size_t i = 0; i < sc["base_corridors"].size(); ++i) {
      const auto& b = sc["base_corridors"][i];
      const auto& a = r["corridors"][i];
      out << "  " << b["id"].get<std::string>() << ": share "
          << num(100 * b["share"].get<double>(), 1) << "% -> "
          << num(100 * a["share"].get<double>(), 1) << "%\n";
    }
  }
}

}  // namespace

int run_assign(const std::vector<std::string>& args, const std::string& network_dir,
               std::ostream& out, std::ostream& err) {
  CLI::App app{"assign annual demand to the network at equilibrium (or solve a TNTP benchmark)",
               "caravan assign"};
  std::string demand, tntp, algorithm = "b", objective = "ue", network = network_dir;
  double gap = 1e-8;
  std::optional<int> max_iterations;
  int threads = 0;
  std::optional<double> max_seconds, queue_scale;
  std::vector<std::string> capacity;
  bool as_json = false, as_csv = false, as_geojson = false, quiet = false;
  app.add_option("--network", network, "network folder");
  app.add_option("--demand", demand, "demand CSV (origin,destination,commodity,tonnes_py|teu_py)");
  app.add_option("--tntp", tntp, "a TNTP benchmark folder instead of the network");
  app.add_option("--algorithm", algorithm, "b (Algorithm B, default), fw, cfw, bfw or aon");
  app.add_option("--gap", gap, "target relative gap (default 1e-8)");
  app.add_option("--objective", objective, "ue (user equilibrium, default) or so (system optimum)");
  app.add_option("--max-iterations", max_iterations, "iteration cap");
  app.add_option("--max-seconds", max_seconds, "time cap");
  app.add_option("--threads", threads,
                 "workers for the shortest-path passes (default 0: all cores; same result)")
      ->check(CLI::Range(0, 256));
  app.add_option("--queue-scale-hours", queue_scale,
                 "queue delay at half capacity at ports, ferries, borders (default 24)");
  app.add_option("--capacity", capacity,
                 "ID=TONNES_PER_YEAR capacity override (repeatable): link id, FROM>TO border, "
                 "LOC:layer>layer port or a location id; reports the change against the base");
  app.add_flag("--json", as_json, "JSON output");
  app.add_flag("--csv", as_csv, "link volumes as CSV");
  app.add_flag("--geojson", as_geojson, "link volumes as GeoJSON (width by volume)");
  app.add_flag("--quiet", quiet, "no progress on stderr");
  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    app.parse(rev);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "error: " << e.what() << "\n(run 'caravan assign --help')\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  if (as_json + as_csv + as_geojson > 1) {
    err << "error: choose one of --json, --csv, --geojson\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  if (tntp.empty() == demand.empty()) {
    err << "error: give --demand CSV (on the network) or --tntp DIR\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  json req = {{"algorithm", algorithm}, {"objective", objective}, {"gap", gap}};
  if (max_iterations) req["max_iterations"] = *max_iterations;
  if (max_seconds) req["max_seconds"] = *max_seconds;
  req["threads"] = threads;
  std::ostream* progress = quiet ? nullptr : &err;
  if (!tntp.empty()) {
    if (!capacity.empty() || queue_scale || as_geojson) {
      err << "error: --capacity, --queue-scale-hours and --geojson need --demand on a network\n";
      return api::error_info(ErrorCode::InvalidRequest).exit_code;
    }
    req["tntp"] = tntp;
    auto r = api::assign_tntp(req, progress);
    if (!r) return fail(r.error(), err);
    if (r->value("stop", "") != "converged")
      err << "warning: stopped by " << (*r)["stop"].get<std::string>() << " before gap " << gap
          << "\n";
    if (as_json) {
      out << r->dump(2) << "\n";
    } else if (as_csv) {
      out << "from,to,volume,time\n";
      for (const auto& l : (*r)["links"])
        out << l["from"] << "," << l["to"] << "," << text::compact(l["volume"].get<double>()) << ","
            << text::compact(l["time"].get<double>()) << "\n";
    } else {
      out << (*r)["instance"].get<std::string>() << ": ";
      print_run(*r, out);
      if (r->contains("published_objective"))
        out << "published objective "
            << text::format_number((*r)["published_objective"].get<double>(), 8) << " (x"
            << (*r)["published_scale"].get<double>() << "), relative difference "
            << (*r)["objective_relative_error"].get<double>() << "\n";
      if (r->contains("best_known_flows"))
        out << "best-known flows: max difference "
            << (*r)["best_known_flows"]["max_abs_difference"].get<double>()
            << ", links outside 0.1% / 1: " << (*r)["best_known_flows"]["links_outside_tolerance"]
            << "\n";
      for (const auto& u : (*r)["unserved"])
        out << "unserved " << u["origin"] << " -> " << u["destination"] << ": " << u["volume"]
            << "\n";
    }
    return 0;
  }
  req["demand"] = demand;
  if (queue_scale) req["queue_scale_hours"] = *queue_scale;
  if (!capacity.empty()) {
    json c = json::object();
    for (const auto& kv : capacity) {
      const auto eq = kv.rfind('=');
      const auto v = eq == std::string::npos ? std::nullopt : text::parse_double(kv.substr(eq + 1));
      if (!v) {
        err << "error: --capacity expects ID=TONNES_PER_YEAR, got '" << kv << "'\n";
        return api::error_info(ErrorCode::InvalidRequest).exit_code;
      }
      c[kv.substr(0, eq)] = *v;
    }
    req["capacity"] = c;
  }
  auto net = io::load_network(network);
  if (!net) return fail(net.error(), err);
  auto r = api::assign_freight(*net, req, progress);
  if (!r) return fail(r.error(), err);
  if ((*r)["stop"].get<std::string>() != "converged")
    err << "warning: stopped by " << (*r)["stop"].get<std::string>() << " before gap " << gap
        << "\n";
  if (as_json) {
    out << r->dump(2) << "\n";
  } else if (as_geojson) {
    out << api::assign_geojson(*net, *r).dump() << "\n";
  } else if (as_csv) {
    out << "id,from,to,mode,tonnes_py,tonnes_py_reverse,capacity_tpy,capacity_teu_py,delay_hours\n";
    for (const auto& l : (*r)["links"]) {
      out << io::csv_escape(l["id"].get<std::string>()) << "," << l["from"].get<std::string>()
          << "," << l["to"].get<std::string>() << "," << l["mode"].get<std::string>() << ","
          << text::compact(l["tonnes_py"].get<double>()) << ","
          << text::compact(l["tonnes_py_reverse"].get<double>()) << ","
          << (l.contains("capacity_tpy") ? text::compact(l["capacity_tpy"].get<double>()) : "")
          << ","
          << (l.contains("capacity_teu_py") ? text::compact(l["capacity_teu_py"].get<double>())
                                            : "")
          << "," << text::compact(l["delay_hours"].get<double>()) << "\n";
    }
  } else {
    print_freight_table(*r, out);
  }
  return 0;
}

}  // namespace caravan::cli
