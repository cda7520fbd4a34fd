// Finished server jobs in SQLite (see job_store.h).
#include "io/job_store.h"

#include <sqlite3.h>

#include "io/sqlite_db.h"

namespace caravan::io {
namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY, feature TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL,
  finished TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
)sql";
}  // namespace

JobStore::~JobStore() { sqlite3_close(db_); }

Result<std::unique_ptr<JobStore>> JobStore::open(const std::string& path) {
  std::unique_ptr<JobStore> s(new JobStore());
  s->path_ = path;
  CARAVAN_TRY(db, open_store(path, kSchema));
  s->db_ = db;
  return s;
}

Status JobStore::save(std::uint64_t id, const std::string& feature, const std::string& status,
                      const std::string& body) {
  std::lock_guard lock(mu_);
  sqlite3_stmt* q = nullptr;
  const bool ok =
      sqlite3_prepare_v2(
          db_, "INSERT OR REPLACE INTO jobs (id, feature, status, body) VALUES (?, ?, ?, ?)", -1,
          &q, nullptr) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_int64(q, 1, static_cast<sqlite3_int64>(id));
    sqlite3_bind_text(q, 2, feature.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, status.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, body.c_str(), -1, SQLITE_TRANSIENT);
  }
  const bool done = ok && sqlite3_step(q) == SQLITE_DONE;
  sqlite3_finalize(q);
  if (!done)
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + sqlite3_errmsg(db_),
                      "store");
  return Ok{};
}

Result<std::optional<std::string>> JobStore::load(std::uint64_t id) {
  std::lock_guard lock(mu_);
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT body FROM jobs WHERE id = ?", -1, &q, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + sqlite3_errmsg(db_),
                      "store");
  sqlite3_bind_int64(q, 1, static_cast<sqlite3_int64>(id));
  std::optional<std::string> out;
  if (sqlite3_step(q) == SQLITE_ROW)
    out = std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  return out;
}

Result<std::uint64_t> JobStore::last_id() {
  std::lock_guard lock(mu_);
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT COALESCE(MAX(id), 0) FROM jobs", -1, &q, nullptr) !=
      SQLITE_OK)
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + sqlite3_errmsg(db_),
                      "store");
  std::uint64_t n = 0;
  if (sqlite3_step(q) == SQLITE_ROW) n = static_cast<std::uint64_t>(sqlite3_column_int64(q, 0));
  sqlite3_finalize(q);
  return n;
}

}  // namespace caravan::io
