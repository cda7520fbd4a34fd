// Endpoints, limits, metrics and shutdown of `caravan serve`.
#include "server/server.h"

#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <thread>

#include "api/error_table.h"
#include "api/feature.h"
#include "api/job_archive.h"
#include "core/text.h"
#include "server/compute_pool.h"
#include "server/jobs.h"
#include "server/metrics.h"

namespace caravan::server {
namespace {
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kErrorHeader = "X-Caravan-Error";

// Everything the handlers share; lives until every computation thread has finished.
struct Context {
  // The queue holds at most one task per connection thread, plus abandoned ones not yet skipped.
  Context(const Options& o, network::Network n, int threads, int workers)
      : opt(o),
        net(std::move(n)),
        jobs(o.max_jobs, 100),
        pool(workers, static_cast<std::size_t>(2 * threads)) {}
  const Options& opt;
  const network::Network net;
  std::string network_geojson;
  Metrics metrics;
  Jobs jobs;
  ComputePool pool;  // last: its workers stop before the rest goes
};

void send_json(httplib::Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_content(body, "application/json");
}

// JSON text; invalid UTF-8 (from a query string, echoed in a message) becomes U+FFFD instead of
// throwing.
std::string text_of(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void send_error(httplib::Response& res, const Error& e) {
  const auto& info = api::error_info(e.code);
  res.set_header(kErrorHeader, std::string(info.name));
  send_json(res, text_of(api::error_json(e)), info.http_status);
}

// A query value as JSON: true/false and plain numbers become booleans and numbers.
json query_value(const std::string& v) {
  if (v == "true") return true;
  if (v == "false") return false;
  if (!v.empty() && v.size() < 32 && v.find_first_not_of("0123456789.-+eE") == std::string::npos) {
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (end && *end == '\0' && std::isfinite(d)) {
      if (d == std::floor(d) && std::fabs(d) < 1e15) return static_cast<std::int64_t>(d);
      return d;
    }
  }
  return v;
}

// The request object: the JSON body of a POST, or the query parameters of a GET (a repeated
// parameter becomes a list).
Result<json> request_json(const httplib::Request& req) {
  json j = json::object();
  if (req.method == "POST") {
    if (!req.body.empty()) j = json::parse(req.body, nullptr, false);
    if (j.is_discarded())
      return make_error(ErrorCode::InvalidRequest, "the request body is not valid JSON");
    if (!j.is_object())
      return make_error(ErrorCode::InvalidRequest, "the request body must be a JSON object");
  } else {
    for (const auto& [k, v] : req.params) {
      json val = query_value(v);
      if (!j.contains(k)) {
        j[k] = std::move(val);
      } else {
        if (!j[k].is_array()) j[k] = json::array({j[k]});
        j[k].push_back(std::move(val));
      }
    }
  }
  return j;
}

// The api context of an HTTP request: the loaded network, no local files.
api::Context context_of(const Context& ctx) {
  api::Context c;
  c.net = &ctx.net;
  c.network_dir = ctx.opt.network_dir;
  c.limits = ctx.opt.limits;
  c.local = false;
  c.max_job_seconds = ctx.opt.job_seconds;
  c.store = ctx.opt.store;
  return c;
}

// A feature's endpoint: request -> the feature (with the deadline) -> JSON or an error from the
// table.
httplib::Server::Handler endpoint(Context& ctx, const api::Feature& f) {
  return [&ctx, &f](const httplib::Request& req, httplib::Response& res) {
    try {
      auto request = request_json(req);
      if (!request) return send_error(res, request.error());
      auto r = ctx.pool.run(
          [&ctx, &f, request = std::move(*request)]() -> Result<json> {
            CARAVAN_TRY(answer, api::run(f, context_of(ctx), request));
            return std::move(answer.json);
          },
          std::chrono::duration<double>(ctx.opt.request_seconds));
      if (!r) return send_error(res, r.error());
      send_json(res, text_of(*r));
    } catch (const std::exception& e) {  // the one last-resort catch per handler
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  };
}

// A job feature: POST starts it (202 with the job's address), GET {path}/{id} polls it.
void add_job(httplib::Server& svr, Context& ctx, const api::Feature& f) {
  const std::string path(f.http_path);
  svr.Post(path, [&ctx, &f, path](const httplib::Request& req, httplib::Response& res) {
    try {
      auto request = request_json(req);
      if (!request) return send_error(res, request.error());
      // Bad requests are answered now, not as failed jobs.
      auto prepared = api::prepare(f, context_of(ctx), *request);
      if (!prepared) return send_error(res, prepared.error());
      auto id = ctx.jobs.start([&ctx, &f, r = std::move(*prepared)](std::ostream& progress) {
        auto c = context_of(ctx);
        c.progress = &progress;
        auto answer = api::run(f, c, r, true);
        if (!answer) return Result<json>(answer.error());
        return Result<json>(std::move(answer->json));
      });
      if (!id) return send_error(res, id.error());
      res.set_header("Location", path + "/" + *id);
      send_json(res, json{{"id", *id}, {"status", "running"}, {"poll", path + "/" + *id}}.dump(),
                202);
    } catch (const std::exception& e) {  // last resort
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  });
  svr.Get(path + "/([^/]+)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    try {
      auto s = ctx.jobs.status(req.matches[1]);
      if (!s)
        return send_error(res, make_error(ErrorCode::NotFound,
                                          "no job '" + std::string(req.matches[1]) + "'", "id"));
      send_json(res, text_of(*s));
    } catch (const std::exception& e) {  // last resort
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  });
}

std::string endpoint_label(const std::string& path, int status) {
  if (path == "/healthz" || path == "/metrics") return path;
  for (const auto& f : api::features()) {
    if (f.http_path.empty()) continue;
    if (path == f.http_path) return path;
    if (f.job && path.rfind(std::string(f.http_path) + "/", 0) == 0)
      return std::string(f.http_path) + "/{id}";
  }
  if (path.rfind("/v1/", 0) == 0) return "/v1/other";
  return status < 400 ? "static" : "other";
}

thread_local Clock::time_point tl_started{};

// cpp-httplib 0.11 listens with a backlog of 5 (compiled into Debian's library): under a burst of
// new connections the kernel drops SYNs and clients wait a second to retry. Listening again on
// the bound socket raises the backlog (Linux updates it in place).
class HttpServer : public httplib::Server {
 public:
  void raise_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

void add_routes(httplib::Server& svr, Context& ctx) {
  for (const auto& f : api::features()) {
    if (f.http_path.empty()) continue;
    const std::string path(f.http_path);
    if (f.job) {
      add_job(svr, ctx, f);
    } else if (path == "/v1/network") {  // the same large answer every time: made once
      svr.Get(path, [&ctx](const httplib::Request&, httplib::Response& res) {
        res.set_content(ctx.network_geojson, "application/geo+json");
      });
    } else {
      auto h = endpoint(ctx, f);
      svr.Post(path, h);
      svr.Get(path, h);
    }
  }
  // Other methods on a known path: 405 with the methods it takes.
  auto refuse = [&svr](const std::string& path, const std::string& allow) {
    auto h = [allow](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Allow", allow);
      send_error(res, make_error(ErrorCode::MethodNotAllowed,
                                 req.method + " is not taken here (allowed: " + allow + ")"));
    };
    svr.Put(path, h);
    svr.Patch(path, h);
    svr.Delete(path, h);
  };
  for (const auto& f : api::features()) {
    if (f.http_path.empty()) continue;
    const std::string path(f.http_path);
    if (f.job) {
      refuse(path, "POST");
      svr.Get(path, [](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", "POST");
        send_error(res, make_error(ErrorCode::MethodNotAllowed,
                                   req.method + " is not taken here (allowed: POST)"));
      });
    } else {
      refuse(path, path == "/v1/network" ? "GET" : "GET, POST");
    }
  }
  refuse("/healthz", "GET");
  refuse("/metrics", "GET");
  svr.Get("/healthz", [&](const httplib::Request&, httplib::Response& res) {
    send_json(res, json{{"status", "ok"}, {"jobs_running", ctx.jobs.running()}}.dump());
  });
  svr.Get("/metrics", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ctx.metrics.prometheus(), "text/plain; version=0.0.4");
  });
}

}  // namespace

int serve(const Options& options, std::ostream& out, std::ostream& err) {
  const auto t0 = Clock::now();
  auto loaded = api::open_network(options.network_dir);
  if (!loaded) {
    err << "error: " << loaded.error().message << "\n";
    return api::error_info(loaded.error().code).exit_code;
  }
  // SIGINT and SIGTERM go to a waiting thread, which stops the server: blocked before any thread
  // starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = options.threads > 0 ? options.threads : std::max(64, 8 * hw);
  const int workers = options.workers > 0 ? options.workers : hw;
  // Released (not freed) if computation or job threads outlive the shutdown grace period.
  auto ctx_owner = std::make_unique<Context>(options, std::move(*loaded), threads, workers);
  Context* ctx = ctx_owner.get();
  {
    auto exported =
        api::run(*api::find_feature("network export"), context_of(*ctx), json::object());
    if (!exported) {
      err << "error: " << exported.error().message << "\n";
      return api::error_info(exported.error().code).exit_code;
    }
    ctx->network_geojson = exported->json.dump();
  }
  // Finished jobs go to the results store and are answered from it after a restart.
  std::shared_ptr<api::JobArchive> archive;
  if (!options.store.empty()) {
    auto opened = api::JobArchive::open(options.store);
    if (!opened) {
      err << "error: " << opened.error().message << "\n";
      return api::error_info(opened.error().code).exit_code;
    }
    archive = *opened;
    std::ostream* log = &err;
    ctx->jobs.keep(
        [archive, log](std::uint64_t id, const json& status) {
          if (auto s = archive->save(id, status); !s)
            *log << "caravan serve: job " << id << " not kept: " << s.error().message << std::endl;
        },
        [archive](std::uint64_t id) { return archive->load(id); }, archive->last_id());
  }

  HttpServer svr;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(options.max_body_bytes);
  svr.set_read_timeout(10);
  svr.set_write_timeout(10);
  svr.set_keep_alive_timeout(2);
  svr.set_keep_alive_max_count(100);
  svr.set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle delay between them
  svr.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    tl_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_error_handler([&options](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    if (status == 413)
      send_error(res, make_error(ErrorCode::LimitExceeded,
                                 "the request body is over " +
                                     std::to_string(options.max_body_bytes) + " bytes"));
    else if (status == 404)
      send_error(res, make_error(ErrorCode::NotFound, "no endpoint or file at " + req.path));
    else
      send_error(res, make_error(ErrorCode::InvalidRequest,
                                 "bad HTTP request (status " + std::to_string(status) + ")"));
    res.status = status;
  });
  svr.set_logger([ctx](const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0;
    if (tl_started != Clock::time_point{})
      seconds = std::chrono::duration<double>(Clock::now() - tl_started).count();
    tl_started = {};
    ctx->metrics.record(endpoint_label(req.path, res.status), res.status, seconds,
                        res.get_header_value(kErrorHeader));
  });
  add_routes(svr, *ctx);
  if (options.web_dir.empty()) {
    // No built map: say how to build it rather than a JSON 404.
    svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Caravan</title>"
          "<h1>Caravan: the map is not built</h1><p>Build it with <code>make web</code> (or "
          "<code>cd web &amp;&amp; npm ci &amp;&amp; node build.mjs</code>), then restart "
          "<code>caravan serve</code>, or give its folder with <code>--web DIR</code>.</p>"
          "<p>The JSON API answers at <code>/v1/...</code>: see <code>/healthz</code> and "
          "docs/api.md.</p></html>",
          "text/html; charset=utf-8");
    });
  } else {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.web_dir, ec) ||
        !svr.set_mount_point("/", options.web_dir)) {
      err << "error: web folder " << options.web_dir << " not found\n";
      return api::error_info(ErrorCode::NotFound).exit_code;
    }
  }

  int port = options.port;
  if (port == 0)
    port = svr.bind_to_any_port(options.host);
  else if (!svr.bind_to_port(options.host, port))
    port = -1;
  if (port > 0) svr.raise_backlog();
  if (port <= 0) {
    err << "error: cannot listen on " << options.host << ":" << options.port << "\n";
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    return api::error_info(ErrorCode::Io).exit_code;
  }
  std::atomic<bool> stopping = false;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    svr.stop();
  });
  const double startup = std::chrono::duration<double>(Clock::now() - t0).count();
  out << "caravan serve: " << ctx->net.location_count() << " locations, " << ctx->net.link_count()
      << " links from " << options.network_dir << " in " << text::format_number(startup, 2)
      << " s; " << threads << " connection threads, " << workers << " workers"
      << (options.web_dir.empty() ? std::string() : "; map from " + options.web_dir) << "\n"
      << "listening on http://" << options.host << ":" << port << "/" << std::endl;

  const bool ok = svr.listen_after_bind();  // returns after stop(), in-flight requests answered
  if (!stopping) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  out << "caravan serve: stopping" << std::endl;
  const int jobs_left = ctx->jobs.shut_down(std::chrono::seconds(5));
  const bool computations_left = !ctx->pool.shut_down(std::chrono::seconds(2));
  if (jobs_left > 0 || computations_left) {
    out << "caravan serve: abandoning " << jobs_left << " running job(s)" << std::endl;
    err.flush();
    (void)ctx_owner.release();
    std::_Exit(0);  // threads still hold the network; do not run destructors under them
  }
  out << "caravan serve: stopped" << std::endl;
  return ok ? 0 : api::error_info(ErrorCode::Io).exit_code;
}

}  // namespace caravan::server
