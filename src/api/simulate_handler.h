// `simulate`: a corridor operations model as JSON (docs/simulation.md) -> sim::SimConfig, the
// run, and its results as JSON, a table, a CSV time series and an SVG plot of queue lengths.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "network/network.h"
#include "sim/des.h"

namespace caravan::api {

// Errors name the JSON path ("resources[1].capacity_units"). Source ids in "sources" strings are
// checked against the network's sources.
Result<sim::SimConfig> parse_sim_config(const nlohmann::json& j, const network::Network& net);
nlohmann::json sim_result_json(const sim::SimConfig& c, const sim::SimResult& r);
std::string sim_table(const nlohmann::json& result);
std::string sim_series_csv(const sim::SimConfig& c, const sim::SimResult& r);
std::string sim_series_svg(const sim::SimConfig& c, const sim::SimResult& r);

struct SimRun {
  sim::SimConfig config;
  sim::SimResult result;
  nlohmann::json json;  // sim_result_json
};
// {"config": the name of a model in the network's sim/ folder, the model itself, or (local
// callers) a model file; "seed" and "horizon_days" override the model's}. Errors in a model file
// are prefixed with its path.
Result<SimRun> simulate(const network::Network& net, const std::string& network_dir,
                        const nlohmann::json& request, bool local);

}  // namespace caravan::api
