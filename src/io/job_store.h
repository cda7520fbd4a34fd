// The server's finished jobs in the results store (table `jobs`), so that they survive a
// restart: the status answer of each (result or error) as JSON text.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"

struct sqlite3;

namespace caravan::io {

class JobStore {
 public:
  static Result<std::unique_ptr<JobStore>> open(const std::string& path);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  // `status`: done | failed; `body`: the status answer (JSON text).
  Status save(std::uint64_t id, const std::string& feature, const std::string& status,
              const std::string& body);
  Result<std::optional<std::string>> load(std::uint64_t id);
  Result<std::uint64_t> last_id();  // 0 when none
  const std::string& path() const { return path_; }

 private:
  JobStore() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::mutex mu_;
};

}  // namespace caravan::io
