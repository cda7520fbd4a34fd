// The SQLite results store: a sweep is found again by its configuration, saves replace a cell's
// rows, failures are kept, `fresh` forgets, and an unwritable file is a clear error.
#include "io/sweep_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "io/sqlite_db.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

sweep::Cell cell(std::size_t i) {
  sweep::Cell c;
  c.index = i;
  c.origin = "A";
  c.destination = "B" + std::to_string(i);
  c.seed = 1000 + i;
  return c;
}

sweep::CellResult result(double cost, std::size_t routes) {
  sweep::CellResult r;
  for (std::size_t k = 0; k < routes; ++k) {
    sweep::RouteRow row;
    row.rank = k + 1;
    row.cost_usd = cost + static_cast<double>(k);
    row.p50_days = 3.5;
    r.rows.push_back(row);
  }
  return r;
}

TEST(SqliteStore, ResumesBySweepConfigurationAndKeepsFailures) {
  const auto path = (fs::temp_directory_path() / "caravan_store_test.sqlite").string();
  fs::remove(path);
  {
    auto s = SqliteStore::open(path, "{\"a\":1}", 3, false);
    ASSERT_TRUE(s) << s.error().message;
    ASSERT_TRUE((*s)->save(cell(0), result(10, 2)));
    sweep::CellResult failed;
    failed.error = "no route";
    ASSERT_TRUE((*s)->save(cell(2), failed));
    ASSERT_TRUE((*s)->save(cell(0), result(20, 1)));  // a cell saved again replaces its rows
  }
  auto s = SqliteStore::open(path, "{\"a\":1}", 3, false);
  ASSERT_TRUE(s);
  EXPECT_EQ(*(*s)->done(), (std::set<std::size_t>{0, 2}));
  const auto rec = (*s)->records();
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->size(), 2U);
  EXPECT_DOUBLE_EQ(rec->at(0).route->cost_usd, 20);
  EXPECT_EQ(rec->at(0).cell.seed, 1000U);
  EXPECT_EQ(rec->at(0).route->p50_days, 3.5);
  EXPECT_FALSE(rec->at(0).route->p90_days);
  EXPECT_EQ(rec->at(1).status, "failed");
  EXPECT_EQ(rec->at(1).error, "no route");
  EXPECT_FALSE(rec->at(1).route);
  auto other = SqliteStore::open(path, "{\"a\":2}", 3, false);  // another sweep, same file
  ASSERT_TRUE(other);
  EXPECT_NE((*other)->sweep_id(), (*s)->sweep_id());
  EXPECT_TRUE((*other)->done()->empty());
  auto fresh = SqliteStore::open(path, "{\"a\":1}", 3, true);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE((*fresh)->done()->empty());
  fs::remove(path);
}

TEST(SqliteStore, AnUnwritablePlaceIsAnIoErrorNamingIt) {
  auto s = SqliteStore::open("/nonexistent/folder/x.sqlite", "{}", 1, false);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::Io);
  EXPECT_NE(s.error().message.find("/nonexistent/folder/x.sqlite"), std::string::npos);
}

// A store file that is locked, read-only or of a newer schema: a clear Io error naming the file,
// and nothing in it overwritten.
std::string bytes_of(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

TEST(SqliteStore, ANewerSchemaIsRefusedAndLeftUntouched) {
  const auto path = (fs::temp_directory_path() / "caravan-store-newer.sqlite").string();
  fs::remove(path);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 7", nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
  }
  const auto before = bytes_of(path);
  auto s = SqliteStore::open(path, "{}", 1, false);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::Io);
  EXPECT_NE(s.error().message.find("schema version 7, newer"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find(path), std::string::npos);
  EXPECT_EQ(bytes_of(path), before);
  fs::remove(path);
}

TEST(SqliteStore, ALockedStoreIsAnErrorAfterItsWaitAndKeepsItsRows) {
  const auto path = (fs::temp_directory_path() / "caravan-store-locked.sqlite").string();
  fs::remove(path);
  {
    auto s = SqliteStore::open(path, "{\"a\":1}", 2, false);
    ASSERT_TRUE(s) << s.error().message;
  }
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto locked = open_store(path, "CREATE TABLE IF NOT EXISTS extra(x)", 200);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::Io);
  EXPECT_NE(locked.error().message.find(path), std::string::npos);
  EXPECT_NE(locked.error().message.find("locked"), std::string::npos) << locked.error().message;
  sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  auto again = SqliteStore::open(path, "{\"a\":1}", 2, false);  // the same sweep, still there
  ASSERT_TRUE(again) << again.error().message;
  fs::remove(path);
}

TEST(SqliteStore, AReadOnlyStoreIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files; run as a user to check";
  const auto path = (fs::temp_directory_path() / "caravan-store-ro.sqlite").string();
  fs::remove(path);
  {
    auto s = SqliteStore::open(path, "{}", 1, false);
    ASSERT_TRUE(s);
  }
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const auto before = bytes_of(path);
  auto s = SqliteStore::open(path, "{\"b\":2}", 1, false);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(path), std::string::npos);
  EXPECT_EQ(bytes_of(path), before);
  fs::permissions(path, fs::perms::owner_all);
  fs::remove(path);
}

}  // namespace
}  // namespace caravan::io
