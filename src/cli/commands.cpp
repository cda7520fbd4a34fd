// The command line: one command per feature of the api's feature table (options -> request
// JSON -> the feature -> table, JSON, GeoJSON, CSV or files), plus `serve`.
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "api/error_table.h"
#include "api/feature.h"
#include "cli/feature_command.h"
#include "cli/serve_command.h"

namespace caravan::cli {
using nlohmann::json;

namespace {

int fail(const Error& e, std::ostream& err) {
  err << "error: " << e.message << "\n";
  return api::error_info(e.code).exit_code;
}

// Runs the parsed feature command.
int run_feature(FeatureCommand& c, const std::string& network_dir, std::ostream& out,
                std::ostream& err) {
  const api::Feature& f = c.feature();
  if (c.as_json + c.as_geojson + c.as_csv > 1) {
    err << "error: choose one of --json, --geojson, --csv\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  auto request = c.request();
  if (!request) return fail(request.error(), err);
  api::Context ctx;
  ctx.network_dir = network_dir;
  ctx.progress = c.quiet ? nullptr : &err;
  const auto files = c.files();
  for (const auto& [flag, path] : files) ctx.wanted.insert(flag);
  std::optional<network::Network> net;
  if (!f.needs_network || f.needs_network(*request)) {
    auto loaded = api::open_network(network_dir);
    if (!loaded) return fail(loaded.error(), err);
    net = std::move(*loaded);
    ctx.net = &*net;
  }
  auto answer = api::run(f, ctx, *request);
  if (!answer) return fail(answer.error(), err);
  if (answer->silent) return 0;
  for (const auto& [flag, path] : files) {
    const auto it = answer->files.find(flag);
    if (it == answer->files.end()) continue;
    std::ofstream file(path, std::ios::binary);
    file << it->second();
    if (!file) return fail(make_error(ErrorCode::Io, "cannot write " + path), err);
  }
  const json& r = answer->json;
  if (c.as_json) {
    out << r.dump(2) << "\n";
  } else if (c.as_geojson) {
    auto g = f.geojson(ctx, r);
    if (!g) return fail(g.error(), err);
    out << g->dump() << "\n";
  } else if (c.as_csv) {
    out << f.csv(ctx, r);
  } else {
    out << api::render_text(f, ctx, r);
  }
  return f.exit_code ? f.exit_code(r, err) : 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  // `serve` is the other front end, not a feature: it has its own options.
  {
    std::string dir = api::default_network_dir();
    std::size_t i = 0;
    if (i + 1 < args.size() && args[i] == "--network") {
      dir = args[i + 1];
      i += 2;
    } else if (i < args.size() && args[i].rfind("--network=", 0) == 0) {
      dir = args[i].substr(10);
      i += 1;
    }
    if (i < args.size() && args[i] == "serve")
      return run_serve(
          std::vector<std::string>(args.begin() + static_cast<long>(i) + 1, args.end()), dir, out,
          err);
  }
  CLI::App app{"caravan: plan and stress-test Eurasian multimodal freight corridors"};
  app.footer(
      "More commands (each takes --help):\n  serve: HTTP JSON API (/v1/route, compare, ...) and "
      "the "
      "map in the browser\n");
  app.require_subcommand(1);
  app.fallthrough();  // --network also after the command
  app.set_help_all_flag("--help-all", "help for every command");
  std::string network_dir = api::default_network_dir();
  app.add_option("--network", network_dir,
                 "network folder (default: the embedded Eurasian network)")
      ->envname("CARAVAN_NETWORK");
  std::vector<std::unique_ptr<FeatureCommand>> commands;
  for (const auto& f : api::features())
    commands.push_back(std::make_unique<FeatureCommand>(app, f));

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
        for (auto* leaf : sub->get_subcommands()) {
          out << leaf->help();
          return 0;
        }
        out << sub->help();
        return 0;
      }
      out << app.help();
      return 0;
    }
    err << "error: " << e.what() << "\n(run 'caravan --help' or 'caravan COMMAND --help')\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  for (auto& c : commands)
    if (c->parsed()) return run_feature(*c, network_dir, out, err);
  out << app.help();
  return api::error_info(ErrorCode::InvalidRequest).exit_code;
}

}  // namespace caravan::cli
