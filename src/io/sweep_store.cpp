// The SQLite results store (see sweep_store.h).
#include "io/sweep_store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/hash.h"
#include "io/sqlite_db.h"

namespace caravan::io {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS sweeps (
  id INTEGER PRIMARY KEY, digest TEXT UNIQUE NOT NULL, config TEXT NOT NULL,
  cells INTEGER NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cells (
  sweep INTEGER NOT NULL REFERENCES sweeps(id), cell INTEGER NOT NULL, key TEXT NOT NULL,
  origin TEXT, destination TEXT, commodity TEXT, tonnes REAL, month INTEGER, depart TEXT,
  scenario TEXT, objective TEXT, seed INTEGER, status TEXT NOT NULL, error TEXT,
  PRIMARY KEY (sweep, cell));
CREATE TABLE IF NOT EXISTS routes (
  sweep INTEGER NOT NULL, cell INTEGER NOT NULL, rank INTEGER NOT NULL, label TEXT,
  summary TEXT, countries TEXT, cost_usd REAL, days REAL, co2_t REAL, risk REAL, km REAL,
  landed_cost_usd REAL, p50_days REAL, p90_days REAL, on_time REAL,
  PRIMARY KEY (sweep, cell, rank));
)sql";

std::string digest_of(const std::string& text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(text)));
  return buf;
}

// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  sqlite3_stmt* get() { return s_; }
  void text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.c_str(), -1, SQLITE_TRANSIENT);
  }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void real(int i, const std::optional<double>& v) {
    if (v)
      sqlite3_bind_double(s_, i, *v);
    else
      sqlite3_bind_null(s_, i);
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}
std::optional<double> column_real(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, i);
}

}  // namespace

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

Status SqliteStore::exec(const std::string& sql) { return exec_sql(db_, path_, sql); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const std::string& config, std::size_t cells,
                                                       bool fresh) {
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = path;
  s->config_ = config;
  CARAVAN_TRY(db, open_store(path, kSchema));
  s->db_ = db;
  const std::string digest = digest_of(config);
  {
    Statement find(s->db_, "SELECT id FROM sweeps WHERE digest = ?");
    find.text(1, digest);
    if (find.ok() && sqlite3_step(find.get()) == SQLITE_ROW)
      s->id_ = sqlite3_column_int64(find.get(), 0);
  }
  if (s->id_ == 0) {
    Statement add(s->db_,
                  "INSERT INTO sweeps (digest, config, cells, created) VALUES (?, ?, ?, ?)");
    add.text(1, digest);
    add.text(2, config);
    add.integer(3, static_cast<std::int64_t>(cells));
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    add.text(4, when);
    if (!add.ok() || sqlite3_step(add.get()) != SQLITE_DONE)
      return make_error(ErrorCode::Io, "results store '" + path + "': " + sqlite3_errmsg(s->db_),
                        "store");
    s->id_ = sqlite3_last_insert_rowid(s->db_);
  } else if (fresh) {
    const auto id = std::to_string(s->id_);
    if (auto e = s->exec("DELETE FROM routes WHERE sweep = " + id +
                         "; DELETE FROM cells WHERE sweep = " + id);
        !e)
      return e.error();
  }
  return s;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open_existing(const std::string& path,
                                                                std::int64_t id) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return make_error(ErrorCode::NotFound, "no results store '" + path + "'", "store");
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = path;
  CARAVAN_TRY(db, open_store(path, kSchema));
  s->db_ = db;
  Statement q(s->db_, id > 0 ? "SELECT id, config FROM sweeps WHERE id = ?"
                             : "SELECT id, config FROM sweeps ORDER BY id DESC LIMIT 1");
  if (id > 0) q.integer(1, id);
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW)
    return make_error(ErrorCode::NotFound,
                      id > 0 ? "no sweep " + std::to_string(id) + " in '" + path + "'"
                             : "no sweep in '" + path + "'",
                      "sweep");
  s->id_ = sqlite3_column_int64(q.get(), 0);
  s->config_ = column_text(q.get(), 1);
  return s;
}

Result<std::set<std::size_t>> SqliteStore::done() {
  Statement q(db_, "SELECT cell FROM cells WHERE sweep = ?");
  if (!q.ok())
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + sqlite3_errmsg(db_),
                      "store");
  q.integer(1, id_);
  std::set<std::size_t> out;
  while (sqlite3_step(q.get()) == SQLITE_ROW)
    out.insert(static_cast<std::size_t>(sqlite3_column_int64(q.get(), 0)));
  return out;
}

Status SqliteStore::save(const sweep::Cell& c, const sweep::CellResult& r) {
  if (auto e = exec("BEGIN IMMEDIATE"); !e) return e;
  auto fail = [&]() -> Status {
    const std::string m = sqlite3_errmsg(db_);
    (void)exec("ROLLBACK");  // the error to report is the first one
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + m, "store");
  };
  {
    Statement del(db_, "DELETE FROM routes WHERE sweep = ? AND cell = ?");
    del.integer(1, id_);
    del.integer(2, static_cast<std::int64_t>(c.index));
    if (!del.ok() || sqlite3_step(del.get()) != SQLITE_DONE) return fail();
  }
  for (const auto& row : r.rows) {
    Statement ins(
        db_,
        "INSERT INTO routes (sweep, cell, rank, label, summary, countries, cost_usd, days, "
        "co2_t, risk, km, landed_cost_usd, p50_days, p90_days, on_time) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.integer(1, id_);
    ins.integer(2, static_cast<std::int64_t>(c.index));
    ins.integer(3, static_cast<std::int64_t>(row.rank));
    ins.text(4, row.label);
    ins.text(5, row.summary);
    ins.text(6, row.countries);
    ins.real(7, row.cost_usd);
    ins.real(8, row.days);
    ins.real(9, row.co2_t);
    ins.real(10, row.risk);
    ins.real(11, row.km);
    ins.real(12, row.landed_cost_usd);
    ins.real(13, row.p50_days);
    ins.real(14, row.p90_days);
    ins.real(15, row.on_time);
    if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) return fail();
  }
  {
    Statement cell(
        db_,
        "INSERT OR REPLACE INTO cells (sweep, cell, key, origin, destination, commodity, "
        "tonnes, month, depart, scenario, objective, seed, status, error) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    cell.integer(1, id_);
    cell.integer(2, static_cast<std::int64_t>(c.index));
    cell.text(3, c.key());
    cell.text(4, c.origin);
    cell.text(5, c.destination);
    cell.text(6, c.commodity);
    cell.real(7, c.tonnes);
    cell.integer(8, c.month);
    cell.text(9, c.depart);
    cell.text(10, c.scenario);
    cell.text(11, c.objective);
    cell.integer(12, static_cast<std::int64_t>(c.seed));
    cell.text(13, r.error.empty() ? "ok" : "failed");
    cell.text(14, r.error);
    if (!cell.ok() || sqlite3_step(cell.get()) != SQLITE_DONE) return fail();
  }
  return exec("COMMIT");
}

Result<std::vector<SweepRecord>> SqliteStore::records() {
  Statement q(db_,
              "SELECT c.cell, c.origin, c.destination, c.commodity, c.tonnes, c.month, c.depart, "
              "c.scenario, c.objective, c.seed, c.status, c.error, r.rank, r.label, r.summary, "
              "r.countries, r.cost_usd, r.days, r.co2_t, r.risk, r.km, r.landed_cost_usd, "
              "r.p50_days, r.p90_days, r.on_time FROM cells c LEFT JOIN routes r ON r.sweep = "
              "c.sweep AND r.cell = c.cell WHERE c.sweep = ? ORDER BY c.cell, r.rank");
  if (!q.ok())
    return make_error(ErrorCode::Io, "results store '" + path_ + "': " + sqlite3_errmsg(db_),
                      "store");
  q.integer(1, id_);
  std::vector<SweepRecord> out;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    auto* s = q.get();
    SweepRecord rec;
    rec.cell.index = static_cast<std::size_t>(sqlite3_column_int64(s, 0));
    rec.cell.origin = column_text(s, 1);
    rec.cell.destination = column_text(s, 2);
    rec.cell.commodity = column_text(s, 3);
    rec.cell.tonnes = sqlite3_column_double(s, 4);
    rec.cell.month = sqlite3_column_int(s, 5);
    rec.cell.depart = column_text(s, 6);
    rec.cell.scenario = column_text(s, 7);
    rec.cell.objective = column_text(s, 8);
    rec.cell.seed = static_cast<std::uint64_t>(sqlite3_column_int64(s, 9));
    rec.status = column_text(s, 10);
    rec.error = column_text(s, 11);
    if (sqlite3_column_type(s, 12) != SQLITE_NULL) {
      sweep::RouteRow r;
      r.rank = static_cast<std::size_t>(sqlite3_column_int64(s, 12));
      r.label = column_text(s, 13);
      r.summary = column_text(s, 14);
      r.countries = column_text(s, 15);
      r.cost_usd = sqlite3_column_double(s, 16);
      r.days = sqlite3_column_double(s, 17);
      r.co2_t = sqlite3_column_double(s, 18);
      r.risk = sqlite3_column_double(s, 19);
      r.km = sqlite3_column_double(s, 20);
      r.landed_cost_usd = column_real(s, 21);
      r.p50_days = column_real(s, 22);
      r.p90_days = column_real(s, 23);
      r.on_time = column_real(s, 24);
      rec.route = r;
    }
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace caravan::io
