// Tests of sweeps: expansion, per-cell seeds, workers, failures, resuming, shares.
#include "sweep/sweep.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

namespace caravan::sweep {
namespace {

class MemoryStore : public Store {
 public:
  Result<std::set<std::size_t>> done() override {
    std::set<std::size_t> out;
    for (const auto& [k, v] : saved) out.insert(k);
    return out;
  }
  Status save(const Cell& c, const CellResult& r) override {
    std::lock_guard lock(m);
    saved[c.index] = r;
    if (fail_after && saved.size() >= *fail_after) return make_error(ErrorCode::Io, "disk full");
    return Ok{};
  }
  std::map<std::size_t, CellResult> saved;
  std::optional<std::size_t> fail_after;
  std::mutex m;
};

SweepConfig config() {
  SweepConfig c;
  c.axes.origins = {"Stepnogorsk", "Almaty"};
  c.axes.destinations = {"Yokohama", "Busan", "Hamburg"};
  c.axes.months = {1, 7};
  c.axes.objectives = {"cost", "time"};
  c.seed = 42;
  return c;
}

// A runner whose answer depends only on the cell (its seed), failing where told.
CellResult fake(const Cell& c) {
  CellResult r;
  if (c.destination == "Busan" && c.month == 7 && c.objective == "time") {
    r.error = "no route";
    return r;
  }
  RouteRow row;
  row.rank = 1;
  row.cost_usd = static_cast<double>(c.seed % 100000);
  r.rows.push_back(row);
  return r;
}

TEST(Expand, IsTheCartesianProductWithStableSeeds) {
  auto cells = expand(config());
  ASSERT_TRUE(cells);
  EXPECT_EQ(cells->size(), 2U * 3 * 2 * 2);
  // A cell's seed depends on the seed and the cell, not on its place in the list.
  auto reordered = config();
  std::swap(reordered.axes.origins[0], reordered.axes.origins[1]);
  auto other = expand(reordered);
  ASSERT_TRUE(other);
  std::map<std::string, std::uint64_t> seeds;
  for (const auto& c : *cells) seeds[c.key()] = c.seed;
  for (const auto& c : *other) EXPECT_EQ(seeds.at(c.key()), c.seed);
  auto reseeded = config();
  reseeded.seed = 43;
  EXPECT_NE(expand(reseeded)->front().seed, cells->front().seed);
}

TEST(Expand, RefusesMissingAxesBothMonthsAndDatesAndRepeatedCells) {
  SweepConfig c;
  EXPECT_FALSE(expand(c));
  c = config();
  c.axes.departs = {"2026-11-15"};
  EXPECT_FALSE(expand(c));
  c = config();
  c.axes.origins = {"A", "A"};
  const auto r = expand(c);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("repeats"), std::string::npos);
}

TEST(Run, AnyNumberOfWorkersGivesTheSameResultsAndFailuresAreKept) {
  const auto cells = *expand(config());
  std::map<std::size_t, CellResult> first;
  for (unsigned threads : {1U, 2U, 4U}) {
    MemoryStore store;
    RunOptions o;
    o.threads = threads;
    const auto s = run(cells, fake, store, o);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->ran, cells.size());
    EXPECT_EQ(s->failed, 2U);  // Busan in July by time, from each origin
    ASSERT_EQ(store.saved.size(), cells.size());
    if (first.empty()) first = store.saved;
    for (const auto& [k, v] : store.saved) {
      EXPECT_EQ(v.error, first[k].error);
      if (!v.rows.empty()) {
        EXPECT_EQ(v.rows[0].cost_usd, first[k].rows[0].cost_usd);
      }
    }
  }
}

TEST(Run, AResumedSweepRunsOnlyTheMissingCells) {
  const auto cells = *expand(config());
  MemoryStore store;
  store.fail_after = 5;  // the "kill": the store stops the sweep
  EXPECT_FALSE(run(cells, fake, store, {1, nullptr, 0, 1}));
  const std::size_t kept = store.saved.size();
  EXPECT_GE(kept, 5U);
  store.fail_after.reset();
  std::size_t calls = 0;
  std::mutex m;
  auto counting = [&](const Cell& c) {
    std::lock_guard lock(m);
    ++calls;
    return fake(c);
  };
  const auto s = run(cells, counting, store, {2, nullptr, 0, 1});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->skipped, kept);
  EXPECT_EQ(calls, cells.size() - kept);
  EXPECT_EQ(store.saved.size(), cells.size());
}

TEST(Run, SharesSplitTheCellsAndProgressReachesTheTotal) {
  const auto cells = *expand(config());
  MemoryStore store;
  Progress last;
  RunOptions o;
  o.threads = 2;
  o.progress = [&](const Progress& p) { last = p; };
  std::size_t total = 0;
  for (std::size_t part = 0; part < 3; ++part) {
    o.part = part;
    o.ways = 3;
    const auto s = run(cells, fake, store, o);
    ASSERT_TRUE(s);
    total += s->cells;
    EXPECT_EQ(last.done, last.total);
  }
  EXPECT_EQ(total, cells.size());
  EXPECT_EQ(store.saved.size(), cells.size());
}

}  // namespace
}  // namespace caravan::sweep

#include "sweep/report.h"

namespace caravan::sweep {
namespace {

Record rec(std::size_t cell, int month, std::string scenario, std::string label, double cost,
           double days, std::size_t rank = 1) {
  Record r;
  r.cell.index = cell;
  r.cell.origin = "A";
  r.cell.destination = "B";
  r.cell.month = month;
  r.cell.scenario = std::move(scenario);
  r.status = "ok";
  RouteRow row;
  row.rank = rank;
  row.label = std::move(label);
  row.summary = row.label;
  row.cost_usd = cost;
  row.days = days;
  r.route = row;
  return r;
}

// What crosses between MPI ranks comes back equal, every prefix of it is refused, and garbage is
// refused rather than read.
TEST(Encode, ACellResultRoundTripsAndTruncationIsAnError) {
  CellResult r;
  RouteRow a;
  a.rank = 1;
  a.label = "Middle Corridor";
  a.summary = "Stepnogorsk > Aktau ~ Alat > Poti";
  a.countries = "KZ>AZ>GE";
  a.cost_usd = 123456.75;
  a.days = 31.25;
  a.co2_t = 7.5;
  a.risk = 0.747;
  a.km = 9876.5;
  a.p50_days = 30.0;
  a.on_time = 0.41;
  RouteRow b = a;
  b.rank = 2;
  b.label = "";
  b.landed_cost_usd = 1e6;
  b.p50_days.reset();
  r.rows = {a, b};
  r.error = "";
  const auto bytes = encode(r);
  auto back = decode(bytes);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->rows.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto &x = r.rows[i], &y = back->rows[i];
    EXPECT_EQ(x.rank, y.rank);
    EXPECT_EQ(x.label, y.label);
    EXPECT_EQ(x.summary, y.summary);
    EXPECT_EQ(x.countries, y.countries);
    EXPECT_EQ(x.cost_usd, y.cost_usd);
    EXPECT_EQ(x.days, y.days);
    EXPECT_EQ(x.co2_t, y.co2_t);
    EXPECT_EQ(x.risk, y.risk);
    EXPECT_EQ(x.km, y.km);
    EXPECT_EQ(x.landed_cost_usd, y.landed_cost_usd);
    EXPECT_EQ(x.p50_days, y.p50_days);
    EXPECT_EQ(x.p90_days, y.p90_days);
    EXPECT_EQ(x.on_time, y.on_time);
  }
  CellResult failed;
  failed.error = "unknown place 'Atlantis'";
  auto f = decode(encode(failed));
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->rows.empty());
  EXPECT_EQ(f->error, failed.error);
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(decode(std::string_view(bytes).substr(0, n))) << n;
  EXPECT_FALSE(decode(bytes + "x"));
  EXPECT_FALSE(decode(std::string(64, '\xff')));
}

TEST(Summarize, CorridorsByMonthWinsAndScenarioEffects) {
  std::vector<Record> rs = {rec(0, 1, "baseline", "Middle Corridor", 100, 20),
                            rec(0, 1, "baseline", "China", 120, 15, 2),
                            rec(1, 7, "baseline", "China", 90, 14),
                            rec(1, 7, "baseline", "Middle Corridor", 110, 19, 2),
                            rec(2, 1, "suez-closed", "Middle Corridor", 110, 22),
                            rec(3, 7, "suez-closed", "China", 90, 14)};
  Record failed;
  failed.cell.index = 4;
  failed.status = "failed";
  failed.error = "no route";
  rs.push_back(failed);
  const auto s = summarize(rs);
  EXPECT_EQ(s.cells, 5U);
  EXPECT_EQ(s.failed, 1U);
  ASSERT_EQ(s.wins.size(), 2U);
  EXPECT_EQ(s.wins[0].cells, 2U);  // each corridor wins two of the four cells with a route
  EXPECT_DOUBLE_EQ(s.wins[0].share, 0.5);
  ASSERT_EQ(s.by_month.size(), 4U);  // baseline routes only: 2 corridors x 2 months
  ASSERT_EQ(s.scenarios.size(), 1U);
  EXPECT_EQ(s.scenarios[0].pairs, 2U);
  EXPECT_NEAR(s.scenarios[0].mean_cost_change, (0.1 + 0.0) / 2, 1e-12);
  EXPECT_EQ(s.scenarios[0].route_changed, 0U);
}

}  // namespace
}  // namespace caravan::sweep
