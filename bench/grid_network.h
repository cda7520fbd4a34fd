// A synthetic grid-like rail network for the large-graph benchmarks: side x side locations on one
// layer (rail 1520), each joined to its right and lower neighbour by a two-way link of random
// length. Every location has one layer, so it expands to two graph nodes (arrival + departure):
// side 707 gives 499,849 locations, 999,698 nodes and about 2.5 million arcs. Deterministic in
// `seed`.
#pragma once
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "network/network.h"

namespace caravan::bench {

// With td_fraction > 0, that fraction of links is closed in one random month, and as many get a
// month-dependent wait (12, 24, 36 hours in January to March, 2 hours otherwise).
network::Tables grid_tables(int side, std::uint32_t seed, double td_fraction = 0.0);

// `count` random origin/destination pairs of distinct locations, deterministic in `seed`.
std::vector<std::pair<LocationId, LocationId>> random_pairs(std::size_t locations, int count,
                                                            std::uint32_t seed);

// The counters of a paired benchmark: the mean time of one query of each side (ms) over
// `pairs` queries per iteration, and the ratio a / b.
inline void pair_counters(benchmark::State& state, int pairs, const std::string& a_name, double a,
                          const std::string& b_name, double b) {
  const double queries = static_cast<double>(state.iterations()) * pairs;
  state.counters[a_name] = a / queries * 1e3;
  state.counters[b_name] = b / queries * 1e3;
  state.counters["ratio"] = a / b;
}

}  // namespace caravan::bench
