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

#include "api/assign_handler.h"
#include "api/error_table.h"
#include "api/handlers.h"
#include "api/scenario_codec.h"
#include "api/scenario_library.h"
#include "api/trade_codec.h"
#include "core/text.h"
#include "io/geojson.h"
#include "io/network_reader.h"
#include "server/compute_pool.h"
#include "server/jobs.h"
#include "server/metrics.h"

namespace caravan::server {
namespace {
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Request fields naming server-side files: accepted from the command line, never over HTTP.
constexpr const char* kPathFields[] = {"tariffs", "hs_nomenclature", "tntp"};
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
  std::string info;
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
  for (const char* f : kPathFields)
    if (j.contains(f))
      return make_error(ErrorCode::InvalidRequest,
                        std::string("'") + f +
                            "' names a server-side file and is accepted only by the command line",
                        f);
  return j;
}

using ApiFn = std::function<Result<json>(const json& request)>;

// An endpoint: request -> api call (with the deadline) -> JSON or an error from the table.
httplib::Server::Handler endpoint(Context& ctx, ApiFn fn) {
  return [&ctx, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    try {
      auto request = request_json(req);
      if (!request) return send_error(res, request.error());
      auto r = ctx.pool.run([fn, request = std::move(*request)] { return fn(request); },
                            std::chrono::duration<double>(ctx.opt.request_seconds));
      if (!r) return send_error(res, r.error());
      send_json(res, text_of(*r));
    } catch (const std::exception& e) {  // the one last-resort catch per handler
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  };
}

Result<std::vector<std::string>> string_list(const json& v, const std::string& field) {
  std::vector<std::string> out;
  if (v.is_string()) {
    for (const auto& s : text::split(v.get<std::string>(), ','))
      if (!s.empty()) out.push_back(s);
    return out;
  }
  if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_string()) return make_error(ErrorCode::InvalidRequest, "expected strings", field);
      out.push_back(x.get<std::string>());
    }
    return out;
  }
  return make_error(ErrorCode::InvalidRequest, "expected a list of names", field);
}

Result<json> scenario_request(const Context& ctx, json request) {
  if (!request.contains("scenarios"))
    return make_error(ErrorCode::InvalidRequest,
                      "missing 'scenarios': names from the network's scenarios/ folder, or \"all\"",
                      "scenarios");
  auto names = string_list(request["scenarios"], "scenarios");
  if (!names) return names.error();
  if (names->empty())
    return make_error(ErrorCode::InvalidRequest, "'scenarios' is empty", "scenarios");
  if (static_cast<int>(names->size()) > ctx.opt.limits.max_variants)
    return make_error(
        ErrorCode::LimitExceeded,
        "at most " + std::to_string(ctx.opt.limits.max_variants) + " scenarios per request",
        "scenarios");
  request.erase("scenarios");
  auto scenarios = api::load_scenarios(ctx.net, ctx.opt.network_dir, *names, true);
  if (!scenarios) return scenarios.error();
  return api::run_scenarios(ctx.net, request, *scenarios, ctx.opt.limits);
}

// Assignment request: "demand" is the name of a CSV in the network's demand/ folder (default
// "demand"); "max_seconds" is capped by the server.
Result<json> assign_request(const Context& ctx, json request) {
  namespace fs = std::filesystem;
  std::string name = "demand";
  if (request.contains("demand")) {
    if (!request["demand"].is_string())
      return make_error(ErrorCode::InvalidRequest, "expected a name", "demand");
    name = request["demand"].get<std::string>();
  }
  if (name.size() > 4 && name.substr(name.size() - 4) == ".csv") name.resize(name.size() - 4);
  const fs::path path = fs::path(ctx.opt.network_dir) / "demand" / (name + ".csv");
  std::error_code ec;
  if (name.empty() || name.find_first_of("/\\") != std::string::npos ||
      name.find("..") != std::string::npos || !fs::is_regular_file(path, ec))
    return make_error(ErrorCode::NotFound,
                      "unknown demand '" + name +
                          "': give the name of a CSV in the network's "
                          "demand/ folder",
                      "demand");
  request["demand"] = path.string();
  double max_seconds = ctx.opt.job_seconds;
  if (request.contains("max_seconds") && request["max_seconds"].is_number())
    max_seconds = std::min(max_seconds, request["max_seconds"].get<double>());
  request["max_seconds"] = max_seconds;
  return request;
}

// Reliability, plus a server-only "histogram_bins" (1..200): the sampled transit times of each
// route as a histogram (for the map), under "histograms".
Result<json> reliability_request(const Context& ctx, json request) {
  int bins = 0;
  if (request.contains("histogram_bins")) {
    const json& b = request["histogram_bins"];
    if (!b.is_number_integer() || b.get<int>() < 1 || b.get<int>() > 200)
      return make_error(ErrorCode::InvalidRequest, "expected an integer in [1, 200]",
                        "histogram_bins");
    bins = b.get<int>();
    request.erase("histogram_bins");
  }
  api::SampleSeries samples;
  auto result = api::reliability(ctx.net, request, ctx.opt.limits, bins ? &samples : nullptr);
  if (!result || bins == 0) return result;
  json histograms = json::array();
  for (const auto& [name, hours] : samples) {
    if (hours.empty()) continue;
    const auto [lo, hi] = std::minmax_element(hours.begin(), hours.end());
    const double width = *hi > *lo ? (*hi - *lo) / bins : 1.0;
    std::vector<int> counts(static_cast<std::size_t>(bins), 0);
    for (double h : hours)
      ++counts[std::min(static_cast<std::size_t>((h - *lo) / width), counts.size() - 1)];
    histograms.push_back(
        {{"route", name}, {"min_hours", *lo}, {"bin_hours", width}, {"counts", counts}});
  }
  (*result)["histograms"] = std::move(histograms);
  return result;
}

// The stems of the .scenario files in the network's scenarios/ folder, sorted.
json scenario_names(const std::string& network_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  const fs::path dir = fs::path(network_dir) / "scenarios";
  if (fs::is_directory(dir, ec))
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".scenario") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return json{{"scenarios", names}};
}

std::string endpoint_label(const std::string& path, int status) {
  static const std::set<std::string> kKnown = {
      "/v1/route",       "/v1/compare", "/v1/reliability", "/v1/scenario", "/v1/why-not",
      "/v1/landed-cost", "/v1/assign",  "/v1/locations",   "/v1/network",  "/v1/info",
      "/v1/scenarios",   "/healthz",    "/metrics"};
  if (kKnown.count(path)) return path;
  if (path.rfind("/v1/assign/", 0) == 0) return "/v1/assign/{id}";
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
  const auto& L = ctx.opt.limits;
  auto both = [&](const std::string& path, ApiFn fn) {
    auto h = endpoint(ctx, std::move(fn));
    svr.Post(path, h);
    svr.Get(path, h);
  };
  both("/v1/route", [&](const json& r) { return api::route(ctx.net, r, L); });
  both("/v1/compare", [&](const json& r) { return api::compare(ctx.net, r, L); });
  both("/v1/reliability", [&](const json& r) { return reliability_request(ctx, r); });
  both("/v1/why-not", [&](const json& r) { return api::why_not(ctx.net, r, L); });
  both("/v1/landed-cost", [&](const json& r) { return api::landed_cost(ctx.net, r, L); });
  both("/v1/scenario", [&](const json& r) { return scenario_request(ctx, r); });

  svr.Post("/v1/assign", [&](const httplib::Request& req, httplib::Response& res) {
    try {
      auto request = request_json(req);
      if (!request) return send_error(res, request.error());
      auto prepared = assign_request(ctx, std::move(*request));
      if (!prepared) return send_error(res, prepared.error());
      auto id = ctx.jobs.start([&ctx, r = std::move(*prepared)](std::ostream& progress) {
        return api::assign_freight(ctx.net, r, &progress);
      });
      if (!id) return send_error(res, id.error());
      res.set_header("Location", "/v1/assign/" + *id);
      send_json(res, json{{"id", *id}, {"status", "running"}, {"poll", "/v1/assign/" + *id}}.dump(),
                202);
    } catch (const std::exception& e) {  // last resort
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  });
  svr.Get(R"(/v1/assign/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
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
  svr.Get("/v1/locations", [&](const httplib::Request& req, httplib::Response& res) {
    try {
      json request = {{"q", req.get_param_value("q")}};
      if (req.has_param("limit")) request["limit"] = query_value(req.get_param_value("limit"));
      auto r = api::locate(ctx.net, request);
      if (!r) return send_error(res, r.error());
      send_json(res, text_of(*r));
    } catch (const std::exception& e) {  // last resort
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  });
  svr.Get("/v1/network", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ctx.network_geojson, "application/geo+json");
  });
  svr.Get("/v1/scenarios", [&](const httplib::Request&, httplib::Response& res) {
    try {
      send_json(res, text_of(scenario_names(ctx.opt.network_dir)));
    } catch (const std::exception& e) {  // last resort (filesystem errors)
      send_error(res, make_error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
    }
  });
  svr.Get("/v1/info",
          [&](const httplib::Request&, httplib::Response& res) { send_json(res, ctx.info); });
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
  auto loaded = io::load_network(options.network_dir);
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
  ctx->network_geojson = io::network_geojson(ctx->net).dump();
  ctx->info = api::network_info(ctx->net).dump();

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
  if (!options.web_dir.empty()) {
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
