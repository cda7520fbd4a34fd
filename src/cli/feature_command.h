// A feature's command, built from its option table in the api's feature table: the CLI11
// subcommand, and the request JSON its options make (only the options given, or their fallbacks).
#pragma once
#include <CLI/CLI.hpp>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/feature.h"
#include "core/result.h"

namespace caravan::cli {

class FeatureCommand {
 public:
  // Adds the command to `app` ("network info" goes under a `network` command, made once).
  FeatureCommand(CLI::App& app, const api::Feature& feature);
  FeatureCommand(const FeatureCommand&) = delete;
  FeatureCommand& operator=(const FeatureCommand&) = delete;

  const api::Feature& feature() const { return feature_; }
  bool parsed() const { return cmd_->parsed(); }
  CLI::App& command() { return *cmd_; }
  // The request fields of the options given; errors name the option.
  Result<nlohmann::json> request() const;
  // The file renderings asked for: CLI flag -> path.
  std::map<std::string, std::string> files() const;

  bool as_json = false, as_geojson = false, as_csv = false, quiet = false;

 private:
  struct Slot {
    const api::Option* option = nullptr;
    CLI::Option* cli = nullptr;
    std::string text;
    std::vector<std::string> list;
    double number = 0;
    long long integer = 0;
    bool flag = false;
  };
  const api::Feature& feature_;
  CLI::App* cmd_ = nullptr;
  std::deque<Slot> slots_;  // stable addresses: CLI11 writes into them
};

}  // namespace caravan::cli
