// Reads the TNTP benchmark format (Transportation Networks for Research): `*_net.tntp` links with
// BPR parameters, `*_trips.tntp` OD volumes, `*_flow.tntp` best-known link flows, and the
// published objective and cost weights from the instance's README.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::io {

struct TntpLink {
  std::uint32_t from = 0, to = 0;  // 1-based node numbers, as in the file
  double capacity = 0, length = 0, free_flow_time = 0, b = 0, power = 0, speed = 0, toll = 0;
  int type = 0;
  int line = 0;
};

struct TntpNetwork {
  std::uint32_t zones = 0, nodes = 0, first_thru_node = 1;
  std::vector<TntpLink> links;
};

struct TntpTrip {
  std::uint32_t origin = 0, destination = 0;  // 1-based
  double volume = 0;
  int line = 0;
};

struct TntpTrips {
  std::uint32_t zones = 0;
  std::optional<double> declared_total;
  std::vector<TntpTrip> trips;
};

struct TntpFlow {
  std::uint32_t from = 0, to = 0;
  double volume = 0, cost = 0;
};

// What the README states: the objective and the generalised-cost weights (time units per unit of
// toll and of length), when given.
struct TntpReadme {
  std::optional<double> objective;
  double toll_factor = 0, distance_factor = 0;
};

struct TntpInstance {
  std::string name;  // e.g. "SiouxFalls"
  TntpNetwork net;
  TntpTrips trips;
  std::vector<TntpFlow> flows;  // empty when the folder has no flow file
  TntpReadme readme;
};

// Parsers; `file` names the input in messages ("SiouxFalls_net.tntp:12: field 'capacity': ...").
Result<TntpNetwork> parse_tntp_network(std::string_view text, const std::string& file);
// Checks that every node exists in a network of `nodes` nodes (0: no check).
Result<TntpTrips> parse_tntp_trips(std::string_view text, const std::string& file,
                                   std::uint32_t nodes = 0);
Result<std::vector<TntpFlow>> parse_tntp_flow(std::string_view text, const std::string& file);
TntpReadme parse_tntp_readme(std::string_view text);

// Reads a folder holding one `<name>_net.tntp` and `<name>_trips.tntp`, and optionally
// `<name>_flow.tntp` and README.md.
Result<TntpInstance> read_tntp(const std::string& dir);

}  // namespace caravan::io
