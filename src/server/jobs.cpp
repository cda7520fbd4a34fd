// Job threads, their progress lines and results.
#include "server/jobs.h"

#include <algorithm>
#include <deque>
#include <ostream>
#include <streambuf>
#include <thread>

#include "api/error_table.h"

namespace caravan::server {

struct Jobs::Job {
  std::uint64_t id = 0;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  double seconds = 0;  // set when finished
  std::string status = "running";
  std::deque<std::string> progress;  // the last kMaxLines lines
  nlohmann::json result;             // result or error body when finished
};

namespace {
constexpr std::size_t kMaxLines = 20;

// A streambuf that hands every complete line to a callback.
class LineBuf : public std::streambuf {
 public:
  explicit LineBuf(std::function<void(std::string)> sink) : sink_(std::move(sink)) {}
  ~LineBuf() override {
    if (!line_.empty()) sink_(line_);
  }

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    if (c == '\n') {
      sink_(line_);
      line_.clear();
    } else if (line_.size() < 1000) {
      line_ += static_cast<char>(c);
    }
    return c;
  }

 private:
  std::function<void(std::string)> sink_;
  std::string line_;
};
}  // namespace

Jobs::~Jobs() { shut_down(std::chrono::milliseconds(0)); }

Result<std::string> Jobs::start(JobFn fn) {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return make_error(ErrorCode::Unavailable, "the server is shutting down");
    if (running_ >= max_running_)
      return make_error(ErrorCode::Unavailable,
                        std::to_string(running_) + " jobs are running (the limit); try later");
    // Drop the oldest finished jobs beyond the cap.
    for (auto it = jobs_.begin(); jobs_.size() >= max_kept_ && it != jobs_.end();)
      it = it->second->status == "running" ? std::next(it) : jobs_.erase(it);
    job = std::make_shared<Job>();
    job->id = next_id_++;
    jobs_[job->id] = job;
    ++running_;
  }
  std::thread([this, job, fn = std::move(fn)] {
    Result<nlohmann::json> r = make_error(ErrorCode::Internal, "job did not run");
    {
      LineBuf buf([this, job](std::string line) {
        std::lock_guard lock(mu_);
        job->progress.push_back(std::move(line));
        if (job->progress.size() > kMaxLines) job->progress.pop_front();
      });
      std::ostream progress(&buf);
      try {
        r = fn(progress);
      } catch (const std::exception& e) {  // last resort for this job
        r = make_error(ErrorCode::Internal, std::string("internal error: ") + e.what());
      }
    }  // the last progress line is in before the job is reported finished
    nlohmann::json finished;
    {
      std::lock_guard lock(mu_);
      job->seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started).count();
      job->status = r ? "done" : "failed";
      job->result = r ? std::move(*r) : api::error_json(r.error());
      if (save_) finished = status_json(*job);
    }
    if (save_) save_(job->id, finished);  // before the job counts as finished (a shutdown waits)
    std::lock_guard lock(mu_);
    --running_;
    cv_.notify_all();
  }).detach();
  return std::to_string(job->id);
}

std::optional<nlohmann::json> Jobs::status(const std::string& id) const {
  std::uint64_t n = 0;
  for (char c : id) {
    if (c < '0' || c > '9' || n > 1'000'000'000'000ULL) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (id.empty()) return std::nullopt;
  {
    std::lock_guard lock(mu_);
    if (auto it = jobs_.find(n); it != jobs_.end()) return status_json(*it->second);
  }
  if (load_) return load_(n);
  return std::nullopt;
}

void Jobs::keep(std::function<void(std::uint64_t, const nlohmann::json&)> save,
                std::function<std::optional<nlohmann::json>(std::uint64_t)> load,
                std::uint64_t last_id) {
  std::lock_guard lock(mu_);
  save_ = std::move(save);
  load_ = std::move(load);
  next_id_ = std::max(next_id_, last_id + 1);
}

nlohmann::json Jobs::status_json(const Job& job) {
  nlohmann::json j = {{"id", std::to_string(job.id)}, {"status", job.status}};
  j["progress"] =
      nlohmann::json(std::vector<std::string>(job.progress.begin(), job.progress.end()));
  j["seconds"] =
      job.status == "running"
          ? std::chrono::duration<double>(std::chrono::steady_clock::now() - job.started).count()
          : job.seconds;
  if (job.status == "done") j["result"] = job.result;
  if (job.status == "failed") j["error"] = job.result["error"];
  return j;
}

int Jobs::shut_down(std::chrono::milliseconds grace) {
  std::unique_lock lock(mu_);
  stopping_ = true;
  cv_.wait_for(lock, grace, [this] { return running_ == 0; });
  return running_;
}

int Jobs::running() const {
  std::lock_guard lock(mu_);
  return running_;
}

}  // namespace caravan::server
