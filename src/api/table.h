// Readable text tables for the terminal, rendered from the same JSON the API returns.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace caravan::api {
std::string route_table(const nlohmann::json& response);
std::string compare_table(const nlohmann::json& response);
std::string why_not_text(const nlohmann::json& response);
std::string locate_table(const nlohmann::json& response);
std::string info_text(const nlohmann::json& info);
}  // namespace caravan::api
