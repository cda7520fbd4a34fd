// The shipment and routing options shared by every command that plans a route (route, compare,
// why-not, reliability, scenario, landed-cost, deal), and the request JSON they become.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace caravan::cli {

struct ShipmentOptions {
  std::string from, to, commodity, objective, forbid_transit;  // commodity "": the api's default
  std::vector<std::string> avoid, via;
  std::optional<double> tonnes, teu, value_usd, value_of_time, carrying_rate;
  std::optional<int> month, max_transshipments, alternatives;
  bool pareto = false, ignore_rules = false;
};

void add_shipment_options(CLI::App* cmd, ShipmentOptions& o, bool with_via = true);
// The request fields of api/request.cpp, only for the options given.
nlohmann::json shipment_request(const ShipmentOptions& o);

}  // namespace caravan::cli
