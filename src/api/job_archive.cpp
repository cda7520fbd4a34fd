// The server's job archive (see job_archive.h).
#include "api/job_archive.h"

#include "io/job_store.h"

namespace caravan::api {

JobArchive::~JobArchive() = default;

Result<std::shared_ptr<JobArchive>> JobArchive::open(const std::string& path) {
  std::shared_ptr<JobArchive> a(new JobArchive());
  CARAVAN_TRY(s, io::JobStore::open(path));
  a->store_ = std::move(s);
  return a;
}

Status JobArchive::save(std::uint64_t id, const nlohmann::json& status) {
  return store_->save(id, status.value("feature", std::string()),
                      status.value("status", std::string()), status.dump());
}

std::optional<nlohmann::json> JobArchive::load(std::uint64_t id) const {
  auto text = store_->load(id);
  if (!text || !*text) return std::nullopt;
  auto j = nlohmann::json::parse(**text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::uint64_t JobArchive::last_id() const {
  auto n = store_->last_id();
  return n ? *n : 0;
}

}  // namespace caravan::api
