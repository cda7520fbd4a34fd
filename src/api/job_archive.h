// The server's finished jobs kept in the results store (io/job_store.h) as the status answers
// the HTTP API gives, so that a restarted server still answers for them.
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace caravan::io {
class JobStore;
}

namespace caravan::api {

class JobArchive {
 public:
  static Result<std::shared_ptr<JobArchive>> open(const std::string& path);
  ~JobArchive();
  // Errors are returned for the server to log; the job's answer stays in memory regardless.
  Status save(std::uint64_t id, const nlohmann::json& status);
  std::optional<nlohmann::json> load(std::uint64_t id) const;
  std::uint64_t last_id() const;

 private:
  JobArchive() = default;
  std::unique_ptr<io::JobStore> store_;
};

}  // namespace caravan::api
