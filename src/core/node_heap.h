// A 4-ary min-heap of node ids keyed by a double, with decrease-key (a position per node): the
// priority queue of the Dijkstra searches in route and assign.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace caravan {

class NodeHeap {
 public:
  explicit NodeHeap(std::size_t n) : pos_(n, kAbsent) {}
  bool empty() const { return heap_.empty(); }
  std::size_t capacity() const { return pos_.size(); }  // the number of node ids it takes
  // Empties the heap (after a search stopped early).
  void clear() {
    for (const Entry& e : heap_) pos_[e.node] = kAbsent;
    heap_.clear();
  }
  void push_or_decrease(std::uint32_t v, double key) {
    std::size_t i;
    if (pos_[v] == kAbsent) {
      i = heap_.size();
      heap_.push_back({key, v});
    } else {
      i = pos_[v];
      heap_[i].key = key;
    }
    sift_up(i);
  }
  // Inserts v, or lowers its key when `key` is smaller than the one it has.
  void push_or_decrease_if_less(std::uint32_t v, double key) {
    if (pos_[v] != kAbsent && heap_[pos_[v]].key <= key) return;
    push_or_decrease(v, key);
  }
  std::pair<double, std::uint32_t> pop() {
    const Entry top = heap_.front();
    pos_[top.node] = kAbsent;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_.front() = last;
      pos_[last.node] = 0;
      sift_down(0);
    }
    return {top.key, top.node};
  }

 private:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  struct Entry {
    double key;
    std::uint32_t node;
  };
  void sift_up(std::size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (heap_[parent].key <= e.key) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i].node] = static_cast<std::uint32_t>(i);
      i = parent;
    }
    heap_[i] = e;
    pos_[e.node] = static_cast<std::uint32_t>(i);
  }
  void sift_down(std::size_t i) {
    const Entry e = heap_[i];
    const std::size_t n = heap_.size();
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      // The smallest child, its key kept in a register; a fixed count of 4 in the common case
      // lets the compiler select without branches.
      std::size_t best = first;
      double best_key = heap_[first].key;
      const std::size_t count = std::min<std::size_t>(4, n - first);
      if (count == 4) {
        for (std::size_t c = 1; c < 4; ++c) {
          const double k = heap_[first + c].key;
          if (k < best_key) {
            best = first + c;
            best_key = k;
          }
        }
      } else {
        for (std::size_t c = 1; c < count; ++c) {
          const double k = heap_[first + c].key;
          if (k < best_key) {
            best = first + c;
            best_key = k;
          }
        }
      }
      if (best_key >= e.key) break;
      heap_[i] = heap_[best];
      pos_[heap_[i].node] = static_cast<std::uint32_t>(i);
      i = best;
    }
    heap_[i] = e;
    pos_[e.node] = static_cast<std::uint32_t>(i);
  }
  std::vector<Entry> heap_;
  std::vector<std::uint32_t> pos_;
};

}  // namespace caravan
