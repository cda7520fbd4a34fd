// What a network holds: counts by table, links by mode, places by kind, and its length.
#pragma once
#include <map>
#include <string>

#include "network/network.h"

namespace caravan::network {

struct Summary {
  std::size_t locations = 0, links = 0, transfers = 0, borders = 0, countries = 0, chokepoints = 0,
              sources = 0, rules = 0, graph_nodes = 0, graph_arcs = 0;
  std::map<std::string, std::size_t> links_by_mode, locations_by_kind;
  double link_km = 0;
};

Summary summarize(const Network& net);

}  // namespace caravan::network
