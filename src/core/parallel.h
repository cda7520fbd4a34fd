// A fixed set of workers for data-parallel loops: worker w of n takes a fixed share, so the
// result does not depend on timing. Used by the Monte Carlo and the assignment.
#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace caravan {

// Workers to use for `requested`: itself when positive, else the machine's hardware threads.
inline int worker_count(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Runs fn(worker) for worker in [0, workers), worker 0 on the calling thread, and waits for all.
template <class F>
void run_workers(int workers, F&& fn) {
  if (workers <= 1) {
    fn(0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back([&fn, w] { fn(w); });
  fn(0);
  for (auto& t : pool) t.join();
}

// The contiguous block [begin, end) of `n` items that worker w of `workers` takes.
inline std::pair<std::size_t, std::size_t> worker_block(std::size_t n, int w, int workers) {
  const std::size_t k = static_cast<std::size_t>(workers);
  const std::size_t i = static_cast<std::size_t>(w);
  return {n * i / k, n * (i + 1) / k};
}

}  // namespace caravan
