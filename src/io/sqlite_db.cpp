// Opening the results store (see sqlite_db.h).
#include "io/sqlite_db.h"

#include <sqlite3.h>

namespace caravan::io {

Status exec_sql(sqlite3* db, const std::string& path, const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    return make_error(ErrorCode::Io, "results store '" + path + "': " + m, "store");
  }
  return Ok{};
}

Result<sqlite3*> open_store(const std::string& path, const char* schema, int busy_ms) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    const std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error(ErrorCode::Io, "cannot open the results store '" + path + "': " + m, "store");
  }
  sqlite3_busy_timeout(db, busy_ms);
  int version = 0;
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    version = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  if (version > kStoreSchemaVersion) {
    sqlite3_close(db);
    return make_error(ErrorCode::Io,
                      "the results store '" + path + "' has schema version " +
                          std::to_string(version) + ", newer than this Caravan's (" +
                          std::to_string(kStoreSchemaVersion) + "); it is left untouched",
                      "store");
  }
  // Write-ahead log, synced at checkpoints rather than at every commit: a cell's commit costs no
  // disk flush (one per cell was the sweep's bottleneck), a killed process loses nothing it
  // committed, and a power cut can lose only the last commits, never the file's consistency.
  if (auto s = exec_sql(db, path, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !s) {
    sqlite3_close(db);
    return s.error();
  }
  if (auto s = exec_sql(db, path, schema); !s) {
    sqlite3_close(db);
    return s.error();
  }
  if (auto s = exec_sql(db, path, "PRAGMA user_version = " + std::to_string(kStoreSchemaVersion));
      !s) {
    sqlite3_close(db);
    return s.error();
  }
  return db;
}

}  // namespace caravan::io
