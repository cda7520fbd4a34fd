// Network summaries.
#include "network/summary.h"

namespace caravan::network {

Summary summarize(const Network& net) {
  const auto& t = net.tables();
  Summary s;
  for (const auto& l : t.links) {
    ++s.links_by_mode[std::string(name(l.mode))];
    s.link_km += l.km.value;
  }
  for (const auto& l : t.locations) ++s.locations_by_kind[std::string(name(l.kind))];
  s.locations = t.locations.size();
  s.links = t.links.size();
  s.transfers = t.transfers.size();
  s.borders = t.borders.size();
  s.countries = t.countries.size();
  s.chokepoints = t.chokepoints.size();
  s.sources = t.sources.size();
  s.rules = t.rules.size();
  s.graph_nodes = net.graph().node_count();
  s.graph_arcs = net.graph().arc_count();
  return s;
}

}  // namespace caravan::network
