// NodeHeap and the fixed-share workers, checked against plain sorting and sequential loops.
#include "core/node_heap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <vector>

#include "core/parallel.h"

namespace caravan {
namespace {

TEST(NodeHeap, PopsInKeyOrderWithDecreaseKeyAndClear) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0.0, 100.0);
  for (int round = 0; round < 50; ++round) {
    const std::size_t n = 1 + rng() % 200;
    NodeHeap heap(n);
    std::vector<double> key(n);
    for (std::uint32_t v = 0; v < n; ++v) heap.push_or_decrease(v, key[v] = u(rng));
    for (int k = 0; k < 100; ++k) {  // decrease some keys
      const std::uint32_t v = static_cast<std::uint32_t>(rng() % n);
      key[v] *= 0.5;
      heap.push_or_decrease(v, key[v]);
    }
    std::vector<double> popped;
    while (!heap.empty()) {
      const auto [k, v] = heap.pop();
      EXPECT_EQ(k, key[v]);
      popped.push_back(k);
    }
    std::sort(key.begin(), key.end());
    EXPECT_EQ(popped, key);
    // A heap cleared part-way takes every node again.
    for (std::uint32_t v = 0; v < n; ++v) heap.push_or_decrease(v, static_cast<double>(v));
    heap.pop();
    heap.clear();
    EXPECT_TRUE(heap.empty());
    for (std::uint32_t v = 0; v < n; ++v) heap.push_or_decrease(v, 1.0);
    std::size_t count = 0;
    while (!heap.empty()) heap.pop(), ++count;
    EXPECT_EQ(count, n);
  }
}

TEST(Parallel, WorkerBlocksCoverEveryItemOnce) {
  for (int workers : {1, 2, 3, 7}) {
    for (std::size_t n : {0u, 1u, 5u, 100u}) {
      std::vector<std::atomic<int>> seen(n);
      run_workers(workers, [&](int w) {
        const auto [begin, end] = worker_block(n, w, workers);
        for (std::size_t i = begin; i < end; ++i) ++seen[i];
      });
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i], 1) << workers << " " << n;
    }
  }
  EXPECT_EQ(worker_count(3), 3);
  EXPECT_GE(worker_count(0), 1);
}

}  // namespace
}  // namespace caravan
