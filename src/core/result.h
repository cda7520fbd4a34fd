// Result<T>: a value or an Error, with the interface of std::expected (see STYLE.md section 5).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/assert.h"

namespace caravan {

// The kinds of failure; api/error_table.cpp maps each to an exit code and an HTTP status.
enum class ErrorCode {
  InvalidRequest,    // bad command-line option or request field
  InvalidData,       // a malformed network, scenario or data file
  NotFound,          // an unknown location, commodity, file
  Unsatisfiable,     // contradictory constraints
  LimitExceeded,     // a work or size limit was hit
  Io,                // a file could not be read or written
  Unavailable,       // the server is busy, timed out or shutting down; try again later
  MethodNotAllowed,  // an HTTP method the endpoint does not take
  Internal,
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string field;  // the request field or data column at fault, when there is one
};

Error make_error(ErrorCode code, std::string message, std::string field = {});

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & {
    CARAVAN_ASSERT(has_value(), "Result holds an error");
    return std::get<0>(v_);
  }
  const T& value() const& {
    CARAVAN_ASSERT(has_value(), "Result holds an error");
    return std::get<0>(v_);
  }
  T&& value() && {
    CARAVAN_ASSERT(has_value(), "Result holds an error");
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    CARAVAN_ASSERT(!has_value(), "Result holds a value");
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;

}  // namespace caravan

// Binds `var` to the value of the Result `expr`, or returns its error from the enclosing function.
#define CARAVAN_TRY(var, expr)                    \
  auto var##_result = (expr);                     \
  if (!var##_result) return var##_result.error(); \
  auto var = std::move(*var##_result)
