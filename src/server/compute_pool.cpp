// Worker threads, the bounded queue and the deadlines of ComputePool.
#include "server/compute_pool.h"

#include <optional>
#include <string>

#include "core/text.h"

namespace caravan::server {

struct ComputePool::Job {
  Task task;
  std::mutex mu;
  std::condition_variable done;
  std::optional<Result<nlohmann::json>> result;
  bool abandoned = false;  // the caller stopped waiting
};

ComputePool::ComputePool(int workers, std::size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

ComputePool::~ComputePool() { shut_down(std::chrono::hours(1)); }

void ComputePool::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    bool skip = false;
    {
      std::lock_guard lock(job->mu);
      skip = job->abandoned;
    }
    if (!skip) {
      Result<nlohmann::json> r = make_error(ErrorCode::Internal, "no result");
      try {
        r = job->task();
      } catch (const std::exception& e) {  // the last-resort catch of a computation
        r = make_error(ErrorCode::Internal, std::string("internal error: ") + e.what());
      }
      {
        std::lock_guard lock(job->mu);
        job->result.emplace(std::move(r));
      }
      job->done.notify_all();
    }
    job.reset();  // the task's captures go before the pool reports idle
    {
      std::lock_guard lock(mu_);
      --busy_;
    }
    idle_.notify_all();
  }
}

Result<nlohmann::json> ComputePool::run(Task task, std::chrono::duration<double> deadline) {
  auto job = std::make_shared<Job>();
  job->task = std::move(task);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return make_error(ErrorCode::Unavailable, "the server is shutting down");
    if (queue_.size() >= max_queued_)
      return make_error(ErrorCode::Unavailable, "the server is busy (" +
                                                    std::to_string(queue_.size()) +
                                                    " requests waiting); try again shortly");
    queue_.push_back(job);
  }
  cv_.notify_one();
  std::unique_lock lock(job->mu);
  if (!job->done.wait_for(lock, deadline, [&] { return job->result.has_value(); })) {
    job->abandoned = true;
    return make_error(ErrorCode::Unavailable,
                      "the request took longer than " + text::format_number(deadline.count(), 2) +
                          " s (the server's time limit); ask for less work (fewer alternatives, "
                          "samples or scenarios)");
  }
  return std::move(*job->result);
}

bool ComputePool::shut_down(std::chrono::milliseconds grace) {
  {
    std::unique_lock lock(mu_);
    stopping_ = true;
    queue_.clear();
    cv_.notify_all();
    if (!idle_.wait_for(lock, grace, [this] { return busy_ == 0; })) return false;
  }
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  workers_.clear();
  return true;
}

}  // namespace caravan::server
