// Command definitions with CLI11.
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "api/error_table.h"
#include "api/handlers.h"
#include "api/reliability.h"
#include "api/render.h"
#include "api/scenario_codec.h"
#include "api/scenario_library.h"
#include "api/simulate_handler.h"
#include "api/table.h"
#include "api/trade_codec.h"
#include "cli/extra_commands.h"
#include "cli/landed_cost_command.h"
#include "cli/shipment_options.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/geojson.h"
#include "io/network_reader.h"

namespace caravan::cli {
using nlohmann::json;

namespace {

struct Output {
  bool json = false, geojson = false, csv = false;
};

void add_output_options(CLI::App* cmd, Output& o, bool spatial) {
  cmd->add_flag("--json", o.json, "JSON output");
  if (spatial) {
    cmd->add_flag("--geojson", o.geojson, "GeoJSON output (legs as lines)");
    cmd->add_flag("--csv", o.csv, "CSV output (one row per leg)");
  }
}

struct ReliabilityOptions {
  std::optional<int> samples;
  std::optional<std::uint64_t> seed;
  std::optional<double> deadline_days, penalty_per_day;
  bool corridors = false;
  std::string svg, samples_csv;
};

void add_reliability_options(CLI::App* cmd, ReliabilityOptions& o, bool command) {
  if (command)
    cmd->add_option("--samples", o.samples, "journeys sampled per route (default 10000)");
  else
    cmd->add_option("--reliability", o.samples,
                    "add Monte Carlo reliability with N samples per route");
  cmd->add_option("--seed", o.seed, "random seed: the same seed gives the same output (default 1)");
  cmd->add_option("--deadline-days", o.deadline_days, "deadline for the on-time probability");
  cmd->add_option("--penalty-per-day", o.penalty_per_day, "USD per day late past the deadline");
  if (command) {
    cmd->add_option("--svg", o.svg, "write a CDF plot of the transit times to this SVG file");
    cmd->add_option("--samples-csv", o.samples_csv,
                    "write every sampled transit time to this CSV file");
  }
}

void add_reliability_request(json& r, const ReliabilityOptions& o, bool command) {
  if (o.samples) r["reliability_samples"] = *o.samples;
  if (!o.samples && !command) {
    if (o.seed) r["seed"] = *o.seed;  // the api says these need --reliability
    if (o.deadline_days) r["deadline_days"] = *o.deadline_days;
    if (o.penalty_per_day) r["penalty_usd_per_day"] = *o.penalty_per_day;
    return;
  }
  if (o.seed) r["seed"] = *o.seed;
  if (o.deadline_days) r["deadline_days"] = *o.deadline_days;
  if (o.penalty_per_day) r["penalty_usd_per_day"] = *o.penalty_per_day;
}

// Writes the plot and the samples; returns a non-zero exit code on failure.
int write_reliability_files(const ReliabilityOptions& o, const api::SampleSeries& samples,
                            std::ostream& err) {
  auto write = [&](const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
      err << "error: cannot write " << path << "\n";
      return api::error_info(ErrorCode::Io).exit_code;
    }
    return 0;
  };
  if (!o.svg.empty())
    if (int rc = write(o.svg, api::cdf_svg(samples, o.deadline_days)); rc) return rc;
  if (!o.samples_csv.empty()) {
    std::string csv = "route,sample,hours\n";
    for (const auto& [name, hours] : samples)
      for (std::size_t i = 0; i < hours.size(); ++i)
        csv += io::csv_escape(name) + "," + std::to_string(i) + "," +
               text::format_number(hours[i], 3) + "\n";
    if (int rc = write(o.samples_csv, csv); rc) return rc;
  }
  return 0;
}

int fail(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return api::error_info(e.code).exit_code;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  // Feature commands in their own files: `caravan [--network DIR] NAME ARGS...`.
  {
    std::string dir = io::default_network_dir();
    std::size_t i = 0;
    if (i + 1 < args.size() && args[i] == "--network") {
      dir = args[i + 1];
      i += 2;
    } else if (i < args.size() && args[i].rfind("--network=", 0) == 0) {
      dir = args[i].substr(10);
      i += 1;
    }
    if (i < args.size())
      for (const auto& c : extra_commands())
        if (args[i] == c.name)
          return c.run(
              std::vector<std::string>(args.begin() + static_cast<long>(i) + 1, args.end()), dir,
              out, err);
  }
  CLI::App app{"caravan: plan and stress-test Eurasian multimodal freight corridors"};
  {
    std::string more;
    for (const auto& c : extra_commands())
      more += "  " + std::string(c.name) + ": " + c.summary + "\n";
    if (!more.empty()) app.footer("More commands (each takes --help):\n" + more);
  }
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  std::string network_dir = io::default_network_dir();
  app.add_option("--network", network_dir,
                 "network folder (default: the embedded Eurasian network)")
      ->envname("CARAVAN_NETWORK");

  ShipmentOptions so;
  Output output;
  LandedCliOptions landed;  // --landed-cost on route and compare
  ReliabilityOptions rel;   // --reliability N on route and compare; the reliability command
  std::string avoid_sets, why_via, locate_q, network_arg;
  int locate_limit = 10;

  auto* route_cmd = app.add_subcommand("route", "best route(s) for one shipment");
  add_shipment_options(route_cmd, so);
  route_cmd->add_option("--alternatives", so.alternatives, "k distinct good routes");
  route_cmd->add_flag("--pareto", so.pareto,
                      "the exact non-dominated set over cost, time, CO2 and risk");
  add_output_options(route_cmd, output, true);
  add_landed_options(route_cmd, landed);
  add_reliability_options(route_cmd, rel, false);

  auto* compare_cmd =
      app.add_subcommand("compare", "corridors (or avoid sets) side by side for one shipment");
  add_shipment_options(compare_cmd, so);
  compare_cmd->add_option(
      "--avoid-sets", avoid_sets,
      "';'-separated country sets to compare instead of the corridors, e.g. \"none;CN;CN,RU,IR\"");
  add_output_options(compare_cmd, output, true);
  add_landed_options(compare_cmd, landed);
  add_reliability_options(compare_cmd, rel, false);

  auto* rel_cmd = app.add_subcommand(
      "reliability",
      "Monte Carlo transit times (P50/P90, on-time chance) of the best route or each corridor");
  add_shipment_options(rel_cmd, so);
  rel_cmd->add_flag("--corridors", rel.corridors,
                    "sample the best route of each corridor (as in compare)");
  rel_cmd->add_option("--avoid-sets", avoid_sets,
                      "';'-separated country sets to compare, as in compare");
  add_reliability_options(rel_cmd, rel, true);
  add_output_options(rel_cmd, output, false);

  auto* sc_cmd = app.add_subcommand(
      "scenario",
      "a shipment under a baseline and scenarios (closures, upgrades, subsidies): the differences");
  std::vector<std::string> scenario_names;
  bool scenario_best = false;
  std::string scenario_svg;
  add_shipment_options(sc_cmd, so);
  sc_cmd
      ->add_option("--scenario", scenario_names,
                   "scenario file, or the name of one in the network's scenarios/ folder, or 'all' "
                   "(repeatable)")
      ->required();
  sc_cmd->add_flag("--best", scenario_best, "compare the best route only, not each corridor");
  sc_cmd->add_option("--svg", scenario_svg,
                     "write a bar chart of cost per corridor and scenario to this SVG file");
  add_reliability_options(sc_cmd, rel, false);
  add_output_options(sc_cmd, output, false);

  auto* sim_cmd = app.add_subcommand(
      "simulate",
      "discrete-event simulation of corridor operations (ferries, berths, borders, streams)");
  std::string sim_config, sim_csv, sim_svg;
  std::optional<std::uint64_t> sim_seed;
  std::optional<double> sim_horizon;
  sim_cmd
      ->add_option(
          "--config", sim_config,
          "model file (JSON, docs/simulation.md), or the name of one in the network's sim/ folder")
      ->required();
  sim_cmd->add_option("--seed", sim_seed, "random seed (overrides the model's)");
  sim_cmd->add_option("--horizon-days", sim_horizon, "simulated days (overrides the model's)");
  sim_cmd->add_option("--csv", sim_csv, "write the queue-length time series to this CSV file");
  sim_cmd->add_option("--svg", sim_svg, "write a plot of queue lengths over time to this SVG file");
  add_output_options(sim_cmd, output, false);

  auto* why_cmd = app.add_subcommand("why-not", "why no chosen route goes via a place");
  add_shipment_options(why_cmd, so, false);
  why_cmd->add_option("--via", why_via, "the location asked about")->required();
  add_output_options(why_cmd, output, false);

  auto* locate_cmd = app.add_subcommand("locate", "find locations by name, alias or UN/LOCODE");
  locate_cmd->add_option("name", locate_q, "text to search")->required();
  locate_cmd->add_option("--limit", locate_limit, "how many matches")->check(CLI::Range(1, 100));
  add_output_options(locate_cmd, output, false);

  auto* network_cmd = app.add_subcommand("network", "validate, describe or export a network");
  network_cmd->require_subcommand(1);
  auto* validate_cmd = network_cmd->add_subcommand(
      "validate", "check a network folder; prints the first error with file, line and field");
  validate_cmd->add_option("dir", network_arg, "network folder (default: --network)");
  auto* info_cmd = network_cmd->add_subcommand("info", "counts, corridors and commodities");
  add_output_options(info_cmd, output, false);
  auto* export_cmd = network_cmd->add_subcommand("export", "export the network");
  bool export_geojson = false;
  export_cmd->add_flag("--geojson", export_geojson,
                       "GeoJSON FeatureCollection (the only format for now)");

  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    app.parse(rev);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    // Help of a subcommand, or a usage error.
    if (e.get_exit_code() == 0) {
      for (auto* sub : app.get_subcommands()) {
        out << sub->help();
        return 0;
      }
      out << app.help();
      return 0;
    }
    err << "error: " << e.what() << "\n(run 'caravan --help' or 'caravan COMMAND --help')\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  if (output.json + output.geojson + output.csv > 1) {
    err << "error: choose one of --json, --geojson, --csv\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }

  if (validate_cmd->parsed()) {
    const std::string dir = network_arg.empty() ? network_dir : network_arg;
    auto net = io::load_network(dir);
    if (!net) return fail(net.error(), err);
    out << dir << ": valid (" << net->location_count() << " locations, " << net->link_count()
        << " links, " << net->tables().sources.size() << " sources)\n";
    return 0;
  }

  auto net = io::load_network(network_dir);
  if (!net) return fail(net.error(), err);

  if (info_cmd->parsed()) {
    const auto info = api::network_info(*net);
    out << (output.json ? info.dump(2) + "\n" : api::info_text(info));
    return 0;
  }
  if (export_cmd->parsed()) {
    out << io::network_geojson(*net).dump() << "\n";
    return 0;
  }
  if (locate_cmd->parsed()) {
    auto r = api::locate(*net, json{{"q", locate_q}, {"limit", locate_limit}});
    if (!r) return fail(r.error(), err);
    out << (output.json ? r->dump(2) + "\n" : api::locate_table(*r));
    return (*r)["matches"].empty() ? api::error_info(ErrorCode::NotFound).exit_code : 0;
  }

  if (sim_cmd->parsed()) {
    std::string path = sim_config;
    if (!std::filesystem::exists(path)) {
      const auto lib = std::filesystem::path(network_dir) / "sim" / (sim_config + ".json");
      if (std::filesystem::exists(lib)) path = lib.string();
    }
    auto text = io::read_file(path);
    if (!text) return fail(text.error(), err);
    auto j = json::parse(*text, nullptr, false);
    if (j.is_discarded()) {
      try {
        [[maybe_unused]] const json again = json::parse(*text);  // throws with the position
      } catch (const json::parse_error& e) {
        return fail(make_error(ErrorCode::InvalidRequest, path + ": " + e.what()), err);
      }
    }
    if (sim_seed) j["seed"] = *sim_seed;
    if (sim_horizon) j["horizon_days"] = *sim_horizon;
    auto config = api::parse_sim_config(j, *net);
    if (!config)
      return fail(make_error(config.error().code, path + ": " + config.error().message,
                             config.error().field),
                  err);
    auto r = sim::simulate(*config);
    if (!r)
      return fail(make_error(r.error().code, path + ": " + r.error().message, r.error().field),
                  err);
    const json result = api::sim_result_json(*config, *r);
    auto write = [&](const std::string& file, const std::string& content) {
      std::ofstream f(file, std::ios::binary);
      f << content;
      return static_cast<bool>(f);
    };
    if (!sim_csv.empty() && !write(sim_csv, api::sim_series_csv(*config, *r)))
      return fail(make_error(ErrorCode::Io, "cannot write " + sim_csv), err);
    if (!sim_svg.empty() && !write(sim_svg, api::sim_series_svg(*config, *r)))
      return fail(make_error(ErrorCode::Io, "cannot write " + sim_svg), err);
    out << (output.json ? result.dump(2) + "\n" : api::sim_table(result));
    return 0;
  }

  if (sc_cmd->parsed()) {
    auto scenarios = api::load_scenarios(*net, network_dir, scenario_names);
    if (!scenarios) return fail(scenarios.error(), err);
    json request = shipment_request(so);
    add_reliability_request(request, rel, false);
    request["corridors"] = !scenario_best;
    auto r = api::run_scenarios(*net, request, *scenarios);
    if (!r) return fail(r.error(), err);
    if (!scenario_svg.empty()) {
      std::ofstream f(scenario_svg, std::ios::binary);
      f << api::scenario_svg(*r);
      if (!f) return fail(make_error(ErrorCode::Io, "cannot write " + scenario_svg), err);
    }
    out << (output.json ? r->dump(2) + "\n" : api::scenario_table(*r));
    return 0;
  }

  json request = shipment_request(so);
  if (route_cmd->parsed() || compare_cmd->parsed()) add_landed_request(request, landed);
  add_reliability_request(request, rel, rel_cmd->parsed());
  Result<json> result = make_error(ErrorCode::Internal, "no command");
  bool no_route = false;
  api::SampleSeries samples;
  api::SampleSeries* want_samples = rel.svg.empty() && rel.samples_csv.empty() ? nullptr : &samples;
  if (route_cmd->parsed()) {
    result = api::route(*net, request, {}, want_samples);
    if (result) no_route = (*result)["routes"].empty();
  } else if (compare_cmd->parsed() ||
             (rel_cmd->parsed() && (rel.corridors || !avoid_sets.empty()))) {
    if (!avoid_sets.empty()) {
      json sets = json::array();
      for (const auto& s : text::split(avoid_sets, ';')) {
        std::string set = s;
        std::replace(set.begin(), set.end(), ',', '|');
        sets.push_back(set);
      }
      request["avoid_sets"] = sets;
    }
    if (rel_cmd->parsed() && rel.corridors) request["corridors"] = true;
    result = rel_cmd->parsed() ? api::reliability(*net, request, {}, want_samples)
                               : api::compare(*net, request, {}, want_samples);
  } else if (rel_cmd->parsed()) {
    result = api::reliability(*net, request, {}, want_samples);
    if (result) no_route = (*result)["routes"].empty();
  } else if (why_cmd->parsed()) {
    request["via"] = why_via;
    result = api::why_not(*net, request);
  }
  if (!result) return fail(result.error(), err);
  const json& r = *result;
  if (auto s = write_reliability_files(rel, samples, err); s != 0) return s;
  if (output.json)
    out << r.dump(2) << "\n";
  else if (output.geojson)
    out << api::routes_geojson(*net, r).dump() << "\n";
  else if (output.csv)
    out << api::routes_csv(r);
  else if (route_cmd->parsed())
    out << api::route_table(r) << (landed.enabled ? api::landed_table(r) : "");
  else if (compare_cmd->parsed())
    out << api::compare_table(r) << (landed.enabled ? api::landed_table(r) : "");
  else if (rel_cmd->parsed())
    out << (r.contains("variants") ? api::compare_table(r) : api::route_table(r));
  else
    out << api::why_not_text(r);
  return no_route ? api::kExitNoRoute : 0;
}

}  // namespace caravan::cli
