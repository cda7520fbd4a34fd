// The results store: sweeps and their cells and rows in SQLite (one file; schema in
// docs/sweeps.md). A sweep is known by the digest of its configuration, so running the same
// configuration again resumes it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "sweep/sweep.h"

struct sqlite3;

namespace caravan::io {

using SweepRecord = sweep::Record;

class SqliteStore : public sweep::Store {
 public:
  // Opens (or creates) the file and the sweep of `config` (its digest); `fresh` forgets what a
  // previous run of the same configuration saved.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   const std::string& config, std::size_t cells,
                                                   bool fresh);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<std::set<std::size_t>> done() override;
  Status save(const sweep::Cell& cell, const sweep::CellResult& result) override;
  // Every cell's rows, by cell and rank.
  Result<std::vector<SweepRecord>> records();
  // An existing file's sweep (the latest when `id` is 0), read only; NotFound when the file or
  // the sweep is not there.
  static Result<std::unique_ptr<SqliteStore>> open_existing(const std::string& path,
                                                            std::int64_t id);
  const std::string& config() const { return config_; }
  std::int64_t sweep_id() const { return id_; }
  const std::string& path() const { return path_; }

 private:
  SqliteStore() = default;
  Status exec(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::int64_t id_ = 0;
  std::string path_;
  std::string config_;
};

}  // namespace caravan::io
