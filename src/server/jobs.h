// Long runs (assignments, sweeps) as jobs: start returns an id at once, status gives the progress
// lines and, when done, the result. At most `max_running` jobs run at a time; finished jobs are
// kept in memory (up to `max_kept`, oldest finished dropped first) and, with `keep`, handed to a
// store that answers for them after a restart.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace caravan::server {

// The work of one job; `progress` receives lines of text while it runs.
using JobFn = std::function<Result<nlohmann::json>(std::ostream& progress)>;

class Jobs {
 public:
  Jobs(int max_running, std::size_t max_kept) : max_running_(max_running), max_kept_(max_kept) {}
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // The job id, or Unavailable when `max_running` jobs are already running or shutting down.
  Result<std::string> start(JobFn fn);
  // {"id", "status": running|done|failed, "seconds", "progress": [last lines], "result"|"error"};
  // std::nullopt for an unknown id.
  std::optional<nlohmann::json> status(const std::string& id) const;
  // Refuses new jobs and waits up to `grace` for running ones; returns how many still run.
  int shut_down(std::chrono::milliseconds grace);
  int running() const;
  // Finished jobs go to `save` (their status answer); ids unknown here are asked of `load`; new
  // ids continue after `last_id`. Call before the first start.
  void keep(std::function<void(std::uint64_t, const nlohmann::json&)> save,
            std::function<std::optional<nlohmann::json>(std::uint64_t)> load,
            std::uint64_t last_id);

 private:
  struct Job;
  static nlohmann::json status_json(const Job& job);  // under mu_
  int max_running_;
  std::size_t max_kept_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::uint64_t, std::shared_ptr<Job>> jobs_;
  std::uint64_t next_id_ = 1;
  int running_ = 0;
  bool stopping_ = false;
  std::function<void(std::uint64_t, const nlohmann::json&)> save_;
  std::function<std::optional<nlohmann::json>(std::uint64_t)> load_;
};

}  // namespace caravan::server
