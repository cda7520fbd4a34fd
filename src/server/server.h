// The HTTP JSON API (`caravan serve`): loads a network once and answers /v1/ requests from a
// thread pool by calling the api module, plus /healthz, /metrics and the map's static files.
#pragma once
#include <iosfwd>
#include <string>

#include "api/request.h"

namespace caravan::server {

struct Options {
  std::string network_dir;  // the network folder (its scenarios/ and demand/ are served too)
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (printed)
  int threads = 0;      // connection threads; 0: 8 per core, at least 64
  int workers = 0;      // threads computing answers; 0: one per core
  std::string web_dir;  // static files served at /; empty: none
  std::size_t max_body_bytes = 1 << 20;
  double request_seconds = 30;  // a request not answered after this (queued or computing) gets 503
  int max_jobs = 2;             // assignment jobs running at once
  double job_seconds = 600;     // cap on an assignment's "max_seconds"
  api::Limits limits;           // work per request
  // The results store (SQLite): finished jobs survive a restart there, and sweeps write there.
  // "" keeps jobs in memory only.
  std::string store = "caravan-results.sqlite";
};

// Serves until SIGINT or SIGTERM, then stops accepting, finishes the requests in flight and
// waits briefly for jobs. Prints "listening on http://HOST:PORT" to `out` once ready. Returns
// the process exit code.
int serve(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace caravan::server
