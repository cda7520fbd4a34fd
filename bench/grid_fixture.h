// The large synthetic network shared by the grid benchmark and the profiling driver: the grid
// network built once, the arc weights computed once, one compiled query (route::Prepared) per
// origin/destination pair, and the same graph as a Boost compressed_sparse_row_graph whose edge i
// is arc i of network::Graph, weighted by the very same Prepared::scalar array.
#pragma once
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cost/cost_model.h"
#include "network/network.h"
#include "route/search.h"

namespace caravan::bench {

using BoostGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

struct Grid {
  int side = 0;
  std::unique_ptr<network::Network> net;
  cost::Shipment shipment;
  std::vector<cost::ArcWeights> weights;  // weigh_all, once
  std::vector<std::pair<LocationId, LocationId>> pairs;
  std::vector<route::Prepared>
      prepared;  // per pair (their `weights` moved back out: unused by best_path)
  std::vector<std::uint32_t> source,
      target;  // per pair: departure node at the origin, arrival node at the destination
  BoostGraph boost;
  double build_seconds = 0.0, weigh_seconds = 0.0;
};

// Builds the grid of side x side locations with `pairs` random query pairs (fixed seeds). Aborts
// with a message if the network does not build.
std::unique_ptr<Grid> make_grid(int side, int pairs);

// The same query as Prepared p, compiled again (the per-query work of route::prepare); the
// weights are moved in and back out so that no copy of them is timed.
route::Prepared prepare_pair(Grid& grid, std::size_t pair);

// Boost's Dijkstra from grid.source[i]: one-to-all, or stopped when grid.target[i] is settled.
// Returns the distance of the target and adds the number of settled vertices to `settled`.
double boost_dijkstra(const Grid& grid, std::size_t pair, bool stop_at_target,
                      std::size_t& settled);

}  // namespace caravan::bench
