// The error table: the only place where errors become exit codes and HTTP statuses.
#include "api/error_table.h"

namespace caravan::api {
namespace {
constexpr ErrorInfo kErrorTable[] = {
    {ErrorCode::InvalidRequest, 400, 2, "invalid_request"},
    {ErrorCode::InvalidData, 422, 3, "invalid_data"},
    {ErrorCode::NotFound, 404, 4, "not_found"},
    {ErrorCode::Unsatisfiable, 409, 5, "unsatisfiable"},
    {ErrorCode::LimitExceeded, 413, 7, "limit_exceeded"},
    {ErrorCode::Io, 500, 8, "io"},
    {ErrorCode::Unavailable, 503, 9, "unavailable"},
    {ErrorCode::MethodNotAllowed, 405, 2, "method_not_allowed"},
    {ErrorCode::Internal, 500, 1, "internal"},
};
}  // namespace

const ErrorInfo& error_info(ErrorCode code) {
  for (const auto& e : kErrorTable)
    if (e.code == code) return e;
  return kErrorTable[std::size(kErrorTable) - 1];
}

nlohmann::json error_json(const Error& e) {
  nlohmann::json body = {{"code", error_info(e.code).name}, {"message", e.message}};
  if (!e.field.empty()) body["field"] = e.field;
  return {{"error", body}};
}

}  // namespace caravan::api
