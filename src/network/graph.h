// The expanded graph: one arrival and one departure node per (location, layer); link arcs join a
// departure node to an arrival node, transfer arcs join an arrival node to a departure node at the
// same location (a change of layer, or passing through on the same layer). Stored as CSR arrays.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/ids.h"
#include "network/types.h"

namespace caravan::network {

enum class ArcKind : std::uint8_t { Link, Transfer };

struct Node {
  LocationId location;
  Layer layer = Layer::Rail1520;
  bool departure = false;
};

inline constexpr std::uint32_t kNone = UINT32_MAX;

struct Arc {
  NodeId tail, head;
  ArcKind kind = ArcKind::Link;
  bool reverse = false;          // a link traversed from `to` to `from`
  std::uint32_t link = kNone;    // Link arcs: the link
  std::uint32_t border = kNone;  // Link arcs: the border crossed, if any
  // Transfer arcs: the transfer row that applies per handling class (kNone: not possible for that
  // class; for passing through on the same layer kNone means free).
  std::array<std::uint32_t, kHandlingCount> transfer = {kNone, kNone, kNone};
  Layer from_layer = Layer::Rail1520, to_layer = Layer::Rail1520;  // Transfer arcs
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<Arc> arcs;            // sorted by tail
  std::vector<std::uint32_t> head;  // arcs[a].head, packed: what the search loop reads
  std::vector<std::uint32_t>
      first_out;  // size nodes+1: arcs of node v are [first_out[v], first_out[v+1])
  // The same arcs by head, for backward searches: the arcs into v are in_arc[first_in[v] ..
  // first_in[v+1]), their tails in in_tail (packed alongside).
  std::vector<std::uint32_t> first_in, in_arc, in_tail;
  // Per location, per layer: arrival and departure node (kNone where the layer is absent).
  std::vector<std::array<std::uint32_t, kLayerCount>> arrival, departure;

  std::size_t node_count() const { return nodes.size(); }
  std::size_t arc_count() const { return arcs.size(); }
};

}  // namespace caravan::network
