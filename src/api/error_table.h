// The one table that maps error codes to exit codes and HTTP statuses.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"

namespace caravan::api {

struct ErrorInfo {
  ErrorCode code;
  int http_status;
  int exit_code;
  std::string_view name;
};

const ErrorInfo& error_info(ErrorCode code);
// {"error": {"code": name, "message": ..., "field": ...}}
nlohmann::json error_json(const Error& e);
// Exit code for "ran fine but found no route".
inline constexpr int kExitNoRoute = 6;

}  // namespace caravan::api
