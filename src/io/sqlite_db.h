// Opening Caravan's SQLite file (the results store): the schema created when missing, a file of a
// newer schema refused before anything is written, a busy file waited for.
#pragma once
#include <string>

#include "core/result.h"

struct sqlite3;

namespace caravan::io {

// The schema version this Caravan writes (PRAGMA user_version).
constexpr int kStoreSchemaVersion = 1;

// Opens `path` (created when missing) and runs `schema` (CREATE ... IF NOT EXISTS). Errors are Io
// and name the file: it cannot be opened or written (read-only, locked beyond 10 s), or it is of
// a newer schema. The caller closes the handle with sqlite3_close.
// `busy_ms`: how long to wait for another process's lock.
Result<sqlite3*> open_store(const std::string& path, const char* schema, int busy_ms = 10000);

// Runs SQL; an Io error naming the file.
Status exec_sql(sqlite3* db, const std::string& path, const std::string& sql);

}  // namespace caravan::io
