// Error construction helpers.
#include "core/result.h"

namespace caravan {
Error make_error(ErrorCode code, std::string message, std::string field) {
  return Error{code, std::move(message), std::move(field)};
}
}  // namespace caravan
