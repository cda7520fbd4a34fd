// A fixed set of worker threads for the engine's CPU-bound work, shared by all HTTP threads: a
// bounded queue, and a deadline per task (a task whose caller gave up before it started is
// skipped; one already running finishes and its answer is dropped).
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "core/result.h"

namespace caravan::server {

class ComputePool {
 public:
  using Task = std::function<Result<nlohmann::json>()>;
  ComputePool(int workers, std::size_t max_queued);
  ~ComputePool();
  ComputePool(const ComputePool&) = delete;
  ComputePool& operator=(const ComputePool&) = delete;

  // Runs `task` on a worker and waits up to `deadline` for its answer. Unavailable when the queue
  // is full, the deadline passes or the pool is shutting down.
  Result<nlohmann::json> run(Task task, std::chrono::duration<double> deadline);
  // Refuses new work, skips queued work and waits up to `grace` for running tasks; joins the
  // workers and returns true when they all stopped.
  bool shut_down(std::chrono::milliseconds grace);

 private:
  struct Job;
  void work();
  std::mutex mu_;
  std::condition_variable cv_;    // work queued or stopping
  std::condition_variable idle_;  // a task finished
  std::deque<std::shared_ptr<Job>> queue_;
  std::vector<std::thread> workers_;
  std::size_t max_queued_;
  int busy_ = 0;
  bool stopping_ = false;
};

}  // namespace caravan::server
