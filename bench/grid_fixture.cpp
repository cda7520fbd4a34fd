// Grid fixture: network, weights, compiled queries and the Boost twin of the expanded graph.
#include "grid_fixture.h"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/range/iterator_range.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "cost/shipment.h"
#include "grid_network.h"

namespace caravan::bench {
namespace {

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "grid fixture: %s\n", msg.c_str());
  std::abort();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct TargetReached {};

// Stops Dijkstra when the target is taken off the heap (as route::best_path does).
class StopAt : public boost::default_dijkstra_visitor {
 public:
  StopAt(std::uint32_t target, bool stop, std::size_t* settled)
      : target_(target), stop_(stop), settled_(settled) {}
  void examine_vertex(std::uint32_t v, const BoostGraph&) const {
    ++*settled_;
    if (stop_ && v == target_) throw TargetReached{};
  }

 private:
  std::uint32_t target_;
  bool stop_;
  std::size_t* settled_;
};

route::Query query_for(const Grid& g, std::size_t i) {
  route::Query q;
  q.from = g.pairs[i].first;
  q.to = g.pairs[i].second;
  q.hs = g.shipment.hs;
  q.objective = route::Objective::Cost;
  return q;
}

}  // namespace

std::unique_ptr<Grid> make_grid(int side, int pairs) {
  auto g = std::make_unique<Grid>();
  g->side = side;
  auto t0 = std::chrono::steady_clock::now();
  auto net = network::Network::build(grid_tables(side, 20240601u));
  if (!net) die(net.error().message);
  g->net = std::make_unique<network::Network>(std::move(*net));
  g->build_seconds = seconds_since(t0);

  auto shipment = cost::make_shipment(*g->net, "box", 1000.0, std::nullopt, std::nullopt);
  if (!shipment) die(shipment.error().message);
  g->shipment = *shipment;
  t0 = std::chrono::steady_clock::now();
  g->weights = cost::weigh_all(*g->net, cost::DataCostModel(g->shipment, cost::Params{}));
  g->weigh_seconds = seconds_since(t0);

  const auto& graph = g->net->graph();
  g->pairs = random_pairs(g->net->location_count(), pairs, 7u);
  for (std::size_t i = 0; i < g->pairs.size(); ++i) {
    g->prepared.push_back(prepare_pair(*g, i));
    const auto& p = g->prepared.back();
    if (p.sources.size() != 1) die("expected one source node per origin");
    g->source.push_back(p.sources.front());
    g->target.push_back(
        graph.arrival[g->pairs[i].second.value][static_cast<int>(network::Layer::Rail1520)]);
  }

  // Same topology: edge i of the CSR graph is arc i (arcs are sorted by tail, and the
  // edges_are_sorted constructor keeps their order).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(graph.arc_count());
  for (const auto& a : graph.arcs) edges.emplace_back(a.tail.value, a.head.value);
  g->boost = BoostGraph(boost::edges_are_sorted, edges.begin(), edges.end(),
                        static_cast<std::uint32_t>(graph.node_count()));
  for (std::uint32_t v = 0; v < graph.node_count(); ++v) {
    std::uint32_t a = graph.first_out[v];
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g->boost))) {
      if (boost::get(boost::edge_index, g->boost, e) != a ||
          boost::target(e, g->boost) != graph.arcs[a].head.value)
        die("Boost edge order differs from the arc order");
      ++a;
    }
    if (a != graph.first_out[v + 1]) die("Boost out-degree differs");
  }
  return g;
}

route::Prepared prepare_pair(Grid& grid, std::size_t i) {
  auto p = route::prepare(*grid.net, std::move(grid.weights), query_for(grid, i));
  if (!p) die(p.error().message);
  grid.weights = std::move(p->weights);
  p->weights = {};
  return std::move(*p);
}

double boost_dijkstra(const Grid& grid, std::size_t i, bool stop_at_target, std::size_t& settled) {
  const std::size_t n = boost::num_vertices(grid.boost);
  std::vector<double> dist(n);
  std::vector<std::uint32_t> pred(n);
  const auto index = boost::get(boost::vertex_index, grid.boost);
  const auto weight = boost::make_iterator_property_map(grid.prepared[i].scalar.data(),
                                                        boost::get(boost::edge_index, grid.boost));
  try {
    boost::dijkstra_shortest_paths(
        grid.boost, grid.source[i],
        boost::predecessor_map(boost::make_iterator_property_map(pred.data(), index))
            .distance_map(boost::make_iterator_property_map(dist.data(), index))
            .weight_map(weight)
            .visitor(StopAt(grid.target[i], stop_at_target, &settled)));
  } catch (const TargetReached&) {
  }
  return dist[grid.target[i]];
}

}  // namespace caravan::bench
