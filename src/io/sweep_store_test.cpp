// The SQLite results store: a sweep is found again by its configuration, saves replace a cell's
// rows, failures are kept, `fresh` forgets, and an unwritable file is a clear error.
#include "io/sweep_store.h"

#include <gtest/gtest.h>

#include <filesystem>

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

}  // namespace
}  // namespace caravan::io
