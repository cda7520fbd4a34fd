// The feature table: for each feature its name, the CLI options that build its request, how a
// JSON request runs (parse -> the domain's typed use-case -> JSON), and how the answer renders
// (text, CSV, GeoJSON, files). The CLI and the HTTP server both dispatch through it.
#pragma once
#include <functional>
#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/request.h"
#include "core/result.h"
#include "network/network.h"

namespace caravan::api {

// What a feature needs besides its request.
struct Context {
  const network::Network* net = nullptr;  // null for features that need no network
  std::string network_dir;                // its scenarios/, demand/ and sim/ folders
  Limits limits;
  bool local = true;           // the CLI; false over HTTP: no request field may name a file here
  double max_job_seconds = 0;  // > 0: caps a job's "max_seconds"
  std::ostream* progress = nullptr;  // a job's progress lines
  std::set<std::string> wanted;      // file renderings asked for ("--svg" ...): keep their data
  std::string store;                 // the results store (sweeps); "" the default file
};

// A feature's answer: the JSON (the HTTP body and --json) and the renderings that need more than
// the JSON (plots of samples), by CLI flag, made on demand.
struct Answer {
  nlohmann::json json;
  std::map<std::string, std::function<std::string()>> files;
  bool silent = false;  // nothing to print: an MPI rank other than 0 (rank 0 prints the sweep)
};

// A CLI option and the request field it sets.
struct Option {
  enum class Kind {
    Text,        // "--from X" -> "from": "X"
    Number,      // -> a number
    Integer,     // -> a whole number
    Flag,        // "--pareto" -> true
    List,        // "--avoid A,B" (or repeated) -> ["A", "B"]
    Positional,  // "locate NAME" -> "q": "NAME"
    File,        // "--svg FILE": writes Answer::files["--svg"] there; sets no field
  };
  std::string_view flag;   // "--from" (the name for a positional)
  std::string_view field;  // "from"
  Kind kind = Kind::Text;
  std::string_view help;
  bool required = false;
  // Text options: the request value made from the text (e.g. "none;CN" -> ["", "CN"]); an error
  // names the option.
  Result<nlohmann::json> (*convert)(const std::string& text) = nullptr;
  // The CLI's value when the option is not given (JSON text, e.g. "1e-8"); "" for none.
  std::string_view fallback = {};
};

struct Feature {
  std::string_view name;  // the CLI command ("network info" has two words)
  std::string_view summary;
  std::string_view http_path;  // "" when not served; "/v1/route" ...
  bool job = false;            // served as a background job (POST, then poll)
  std::vector<Option> options;
  bool spatial = false;  // --geojson and --csv apply
  // Whether the request needs the network loaded (default: always).
  bool (*needs_network)(const nlohmann::json& request) = nullptr;
  // Checks the request and makes it concrete (file names resolved) before `run`; jobs are
  // prepared before they start, so that a bad request is answered at once.
  Result<nlohmann::json> (*prepare)(const Context& ctx, const nlohmann::json& request) = nullptr;
  Result<Answer> (*run)(const Context& ctx, const nlohmann::json& request) = nullptr;
  std::string (*text)(const Context& ctx, const nlohmann::json& response) = nullptr;
  std::string (*csv)(const Context& ctx, const nlohmann::json& response) = nullptr;
  Result<nlohmann::json> (*geojson)(const Context& ctx, const nlohmann::json& response) = nullptr;
  // The CLI's exit code for an answer (0 by default), with any warning for stderr.
  int (*exit_code)(const nlohmann::json& response, std::ostream& err) = nullptr;
};

// The network a front end serves: a folder (the embedded one by default), file:line: field on
// error.
std::string default_network_dir();
Result<network::Network> open_network(const std::string& dir);

std::span<const Feature> features();
const Feature* find_feature(std::string_view name);
// The feature served at an HTTP path, or nullptr.
const Feature* feature_at(std::string_view http_path);

// Refuses fields that name files on this machine unless the context is local, then prepares the
// request (Feature::prepare, when there is one).
Result<nlohmann::json> prepare(const Feature& f, const Context& ctx, const nlohmann::json& request);
// The feature's text rendering, after a line for what every shipment answer may carry (the HS
// code classified from "describe", the valuation check).
std::string render_text(const Feature& f, const Context& ctx, const nlohmann::json& response);

// Prepares and runs a feature (`prepared`: the request comes from `prepare` already).
Result<Answer> run(const Feature& f, const Context& ctx, const nlohmann::json& request,
                   bool prepared = false);

}  // namespace caravan::api
