// Expanding and running a sweep (see sweep.h).
#include "sweep/sweep.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/hash.h"

namespace caravan::sweep {
namespace {

template <class T>
std::vector<T> or_default(const std::vector<T>& v) {
  return v.empty() ? std::vector<T>{T{}} : v;
}

// encode/decode: counts and lengths as 4 little-endian bytes, numbers as 8 (the machine's
// doubles: the ranks of one MPI job share an architecture), an optional as a 0/1 byte first.
void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_f64(std::string& s, double v) {
  char b[8];
  std::memcpy(b, &v, 8);
  s.append(b, 8);
}
void put_str(std::string& s, const std::string& v) {
  put_u32(s, static_cast<std::uint32_t>(v.size()));
  s += v;
}
void put_opt(std::string& s, const std::optional<double>& v) {
  s.push_back(v ? 1 : 0);
  if (v) put_f64(s, *v);
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool u32(std::uint32_t& v) {
    if (b_.size() - at_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b_[at_ + i])) << (8 * i);
    at_ += 4;
    return true;
  }
  bool f64(double& v) {
    if (b_.size() - at_ < 8) return false;
    std::memcpy(&v, b_.data() + at_, 8);
    at_ += 8;
    return true;
  }
  bool str(std::string& v) {
    std::uint32_t n = 0;
    if (!u32(n) || b_.size() - at_ < n) return false;
    v.assign(b_.substr(at_, n));
    at_ += n;
    return true;
  }
  bool opt(std::optional<double>& v) {
    if (at_ >= b_.size() || static_cast<unsigned char>(b_[at_]) > 1) return false;
    const bool has = b_[at_++] == 1;
    if (!has) return v.reset(), true;
    double x = 0;
    if (!f64(x)) return false;
    v = x;
    return true;
  }
  bool at_end() const { return at_ == b_.size(); }

 private:
  std::string_view b_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode(const CellResult& r) {
  std::string s;
  put_u32(s, static_cast<std::uint32_t>(r.rows.size()));
  for (const auto& row : r.rows) {
    put_u32(s, static_cast<std::uint32_t>(row.rank));
    put_str(s, row.label);
    put_str(s, row.summary);
    put_str(s, row.countries);
    for (double v : {row.cost_usd, row.days, row.co2_t, row.risk, row.km}) put_f64(s, v);
    for (const auto* o : {&row.landed_cost_usd, &row.p50_days, &row.p90_days, &row.on_time})
      put_opt(s, *o);
  }
  put_str(s, r.error);
  return s;
}

Result<CellResult> decode(std::string_view bytes) {
  auto bad = [] {
    return make_error(ErrorCode::InvalidData, "a cell's result arrived truncated or garbled",
                      "result");
  };
  Reader in(bytes);
  CellResult r;
  std::uint32_t n = 0;
  if (!in.u32(n) || n > bytes.size()) return bad();
  r.rows.resize(n);
  for (auto& row : r.rows) {
    std::uint32_t rank = 0;
    if (!in.u32(rank) || !in.str(row.label) || !in.str(row.summary) || !in.str(row.countries))
      return bad();
    row.rank = rank;
    for (double* v : {&row.cost_usd, &row.days, &row.co2_t, &row.risk, &row.km})
      if (!in.f64(*v)) return bad();
    for (auto* o : {&row.landed_cost_usd, &row.p50_days, &row.p90_days, &row.on_time})
      if (!in.opt(*o)) return bad();
  }
  if (!in.str(r.error) || !in.at_end()) return bad();
  return r;
}

std::string Cell::key() const {
  char t[64];
  std::snprintf(t, sizeof t, "%.9g", tonnes);
  return origin + "|" + destination + "|" + commodity + "|" + t + "|" + std::to_string(month) +
         "|" + depart + "|" + scenario + "|" + objective;
}

Result<std::vector<Cell>> expand(const SweepConfig& c) {
  std::vector<Cell> cells;
  if (!c.listed.empty()) {
    cells = c.listed;
  } else {
    const auto& a = c.axes;
    if (a.origins.empty() || a.destinations.empty())
      return make_error(ErrorCode::InvalidRequest, "a sweep needs origins and destinations",
                        "origins");
    if (!a.months.empty() && !a.departs.empty())
      return make_error(ErrorCode::InvalidRequest, "give months or dates, not both", "months");
    std::size_t n = 1;
    for (std::size_t k :
         {a.origins.size(), a.destinations.size(), or_default(a.commodities).size(),
          or_default(a.tonnes).size(), or_default(a.months).size(), or_default(a.departs).size(),
          or_default(a.scenarios).size(), or_default(a.objectives).size()})
      n *= k;
    if (n > 1000000)
      return make_error(ErrorCode::LimitExceeded,
                        "the sweep has " + std::to_string(n) + " cells (at most 1,000,000)",
                        "cells");
    for (const auto& o : a.origins)
      for (const auto& d : a.destinations)
        for (const auto& com : or_default(a.commodities))
          for (double t : or_default(a.tonnes))
            for (int m : or_default(a.months))
              for (const auto& dep : or_default(a.departs))
                for (const auto& s : or_default(a.scenarios))
                  for (const auto& obj : or_default(a.objectives)) {
                    Cell cell;
                    cell.origin = o;
                    cell.destination = d;
                    cell.commodity = com;
                    cell.tonnes = t;
                    cell.month = m;
                    cell.depart = dep;
                    cell.scenario = s;
                    cell.objective = obj;
                    cells.push_back(std::move(cell));
                  }
  }
  std::set<std::string> keys;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    cells[i].index = i;
    cells[i].seed = mix64(c.seed ^ mix64(fnv1a(cells[i].key()))) >> 1;  // positive as a signed 64
    if (!keys.insert(cells[i].key()).second)
      return make_error(
          ErrorCode::InvalidRequest,
          "cell " + std::to_string(i) + " repeats an earlier cell (" + cells[i].key() + ")",
          "cells");
  }
  return cells;
}

Result<RunSummary> run(const std::vector<Cell>& cells, const CellRunner& runner, Store& store,
                       const RunOptions& o) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  CARAVAN_TRY(done, store.done());
  std::vector<const Cell*> todo;
  RunSummary summary;
  for (const auto& c : cells) {
    if (o.ways > 1 && c.index % o.ways != o.part) continue;
    ++summary.cells;
    if (done.contains(c.index))
      ++summary.skipped;
    else
      todo.push_back(&c);
  }
  std::atomic<std::size_t> next{0}, finished{0}, failed{0};
  std::mutex save_mutex, progress_mutex;
  std::optional<Error> store_error;
  auto last_report = Clock::now();
  auto report = [&](bool final) {
    if (!o.progress) return;
    std::lock_guard lock(progress_mutex);
    const auto now = Clock::now();
    if (!final && now - last_report < std::chrono::milliseconds(500)) return;
    last_report = now;
    Progress p;
    p.done = summary.skipped + finished.load();
    p.total = summary.cells;
    p.failed = failed.load();
    p.seconds = std::chrono::duration<double>(now - start).count();
    p.per_second = p.seconds > 0 ? static_cast<double>(finished.load()) / p.seconds : 0;
    p.seconds_left = p.per_second > 0 ? static_cast<double>(p.total - p.done) / p.per_second : 0;
    o.progress(p);
  };
  auto work = [&] {
    for (;;) {
      {
        std::lock_guard lock(save_mutex);
        if (store_error) return;
      }
      const std::size_t i = next.fetch_add(1);
      if (i >= todo.size()) return;
      CellResult r = runner(*todo[i]);
      {
        std::lock_guard lock(save_mutex);
        if (store_error) return;
        if (auto s = store.save(*todo[i], r); !s) {
          store_error = s.error();
          return;
        }
      }
      failed += !r.error.empty();
      ++finished;
      report(false);
    }
  };
  unsigned n = o.threads != 0 ? o.threads : std::max(1U, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, todo.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  report(true);
  if (store_error) return *store_error;
  summary.ran = finished.load();
  summary.failed = failed.load();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace caravan::sweep
