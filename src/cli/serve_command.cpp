// Options of `caravan serve` -> server::Options.
#include "cli/serve_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "api/error_table.h"
#include "server/server.h"

namespace caravan::cli {
namespace {
// The built map next to the sources (web/dist), when there is one.
std::string default_web_dir() {
#ifdef CARAVAN_WEB_DIR
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::filesystem::path(CARAVAN_WEB_DIR) / "index.html", ec))
    return CARAVAN_WEB_DIR;
#endif
  return {};
}
}  // namespace

int run_serve(const std::vector<std::string>& args, const std::string& network_dir,
              std::ostream& out, std::ostream& err) {
  server::Options o;
  o.network_dir = network_dir;
  o.web_dir = default_web_dir();
  double max_body_kb = static_cast<double>(o.max_body_bytes) / 1024;
  CLI::App app{"serve the HTTP JSON API (/v1/...) and the map at /", "caravan serve"};
  app.add_option("--network", o.network_dir, "network folder (default: the embedded one)");
  app.add_option("--host", o.host, "address to bind (default 127.0.0.1: this machine only)");
  app.add_option("--port", o.port, "TCP port; 0 picks a free one (default 8080)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--threads", o.threads,
                 "connection threads (default 8 per core, at least 64; keep-alive holds one)")
      ->check(CLI::Range(0, 4096));
  app.add_option("--workers", o.workers, "threads computing answers (default one per core)")
      ->check(CLI::Range(0, 1024));
  app.add_option("--web", o.web_dir, "folder of the map's static files (default: web/dist)");
  app.add_option("--max-body-kb", max_body_kb, "largest request body in KiB (default 1024)")
      ->check(CLI::Range(1.0, 1048576.0));
  app.add_option("--request-seconds", o.request_seconds,
                 "time limit per request; later answers get 503 (default 30)")
      ->check(CLI::Range(0.01, 3600.0));
  app.add_option("--max-jobs", o.max_jobs, "assignment jobs running at once (default 2)")
      ->check(CLI::Range(1, 64));
  app.add_option("--job-seconds", o.job_seconds, "time cap of one assignment job (default 600)")
      ->check(CLI::Range(1.0, 86400.0));
  app.add_option("--store", o.store,
                 "results store (SQLite): finished jobs survive a restart, sweeps write there "
                 "(default caravan-results.sqlite; \"\" keeps jobs in memory only)");
  app.add_option("--max-alternatives", o.limits.max_alternatives,
                 "most alternatives per request (default 20)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--max-labels", o.limits.max_labels,
                 "most Pareto labels per request (default 500000)");
  app.add_option("--max-samples", o.limits.max_samples,
                 "most Monte Carlo samples per route (default 1000000)")
      ->check(CLI::Range(1, 100000000));
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "error: " << e.what() << "\n(run 'caravan serve --help')\n";
    return api::error_info(ErrorCode::InvalidRequest).exit_code;
  }
  o.max_body_bytes = static_cast<std::size_t>(max_body_kb * 1024);
  return server::serve(o, out, err);
}

}  // namespace caravan::cli
