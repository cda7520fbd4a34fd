// Cross-table checks and the NODUS-style graph expansion.
#include "network/network.h"

#include <algorithm>

namespace caravan::network {
namespace {

Error data_error(const Provenance& p, std::string_view field, const std::string& msg) {
  return make_error(ErrorCode::InvalidData,
                    p.where + ": field '" + std::string(field) + "': " + msg, std::string(field));
}

std::uint64_t pair_key(LocationId a, LocationId b) {
  return (static_cast<std::uint64_t>(a.value) << 32) | b.value;
}

template <class Row, class Key, class Index>
Status index_unique(const std::vector<Row>& rows, Key key, Index& index, std::string_view field) {
  using IdT = typename Index::mapped_type;
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    const std::string& k = key(rows[i]);
    if (!index.emplace(k, IdT{i}).second)
      return data_error(rows[i].prov, field, "duplicate id '" + k + "'");
  }
  return Ok{};
}

// The transfer row that applies at `loc` from layer a to b for handling h, or kNone.
std::uint32_t find_transfer(const std::vector<Transfer>& rows, LocationId loc, Layer a, Layer b,
                            Handling h) {
  std::uint32_t best = kNone;
  int best_rank = 0;
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    const Transfer& t = rows[i];
    if (t.from != a || t.to != b) continue;
    if (t.handling && *t.handling != h) continue;
    const bool specific = t.location.valid();
    if (specific && t.location != loc) continue;
    const int rank = (specific ? 2 : 0) + (t.handling ? 1 : 0);
    if (best == kNone || rank > best_rank) {
      best = i;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

namespace {

template <class V, class T>
bool contains(const V& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Per regime, the arcs it covers: every non-empty scope (countries, locations, chokepoints,
// modes) must match.
std::vector<std::vector<PolicyArc>> covered_arcs(const Network& net) {
  const auto& g = net.graph();
  std::vector<std::vector<PolicyArc>> out;
  for (const Policy& p : net.tables().policies) {
    std::vector<PolicyArc> arcs;
    const bool placed = !p.countries.empty() || !p.locations.empty();
    auto inside = [&](LocationId l) {
      return p.countries.empty() ? contains(p.locations, l)
                                 : contains(p.countries, net.location(l).country);
    };
    for (std::uint32_t a = 0; a < g.arcs.size(); ++a) {
      const Arc& arc = g.arcs[a];
      const LocationId tail = g.nodes[arc.tail.value].location;
      const LocationId head = g.nodes[arc.head.value].location;
      bool covers;
      if (arc.kind == ArcKind::Link) {
        const Link& l = net.link(LinkId{arc.link});
        const bool in_country = p.countries.empty() ||
                                contains(p.countries, net.location(tail).country) ||
                                contains(p.countries, net.location(head).country) ||
                                std::any_of(l.countries.begin(), l.countries.end(),
                                            [&](CountryId x) { return contains(p.countries, x); });
        const bool at_location =
            p.locations.empty() || contains(p.locations, tail) || contains(p.locations, head);
        const bool passes = p.chokepoints.empty() ||
                            std::any_of(l.chokepoints.begin(), l.chokepoints.end(),
                                        [&](ChokepointId x) { return contains(p.chokepoints, x); });
        covers =
            in_country && at_location && passes && (p.modes.empty() || contains(p.modes, l.mode));
      } else {
        covers = p.chokepoints.empty() &&
                 (p.countries.empty() || contains(p.countries, net.location(tail).country)) &&
                 (p.locations.empty() || contains(p.locations, tail)) &&
                 (p.modes.empty() || contains(p.modes, mode_of(arc.from_layer)) ||
                  contains(p.modes, mode_of(arc.to_layer)));
      }
      if (covers) arcs.push_back({a, !placed || !inside(tail), arc.kind == ArcKind::Link});
    }
    out.push_back(std::move(arcs));
  }
  return out;
}

}  // namespace

Result<Network> Network::build(Tables tables) {
  Network n;
  n.t_ = std::move(tables);
  const Tables& t = n.t_;
  {
    std::unordered_map<std::string, std::uint32_t> emission_index;
    for (std::uint32_t i = 0; i < t.emission_classes.size(); ++i)
      if (!emission_index.emplace(t.emission_classes[i].id, i).second)
        return data_error(t.emission_classes[i].prov, "id",
                          "duplicate id '" + t.emission_classes[i].id + "'");
  }
  if (auto s = index_unique(
          t.locations, [](const Location& l) -> const std::string& { return l.id; },
          n.location_index_, "id");
      !s)
    return s.error();
  if (auto s = index_unique(
          t.countries, [](const Country& c) -> const std::string& { return c.iso2; },
          n.country_index_, "iso2");
      !s)
    return s.error();
  if (auto s = index_unique(
          t.chokepoints, [](const Chokepoint& c) -> const std::string& { return c.id; },
          n.chokepoint_index_, "id");
      !s)
    return s.error();
  if (auto s = index_unique(
          t.commodities, [](const Commodity& c) -> const std::string& { return c.id; },
          n.commodity_index_, "id");
      !s)
    return s.error();
  if (auto s = index_unique(
          t.links, [](const Link& l) -> const std::string& { return l.id; }, n.link_index_, "id");
      !s)
    return s.error();

  for (std::uint32_t i = 0; i < t.borders.size(); ++i) {
    const Border& b = t.borders[i];
    if (t.locations[b.from.value].country == t.locations[b.to.value].country)
      return data_error(b.prov, "to",
                        "a border joins locations in different countries, but '" +
                            t.locations[b.from.value].id + "' and '" + t.locations[b.to.value].id +
                            "' are both in " +
                            t.countries[t.locations[b.to.value].country.value].iso2);
    if (!n.border_index_.emplace(pair_key(b.from, b.to), i).second)
      return data_error(
          b.prov, "from",
          "duplicate border " + t.locations[b.from.value].id + " -> " + t.locations[b.to.value].id);
  }

  // Links: geometry of layers, border checks.
  std::vector<std::array<bool, kLayerCount>> present(t.locations.size());
  for (const Link& l : t.links) {
    if (l.from == l.to) return data_error(l.prov, "to", "a link must join two different locations");
    const Layer layer = l.layer();
    present[l.from.value][static_cast<int>(layer)] = true;
    present[l.to.value][static_cast<int>(layer)] = true;
    const bool land = l.mode == Mode::Rail || l.mode == Mode::Road;
    const auto cf = t.locations[l.from.value].country, ct = t.locations[l.to.value].country;
    if (land && cf != ct) {
      for (int dir = 0; dir < (l.oneway ? 1 : 2); ++dir) {
        const auto a = dir ? l.to : l.from, b = dir ? l.from : l.to;
        if (!n.border_index_.count(pair_key(a, b)))
          return data_error(l.prov, "to",
                            "the link crosses from " +
                                t.countries[t.locations[a.value].country.value].iso2 + " to " +
                                t.countries[t.locations[b.value].country.value].iso2 +
                                " but borders.csv has no crossing " + t.locations[a.value].id +
                                " -> " + t.locations[b.value].id);
      }
    }
    if (!l.countries.empty() && land && (l.countries.front() != cf || l.countries.back() != ct))
      return data_error(l.prov, "countries",
                        "must start with the country of '" + t.locations[l.from.value].id +
                            "' and end with that of '" + t.locations[l.to.value].id + "'");
  }

  // Nodes: an arrival and a departure node per (location, present layer).
  Graph& g = n.graph_;
  g.arrival.assign(t.locations.size(), {kNone, kNone, kNone, kNone, kNone, kNone});
  g.departure = g.arrival;
  for (std::uint32_t loc = 0; loc < t.locations.size(); ++loc) {
    for (int y = 0; y < kLayerCount; ++y) {
      if (!present[loc][y]) continue;
      g.arrival[loc][y] = static_cast<std::uint32_t>(g.nodes.size());
      g.nodes.push_back(Node{LocationId{loc}, static_cast<Layer>(y), false});
      g.departure[loc][y] = static_cast<std::uint32_t>(g.nodes.size());
      g.nodes.push_back(Node{LocationId{loc}, static_cast<Layer>(y), true});
    }
  }

  std::vector<Arc> arcs;
  for (std::uint32_t li = 0; li < t.links.size(); ++li) {
    const Link& l = t.links[li];
    const int y = static_cast<int>(l.layer());
    for (int dir = 0; dir < (l.oneway ? 1 : 2); ++dir) {
      const auto a = dir ? l.to : l.from, b = dir ? l.from : l.to;
      Arc arc;
      arc.kind = ArcKind::Link;
      arc.tail = NodeId{g.departure[a.value][y]};
      arc.head = NodeId{g.arrival[b.value][y]};
      arc.reverse = dir == 1;
      arc.link = li;
      if (auto it = n.border_index_.find(pair_key(a, b)); it != n.border_index_.end())
        arc.border = it->second;
      arcs.push_back(arc);
    }
  }
  for (std::uint32_t loc = 0; loc < t.locations.size(); ++loc) {
    for (int a = 0; a < kLayerCount; ++a) {
      if (!present[loc][a]) continue;
      for (int b = 0; b < kLayerCount; ++b) {
        if (!present[loc][b]) continue;
        Arc arc;
        arc.kind = ArcKind::Transfer;
        arc.tail = NodeId{g.arrival[loc][a]};
        arc.head = NodeId{g.departure[loc][b]};
        arc.from_layer = static_cast<Layer>(a);
        arc.to_layer = static_cast<Layer>(b);
        bool any = a == b;
        for (int h = 0; h < kHandlingCount; ++h) {
          arc.transfer[h] = find_transfer(t.transfers, LocationId{loc}, arc.from_layer,
                                          arc.to_layer, static_cast<Handling>(h));
          any = any || arc.transfer[h] != kNone;
        }
        if (any) arcs.push_back(arc);
      }
    }
  }
  std::stable_sort(arcs.begin(), arcs.end(),
                   [](const Arc& x, const Arc& y) { return x.tail.value < y.tail.value; });
  g.arcs = std::move(arcs);
  g.first_out.assign(g.nodes.size() + 1, 0);
  for (const Arc& arc : g.arcs) ++g.first_out[arc.tail.value + 1];
  for (std::size_t v = 0; v < g.nodes.size(); ++v) g.first_out[v + 1] += g.first_out[v];
  g.head.reserve(g.arcs.size());
  for (const Arc& arc : g.arcs) g.head.push_back(arc.head.value);
  g.first_in.assign(g.nodes.size() + 1, 0);
  for (const Arc& arc : g.arcs) ++g.first_in[arc.head.value + 1];
  for (std::size_t v = 0; v < g.nodes.size(); ++v) g.first_in[v + 1] += g.first_in[v];
  g.in_arc.resize(g.arcs.size());
  g.in_tail.resize(g.arcs.size());
  {
    std::vector<std::uint32_t> fill(g.first_in.begin(), g.first_in.end() - 1);
    for (std::uint32_t a = 0; a < g.arcs.size(); ++a) {
      const std::uint32_t i = fill[g.arcs[a].head.value]++;
      g.in_arc[i] = a;
      g.in_tail[i] = g.arcs[a].tail.value;
    }
  }
  n.policy_arcs_ = covered_arcs(n);
  // The rates each link and class may pay (see link_rate): matching rows, specific ones first,
  // then by minimum tonnes, largest first.
  n.rate_first_.assign(n.t_.links.size() * kHandlingCount + 1, 0);
  for (std::size_t li = 0; li < n.t_.links.size(); ++li) {
    const Link& l = n.t_.links[li];
    for (int h = 0; h < kHandlingCount; ++h) {
      std::vector<std::uint32_t> rows;
      for (std::uint32_t i = 0; i < n.t_.rates.size(); ++i) {
        const Rate& r = n.t_.rates[i];
        if (r.mode != l.mode || static_cast<int>(r.handling) != h) continue;
        const bool covered =
            r.countries.empty() ||
            (!l.countries.empty() &&
             std::all_of(l.countries.begin(), l.countries.end(), [&](CountryId c) {
               return std::find(r.countries.begin(), r.countries.end(), c) != r.countries.end();
             }));
        if (covered) rows.push_back(i);
      }
      std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Rate &x = n.t_.rates[a], &y = n.t_.rates[b];
        if (x.countries.empty() != y.countries.empty()) return !x.countries.empty();
        return x.min_tonnes > y.min_tonnes;
      });
      n.rate_rows_.insert(n.rate_rows_.end(), rows.begin(), rows.end());
      n.rate_first_[li * kHandlingCount + h + 1] = static_cast<std::uint32_t>(n.rate_rows_.size());
    }
  }
  // The events each arc may meet (see arc_events).
  n.arc_event_first_.assign(g.arcs.size() + 1, 0);
  for (std::uint32_t a = 0; a < g.arcs.size(); ++a) {
    const Arc& arc = g.arcs[a];
    if (arc.kind == ArcKind::Link) {
      const Link& l = n.t_.links[arc.link];
      const auto head_loc = g.nodes[arc.head.value].location.value;
      for (std::uint32_t e = 0; e < n.t_.disruptions.size(); ++e) {
        const DisruptionEvent& ev = n.t_.disruptions[e];
        bool hits = false;
        switch (ev.target_kind) {
          case TargetKind::Link:
            hits = arc.link == ev.target;
            break;
          case TargetKind::Location:
            hits = head_loc == ev.target;
            break;
          case TargetKind::Chokepoint:
            hits = std::any_of(l.chokepoints.begin(), l.chokepoints.end(),
                               [&](ChokepointId c) { return c.value == ev.target; });
            break;
          case TargetKind::Country:
            for (std::size_t i = 1; i < l.countries.size() && !hits; ++i) {
              const auto k = l.countries.size();
              const auto c = arc.reverse ? l.countries[k - 1 - i] : l.countries[i];
              const auto prev = arc.reverse ? l.countries[k - i] : l.countries[i - 1];
              hits = c != prev && c.value == ev.target;
            }
            break;
        }
        if (hits) n.arc_events_.push_back(e);
      }
    }
    n.arc_event_first_[a + 1] = static_cast<std::uint32_t>(n.arc_events_.size());
  }
  {
    auto varies = [](const MonthlyDist& by_month) {
      for (int m = 2; m <= 12; ++m)
        if (by_month[m] != by_month[1]) return true;
      return false;
    };
    const auto& tab = n.t_;
    for (std::uint32_t a = 0; a < n.graph_.arc_count(); ++a) {
      const Arc& arc = n.graph_.arcs[a];
      std::uint8_t bits = 0;
      if (arc.kind == ArcKind::Link) {
        const Link& l = tab.links[arc.link];
        bool seasonal_event = false;
        for (auto e : n.arc_events(a)) seasonal_event |= tab.disruptions[e].months != 0x0FFF;
        if (l.closed_months != 0 || varies(l.wait_dist) ||
            (arc.border != kNone && varies(tab.borders[arc.border].hours_dist)) || seasonal_event)
          bits = 0b111;
      } else {
        for (int h = 0; h < 3; ++h)
          if (arc.transfer[h] != kNone && varies(tab.transfers[arc.transfer[h]].hours_dist))
            bits |= static_cast<std::uint8_t>(1u << h);
      }
      if (!bits) continue;
      // What the arc's weights read by month: equal inputs, equal weights.
      auto inputs = [&](int m) {
        std::array<std::uint32_t, 7> x{};
        x.fill(kNoDist);
        if (arc.kind == ArcKind::Link) {
          const Link& l = tab.links[arc.link];
          x[0] = (l.closed_months >> (m - 1)) & 1u;
          // The arc's events in season, one bit each; past 31 events, every month its own class.
          const auto events = n.arc_events(a);
          std::uint32_t in_season = 0;
          for (std::size_t i = 0; i < events.size() && i < 31; ++i)
            if (tab.disruptions[events[i]].in_month(m)) in_season |= 1u << i;
          x[6] = events.size() > 31 ? 0x80000000u | static_cast<std::uint32_t>(m) : in_season;
          x[1] = l.wait_dist[m];
          if (arc.border != kNone) x[2] = tab.borders[arc.border].hours_dist[m];
        } else {
          for (int h = 0; h < 3; ++h)
            if (arc.transfer[h] != kNone) x[3 + h] = tab.transfers[arc.transfer[h]].hours_dist[m];
        }
        return x;
      };
      SeasonalArc sa{a, bits, {}};
      for (int m = 1; m <= 12; ++m) {
        sa.month_class[m] = static_cast<std::uint8_t>(m);
        for (int k = 1; k < m; ++k)
          if (inputs(k) == inputs(m)) {
            sa.month_class[m] = static_cast<std::uint8_t>(k);
            break;
          }
      }
      n.seasonal_arcs_.push_back(sa);
    }
  }
  n.arc_policy_first_.assign(n.graph_.arc_count() + 1, 0);
  for (const auto& covered : n.policy_arcs_)
    for (const auto& pa : covered) ++n.arc_policy_first_[pa.arc + 1];
  for (std::size_t a = 0; a < n.graph_.arc_count(); ++a)
    n.arc_policy_first_[a + 1] += n.arc_policy_first_[a];
  n.arc_policies_.resize(n.arc_policy_first_.back());
  {
    auto next = n.arc_policy_first_;
    for (std::uint32_t i = 0; i < n.policy_arcs_.size(); ++i)
      for (const auto& pa : n.policy_arcs_[i]) n.arc_policies_[next[pa.arc]++] = {i, pa};
  }
  return n;
}

const Rate* Network::link_rate(std::uint32_t link, Handling handling, double tonnes) const {
  const std::size_t k = link * kHandlingCount + static_cast<std::size_t>(handling);
  for (auto i = rate_first_[k]; i < rate_first_[k + 1]; ++i) {
    const Rate& r = t_.rates[rate_rows_[i]];
    if (tonnes >= r.min_tonnes) return &r;
  }
  return nullptr;
}

std::vector<std::uint32_t> Network::origin_events(LocationId origin) const {
  std::vector<std::uint32_t> out;
  const auto country = t_.locations[origin.value].country.value;
  for (std::uint32_t e = 0; e < t_.disruptions.size(); ++e) {
    const auto& ev = t_.disruptions[e];
    if ((ev.target_kind == TargetKind::Location && ev.target == origin.value) ||
        (ev.target_kind == TargetKind::Country && ev.target == country))
      out.push_back(e);
  }
  return out;
}

Distribution duration_in(const Tables& t, const Triangular& base, const MonthlyDist& by_month,
                         int month) {
  const int m = month >= 1 && month <= 12 ? month : 0;
  if (by_month[m] != kNoDist) return t.distributions[by_month[m]];
  return Distribution{DistKind::Triangular, base.min.value, base.mode.value, base.max.value, {}};
}

Hours mean_duration(const Tables& t, const Triangular& base, const MonthlyDist& by_month,
                    int month) {
  const int m = month >= 1 && month <= 12 ? month : 0;
  return by_month[m] == kNoDist ? base.mean() : Hours{t.distributions[by_month[m]].mean()};
}

std::optional<LocationId> Network::find_location(std::string_view id) const {
  auto it = location_index_.find(std::string(id));
  if (it == location_index_.end()) return std::nullopt;
  return it->second;
}
std::optional<CountryId> Network::find_country(std::string_view iso2) const {
  auto it = country_index_.find(std::string(iso2));
  if (it == country_index_.end()) return std::nullopt;
  return it->second;
}
std::optional<ChokepointId> Network::find_chokepoint(std::string_view id) const {
  auto it = chokepoint_index_.find(std::string(id));
  if (it == chokepoint_index_.end()) return std::nullopt;
  return it->second;
}
std::optional<CommodityId> Network::find_commodity(std::string_view id) const {
  auto it = commodity_index_.find(std::string(id));
  if (it == commodity_index_.end()) return std::nullopt;
  return it->second;
}
std::optional<LinkId> Network::find_link(std::string_view id) const {
  auto it = link_index_.find(std::string(id));
  if (it == link_index_.end()) return std::nullopt;
  return it->second;
}
const Corridor* Network::find_corridor(std::string_view id) const {
  for (const Corridor& c : t_.corridors)
    if (c.id == id) return &c;
  return nullptr;
}
const Border* Network::border_between(LocationId a, LocationId b) const {
  auto it = border_index_.find(pair_key(a, b));
  return it == border_index_.end() ? nullptr : &t_.borders[it->second];
}

std::vector<std::size_t> own_transfer_rows(Tables& t, LocationId loc, Layer from, Layer to) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.transfers.size(); ++i)
    if (t.transfers[i].location == loc && t.transfers[i].from == from && t.transfers[i].to == to)
      rows.push_back(i);
  if (!rows.empty()) return rows;
  const std::size_t n = t.transfers.size();
  for (std::size_t i = 0; i < n; ++i)
    if (!t.transfers[i].location.valid() && t.transfers[i].from == from &&
        t.transfers[i].to == to) {
      auto copy = t.transfers[i];
      copy.location = loc;
      t.transfers.push_back(copy);
      rows.push_back(t.transfers.size() - 1);
    }
  return rows;
}

}  // namespace caravan::network
