// `caravan landed-cost` and `caravan deal`, plus the --landed-cost options of route and compare.
#pragma once
#include <CLI/CLI.hpp>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace caravan::cli {

int run_landed_cost(const std::vector<std::string>& args, const std::string& network_dir,
                    std::ostream& out, std::ostream& err);
int run_deal(const std::vector<std::string>& args, const std::string& network_dir,
             std::ostream& out, std::ostream& err);

// --landed-cost for route and compare, and the terms every landed-cost command takes: --incoterm,
// --vat-recoverable, --tariffs, --hs-nomenclature.
struct LandedCliOptions {
  bool enabled = false, vat_recoverable = false;
  std::string incoterm, tariffs, hs_nomenclature;
};
void add_landed_terms(CLI::App* cmd, LandedCliOptions& o);
void add_landed_options(CLI::App* cmd, LandedCliOptions& o);
void add_landed_request(nlohmann::json& request, const LandedCliOptions& o);

}  // namespace caravan::cli
