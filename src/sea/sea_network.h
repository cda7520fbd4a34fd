// The global maritime layer: sea nodes and lanes in compact arrays (CSR), the passages the lanes
// go through (canals, straits, capes), and a grid index to snap a port to the nearest sea node.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/units.h"

namespace caravan::sea {

using SeaNodeId = Id<struct SeaNodeTag>;
using PassageId = Id<struct PassageTag>;

// A named passage: a canal, a strait or a cape a lane goes through or round.
struct Passage {
  std::string id;           // "suez", "cape_good_hope" (what --avoid takes)
  std::string name;         // "Suez Canal"
  std::string marnet_pass;  // the value of marnet's "pass" property for it, "" if none
  // The box a lane must cross to use the passage (lon/lat degrees); empty when only the file's
  // tag marks it.
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
  bool has_box = false;
  // Not used unless a query allows it (the Arctic routes: seasonal, ice class, permits).
  bool avoided_by_default = false;
  std::string source;
};

// A lane between two nodes, as the reader hands it over: its length is the geodesic length.
struct LaneInput {
  std::uint32_t a = 0, b = 0;
  Km length;
  std::string pass;  // marnet's tag, "" if none
};

struct Snap {
  SeaNodeId node;
  Km distance;  // great-circle distance from the point to the node
};

class SeaNetwork {
 public:
  // The lanes are two-way. A lane tagged by the file takes the passage with that marnet_pass;
  // any other lane that crosses a passage's box takes that passage. Nodes that are not in the
  // largest connected part (isolated lakes, fragments) are kept but never snapped to.
  static Result<SeaNetwork> build(std::vector<LatLon> nodes, const std::vector<LaneInput>& lanes,
                                  std::vector<Passage> passages, std::string source);

  std::size_t node_count() const { return pos_.size(); }
  std::size_t lane_count() const { return head_.size() / 2; }
  LatLon position(SeaNodeId n) const { return pos_[n.value]; }
  const std::vector<Passage>& passages() const { return passages_; }
  // By id in any case ("Suez", "CAPE_GOOD_HOPE") or by name ("Strait of Hormuz").
  std::optional<PassageId> find_passage(std::string_view id) const;
  const std::string& source() const { return source_; }

  // Arcs out of a node: [first_arc(n), first_arc(n+1)).
  std::uint32_t first_arc(SeaNodeId n) const { return offset_[n.value]; }
  std::uint32_t end_arc(SeaNodeId n) const { return offset_[n.value + 1]; }
  SeaNodeId head(std::uint32_t arc) const { return SeaNodeId{head_[arc]}; }
  Km length(std::uint32_t arc) const { return Km{length_[arc]}; }
  // kNoPassage or an index into passages().
  static constexpr std::uint8_t kNoPassage = 255;
  std::uint8_t passage(std::uint32_t arc) const { return passage_[arc]; }
  std::size_t lanes_in(PassageId p) const;

  // The nearest node of the main connected part.
  Snap snap(LatLon p) const;

 private:
  std::vector<LatLon> pos_;
  std::vector<std::uint32_t> offset_, head_;
  std::vector<float> length_;
  std::vector<std::uint8_t> passage_;
  std::vector<Passage> passages_;
  std::string source_;
  // Grid of 1-degree cells over the main part's nodes: cell -> nodes.
  std::vector<std::uint32_t> cell_start_, cell_nodes_;
};

}  // namespace caravan::sea
