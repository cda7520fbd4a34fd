// A year of freight demand assigned to the network at equilibrium: flows per link and place,
// corridor shares, the bottleneck report, unserved demand, and with capacity overrides the base
// case to compare with. The TNTP benchmark run with its published figures.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assign/freight_model.h"
#include "assign/solver.h"

namespace caravan::assign {

struct FreightAssignmentRequest {
  std::vector<FreightDemand> demand;
  FreightParams params;  // with capacity overrides the base case is solved too
  Options options;
};

struct LinkFlow {
  LinkId link;
  double tonnes_py = 0, tonnes_py_reverse = 0;  // from -> to, and to -> from
  double delay_hours = 0;                       // added by congestion, the larger direction's
};
struct PlaceFlow {
  LocationId location;
  double tonnes_py = 0;  // arriving by any link
};
// Corridor volume: tonnes through its gateway places (via_any), or, without gateways, tonnes
// crossing into its first required country.
struct CorridorFlow {
  std::string id, name, basis;  // basis: "gateways" or "entering XX"
  double tonnes_py = 0, share = 0;
};
struct BottleneckRow {
  std::string id, kind;  // the capacity point
  double capacity_tpy = 0, tonnes_py = 0, ratio = 0, delay_hours = 0;
  double marginal_usd_per_tonne = 0;  // saving per extra tonne/yr of capacity
  bool binding = false;               // volume/capacity >= 0.9
};
struct UnservedFlow {
  LocationId origin, destination;
  std::string commodity;
  double tonnes_py = 0;
};

struct FreightAssignmentResult {
  Solution solution;
  double total_tonnes_py = 0, total_cost_usd_py = 0;
  std::vector<LinkFlow> links;  // links with a volume, by link id order
  std::vector<PlaceFlow> places;
  std::vector<CorridorFlow> corridors;
  std::vector<BottleneckRow> bottlenecks;  // most valuable capacity first
  std::vector<UnservedFlow> unserved;
  struct Base {
    double total_cost_usd_py = 0;
    std::vector<CorridorFlow> corridors;
  };
  std::optional<Base> base;  // the case without the capacity overrides
};

Result<FreightAssignmentResult> run_freight_assignment(const network::Network& net,
                                                       const FreightAssignmentRequest& request);

// A benchmark instance with its published figures (TNTP).
struct Benchmark {
  Problem problem;
  std::optional<double> published_objective;
  std::vector<double> best_known_flows;  // per link, or empty
};
struct BenchmarkResult {
  Solution solution;
  // The power of ten relating our objective to the published one (some READMEs state it in
  // other units) and the relative difference after scaling.
  std::optional<double> published_scale, objective_relative_error;
  // Against the best-known flows: the largest difference, and links off by more than 0.1% and 1.
  std::optional<double> max_flow_difference;
  std::size_t links_outside_tolerance = 0;
};
Result<BenchmarkResult> run_benchmark(const Benchmark& b, const Options& options);

}  // namespace caravan::assign
