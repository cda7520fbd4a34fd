// A sweep: the product (or a listed set) of shipment axes, each cell with a random stream that
// depends only on the seed and the cell, run by a pool of workers with progress, every result
// saved as it comes so that a killed sweep resumes with only the missing cells.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::sweep {

// One study: its cells are the cartesian product of the axes (an empty axis is one "default"
// value), or `listed` when given.
struct Cell {
  std::size_t index = 0;
  std::string origin, destination, commodity, scenario, objective, depart;
  double tonnes = 0;  // 0: the feature's default
  int month = 0;      // 0: none (or given by depart)
  std::uint64_t seed = 0;
  // A stable identity: the same cell has the same key whatever the order or the number of
  // workers (it also keys the random stream).
  std::string key() const;
};

struct Axes {
  std::vector<std::string> origins, destinations, commodities, scenarios, objectives, departs;
  std::vector<double> tonnes;
  std::vector<int> months;
};

struct SweepConfig {
  Axes axes;
  std::vector<Cell> listed;  // instead of the product when not empty
  std::uint64_t seed = 1;
};

// The cells, numbered; each cell's seed = a hash of the sweep's seed and the cell's key.
Result<std::vector<Cell>> expand(const SweepConfig& config);

// One route of a cell's answer.
struct RouteRow {
  std::size_t rank = 0;  // 1 = best
  std::string label;     // corridor or alternative
  std::string summary, countries;
  double cost_usd = 0, days = 0, co2_t = 0, risk = 0, km = 0;
  std::optional<double> landed_cost_usd, p50_days, p90_days, on_time;
};

// A stored row: a cell and one of its routes (no route: the cell's error).
struct Record {
  Cell cell;
  std::string status;  // ok | failed
  std::string error;
  std::optional<RouteRow> route;
};

struct CellResult {
  std::vector<RouteRow> rows;
  std::string error;  // the cell failed (bad input, a limit hit): why; the sweep goes on
};

// A cell's result as bytes, to carry it between processes (cluster/): decode(encode(r)) == r; a
// truncated or foreign byte string is an error, never a crash.
std::string encode(const CellResult& result);
Result<CellResult> decode(std::string_view bytes);

// Runs one cell (given by the edge: the api turns a cell into a feature request).
using CellRunner = std::function<CellResult(const Cell&)>;

// Where results go as they come; what is already there is not run again.
class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::set<std::size_t>> done() = 0;  // cells with a saved result
  virtual Status save(const Cell& cell, const CellResult& result) = 0;
};

struct Progress {
  std::size_t done = 0, total = 0, failed = 0;
  double seconds = 0, per_second = 0, seconds_left = 0;
};

struct RunOptions {
  unsigned threads = 0;  // 0: every core
  // Called from one thread at a time, about twice a second and at the end.
  std::function<void(const Progress&)> progress;
  // Only the cells with index % ways == part (a share of the work for one process).
  std::size_t part = 0, ways = 1;
};

struct RunSummary {
  std::size_t cells = 0, skipped = 0, ran = 0, failed = 0;
  double seconds = 0;
};

// Runs the cells not already in the store; a store error stops the sweep (what was saved stays).
Result<RunSummary> run(const std::vector<Cell>& cells, const CellRunner& runner, Store& store,
                       const RunOptions& options);

}  // namespace caravan::sweep
