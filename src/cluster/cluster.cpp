// The MPI dealer and its workers (see cluster.h). Only each rank's main thread calls MPI
// (MPI_THREAD_FUNNELED); cells run on worker threads and hand their results to it.
#include "cluster/cluster.h"

#include <mpi.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace caravan::cluster {
namespace {

using Clock = std::chrono::steady_clock;

// Messages: a worker asks for cells (kWant, how many), returns a result (kResult: the cell's index
// and its encoded rows; it also asks for the next cell) and beats while it works (kBeat); rank 0
// answers a beat with a beat, deals a cell (kCell: its index and key, which the worker checks
// against its own expansion of the configuration) or says there are no more (kStop).
enum Tag : int { kWant = 11, kResult = 12, kBeat = 13, kCell = 14, kStop = 15, kEnd = 16 };
// Finally rank 0 tells every rank still there that the sweep is over (kEnd), and whether a rank
// was lost: MPI_Finalize waits for every rank, the dead one too, so then no rank calls it (the
// processes just exit; mpirun reports that, and the job ends).

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string u64(std::uint64_t v) {
  std::string s(8, '\0');
  std::memcpy(s.data(), &v, 8);
  return s;
}
std::uint64_t read_u64(const std::string& s) {
  std::uint64_t v = 0;
  if (s.size() >= 8) std::memcpy(&v, s.data(), 8);
  return v;
}

void send(int to, int tag, const std::string& bytes) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

// A message waiting for this rank, if any (non-blocking).
struct Message {
  int from = 0, tag = 0;
  std::string bytes;
};
std::optional<Message> poll() {
  int flag = 0;
  MPI_Status st;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  if (!flag) return std::nullopt;
  int n = 0;
  MPI_Get_count(&st, MPI_BYTE, &n);
  Message m{st.MPI_SOURCE, st.MPI_TAG, std::string(static_cast<std::size_t>(n), '\0')};
  MPI_Recv(m.bytes.data(), n, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return m;
}

void nap() { std::this_thread::sleep_for(std::chrono::microseconds(500)); }

// Cells a rank keeps in hand per thread: one running and one waiting, so that a thread never
// idles while the main thread (which naps between polls) hands it the next.
constexpr unsigned kDepth = 2;

// Cells run on `threads` threads; the main thread hands them cells and collects results.
class Workers {
 public:
  Workers(const std::vector<sweep::Cell>& cells, const sweep::CellRunner& runner, unsigned n)
      : cells_(cells), runner_(runner) {
    for (unsigned i = 0; i < std::max(1U, n); ++i) threads_.emplace_back([this] { loop(); });
  }
  ~Workers() {
    {
      std::lock_guard l(m_);
      closing_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void give(std::size_t cell) {
    {
      std::lock_guard l(m_);
      todo_.push_back(cell);
    }
    cv_.notify_one();
  }
  std::vector<std::pair<std::size_t, sweep::CellResult>> take() {
    std::lock_guard l(m_);
    return std::exchange(done_, {});
  }

 private:
  void loop() {
    for (;;) {
      std::size_t cell = 0;
      {
        std::unique_lock l(m_);
        cv_.wait(l, [&] { return closing_ || !todo_.empty(); });
        if (todo_.empty()) return;
        cell = todo_.front();
        todo_.pop_front();
      }
      sweep::CellResult r;
      try {
        r = runner_(cells_[cell]);
      } catch (const std::exception& e) {  // a cell never stops the sweep
        r.error = std::string("internal error: ") + e.what();
      }
      std::lock_guard l(m_);
      done_.emplace_back(cell, std::move(r));
    }
  }
  const std::vector<sweep::Cell>& cells_;
  const sweep::CellRunner& runner_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::size_t> todo_;
  std::vector<std::pair<std::size_t, sweep::CellResult>> done_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

// Rank 0: deals, runs its share, saves.
Result<Outcome> coordinate(int ranks, const std::vector<sweep::Cell>& cells,
                           const sweep::CellRunner& runner,
                           const std::function<Result<sweep::Store*>()>& open_store,
                           const Options& o) {
  const auto start = Clock::now();
  Outcome out;
  out.ranks = ranks;
  out.per_rank.assign(static_cast<std::size_t>(ranks), 0);
  std::optional<Error> error;
  sweep::Store* store = nullptr;
  std::deque<std::size_t> todo;
  if (auto s = open_store(); !s) {
    error = s.error();
  } else if (auto done = (*s)->done(); !done) {
    error = done.error();
  } else {
    store = *s;
    for (const auto& c : cells) {
      ++out.summary.cells;
      if (done->contains(c.index))
        ++out.summary.skipped;
      else
        todo.push_back(c.index);
    }
  }
  // Per remote rank: the cells it holds, when it was last heard, whether it was told to stop.
  std::vector<std::set<std::size_t>> held(static_cast<std::size_t>(ranks));
  std::vector<Clock::time_point> heard(static_cast<std::size_t>(ranks), Clock::now());
  std::vector<bool> stopped(static_cast<std::size_t>(ranks), false),
      lost(static_cast<std::size_t>(ranks), false);
  std::size_t finished = 0, failed = 0;
  auto save = [&](std::size_t cell, const sweep::CellResult& r, int rank) {
    if (error) return;
    if (auto s = store->save(cells[cell], r); !s) {
      error = s.error();
      todo.clear();  // a store error ends the sweep (what was saved stays)
      return;
    }
    ++finished;
    failed += !r.error.empty();
    ++out.per_rank[static_cast<std::size_t>(rank)];
  };
  auto deal = [&](int to) {
    const auto r = static_cast<std::size_t>(to);
    if (todo.empty()) {
      if (!stopped[r]) send(to, kStop, {});
      stopped[r] = true;
      return;
    }
    const std::size_t cell = todo.front();
    todo.pop_front();
    held[r].insert(cell);
    send(to, kCell, u64(cell) + cells[cell].key());
  };
  Workers local(cells, runner, o.threads);
  std::size_t local_held = 0;
  for (; local_held < kDepth * o.threads && !todo.empty(); ++local_held) {
    local.give(todo.front());
    todo.pop_front();
  }
  auto last_report = Clock::now() - std::chrono::seconds(10);
  auto report = [&](bool final) {
    if (!o.progress || (!final && since(last_report) < 0.5)) return;
    last_report = Clock::now();
    sweep::Progress p;
    p.done = out.summary.skipped + finished;
    p.total = out.summary.cells;
    p.failed = failed;
    p.seconds = since(start);
    p.per_second = p.seconds > 0 ? static_cast<double>(finished) / p.seconds : 0;
    p.seconds_left = p.per_second > 0 ? static_cast<double>(p.total - p.done) / p.per_second : 0;
    o.progress(p);
  };
  for (;;) {
    bool busy = false;
    for (auto& [cell, r] : local.take()) {
      busy = true;
      --local_held;
      save(cell, r, 0);
      if (!todo.empty()) {
        local.give(todo.front());
        todo.pop_front();
        ++local_held;
      }
    }
    while (auto m = poll()) {
      busy = true;
      const auto r = static_cast<std::size_t>(m->from);
      heard[r] = Clock::now();
      if (lost[r]) continue;  // given up on: its cells are reported missing
      if (m->tag == kBeat) {
        send(m->from, kBeat, {});  // so that the rank knows rank 0 is there
      } else if (m->tag == kWant) {
        const auto n = read_u64(m->bytes);
        for (std::uint64_t i = 0; i < n && !stopped[r]; ++i) deal(m->from);
      } else if (m->tag == kResult) {
        const auto cell = read_u64(m->bytes);
        if (!held[r].erase(cell)) continue;  // not a cell it holds: ignore
        auto decoded = sweep::decode(std::string_view(m->bytes).substr(8));
        sweep::CellResult result;
        if (decoded)
          result = std::move(*decoded);
        else
          result.error = "rank " + std::to_string(m->from) + ": " + decoded.error().message;
        save(cell, result, m->from);
        deal(m->from);
      }
    }
    for (int q = 1; q < ranks; ++q) {
      const auto r = static_cast<std::size_t>(q);
      if (lost[r] || (stopped[r] && held[r].empty())) continue;
      if (since(heard[r]) > o.rank_timeout_seconds) {
        lost[r] = true;
        out.lost_ranks.push_back(q);
        out.missing.insert(out.missing.end(), held[r].begin(), held[r].end());
        held[r].clear();
        if (o.progress)
          std::cerr << "sweep: rank " << q << " silent for "
                    << static_cast<int>(o.rank_timeout_seconds) << " s: lost\n";
      }
    }
    report(false);
    bool remote_done = true;
    for (int q = 1; q < ranks; ++q) {
      const auto r = static_cast<std::size_t>(q);
      remote_done = remote_done && (lost[r] || (stopped[r] && held[r].empty()));
    }
    if (todo.empty() && local_held == 0 && remote_done) break;
    if (!busy) nap();
  }
  report(true);
  for (int q = 1; q < ranks; ++q)
    if (!lost[static_cast<std::size_t>(q)]) send(q, kEnd, out.lost_ranks.empty() ? "0" : "1");
  std::sort(out.missing.begin(), out.missing.end());
  if (error) return *error;
  out.summary.ran = finished;
  out.summary.failed = failed;
  out.summary.seconds = since(start);
  return out;
}

// Another rank: ask for cells, run them, send the rows back; beat while working.
Result<Outcome> work(int rank, int ranks, const std::vector<sweep::Cell>& cells,
                     const sweep::CellRunner& runner, const Options& o) {
  const auto start = Clock::now();
  Outcome out;
  out.rank = rank;
  out.ranks = ranks;
  Workers local(cells, runner, o.threads);
  send(0, kWant, u64(kDepth * o.threads));
  std::size_t held = 0;
  bool stopped = false, ended = false;
  auto heard = Clock::now(), beat = Clock::now();
  for (;;) {
    bool busy = false;
    for (auto& [cell, r] : local.take()) {
      busy = true;
      --held;
      ++out.summary.ran;
      out.summary.failed += !r.error.empty();
      send(0, kResult, u64(cell) + sweep::encode(r));
    }
    while (auto m = poll()) {
      busy = true;
      heard = Clock::now();
      if (m->tag == kStop) {
        stopped = true;
      } else if (m->tag == kEnd) {
        ended = true;
        out.lost_ranks = m->bytes == "1" ? std::vector<int>{-1} : std::vector<int>{};
      } else if (m->tag == kCell) {
        const auto cell = read_u64(m->bytes);
        const auto key = m->bytes.substr(std::min<std::size_t>(8, m->bytes.size()));
        ++held;
        if (cell >= cells.size() || cells[cell].key() != key) {
          // This rank read another configuration: say so for that cell rather than run another.
          sweep::CellResult r;
          r.error = "rank " + std::to_string(rank) +
                    " expanded a different sweep (another configuration file?)";
          --held;
          send(0, kResult, u64(cell) + sweep::encode(r));
          continue;
        }
        local.give(cell);
      }
    }
    if (stopped && held == 0 && ended) break;
    if (since(beat) > 0.5) {
      send(0, kBeat, {});
      beat = Clock::now();
    }
    // Rank 0 answers every request and beat at once: silence means it has gone, or has given
    // this rank up and finished without it. Leave rather than hang.
    if (since(heard) > o.rank_timeout_seconds)  // (then run() skips MPI_Finalize)
      return make_error(ErrorCode::Unavailable,
                        "rank " + std::to_string(rank) + ": rank 0 stopped answering", "mpi");
    if (!busy) nap();
  }
  out.summary.cells = out.summary.ran;
  out.summary.seconds = since(start);
  return out;
}

}  // namespace

bool launched() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (const char* e = std::getenv(v); e && *e) return true;
  return false;
}

Result<Outcome> run(const std::vector<sweep::Cell>& cells, const sweep::CellRunner& runner,
                    const std::function<Result<sweep::Store*>()>& open_store, const Options& o) {
  // MPI_Init waits for every rank of the launch: one lost before it got there (killed, its
  // machine gone) would hold the others forever. A watchdog ends this process instead, with the
  // error table's code for "unavailable"; nothing has run, so a rerun does every cell.
  std::mutex m;
  std::condition_variable cv;
  bool started = false;
  std::thread watchdog([&] {
    std::unique_lock l(m);
    if (cv.wait_for(l, std::chrono::duration<double>(o.rank_timeout_seconds),
                    [&] { return started; }))
      return;
    std::cerr << "error: MPI did not start within " << o.rank_timeout_seconds
              << " s (a rank lost at launch?); no cell has run\n";
    std::_Exit(9);
  });
  int provided = 0;
  const int init = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  {
    std::lock_guard l(m);
    started = true;
  }
  cv.notify_all();
  watchdog.join();
  if (init != MPI_SUCCESS) return make_error(ErrorCode::Unavailable, "MPI could not start", "mpi");
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);  // a lost peer is not an abort
  auto out = rank == 0 ? coordinate(ranks, cells, runner, open_store, o)
                       : work(rank, ranks, cells, runner, o);
  if (out) out->rank = rank;
  // A rank was lost (or this rank does not know): MPI_Finalize would wait for it forever.
  if (out && out->lost_ranks.empty()) MPI_Finalize();
  return out;
}

}  // namespace caravan::cluster
