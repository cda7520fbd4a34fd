// ASCII map parser for scenario tests.
#include "testing/ascii_network.h"

#include <map>
#include <stdexcept>
#include <vector>

namespace caravan::testing {
namespace nw = caravan::network;

namespace {
struct Connector {
  nw::Mode mode;
  int gauge;
};
bool connector(char c, Connector& out) {
  switch (c) {
    case '-':
      out = {nw::Mode::Road, 0};
      return true;
    case '=':
      out = {nw::Mode::Rail, 1520};
      return true;
    case '#':
      out = {nw::Mode::Rail, 1435};
      return true;
    case '~':
      out = {nw::Mode::Sea, 0};
      return true;
    case ':':
      out = {nw::Mode::Ferry, 0};
      return true;
    case '*':
      out = {nw::Mode::Pipeline, 0};
      return true;
    default:
      return false;
  }
}
char symbol(const nw::Link& l) {
  switch (l.mode) {
    case nw::Mode::Road:
      return '-';
    case nw::Mode::Rail:
      return l.gauge_mm == 1435 ? '#' : '=';
    case nw::Mode::Sea:
      return '~';
    case nw::Mode::Ferry:
      return ':';
    case nw::Mode::Pipeline:
      return '*';
  }
  return '?';
}
}  // namespace

nw::Tables tables_from_ascii(std::string_view map, const AsciiOptions& o) {
  std::vector<std::string> grid;
  std::string line;
  for (char c : map) {
    if (c == '\n') {
      grid.push_back(line);
      line.clear();
    } else
      line += c;
  }
  grid.push_back(line);
  auto at = [&](int r, int c) -> char {
    if (r < 0 || r >= static_cast<int>(grid.size()) || c < 0 ||
        c >= static_cast<int>(grid[r].size()))
      return ' ';
    return grid[r][c];
  };
  nw::Tables t;
  t.name = "ascii";
  t.sources.push_back({"test", "test fixture", "", "none", "2026", "D", "drawn in a test"});
  std::map<std::string, CountryId> countries;
  std::map<char, std::string> country_of;
  {
    std::string spec = o.countries, word;
    spec += ' ';
    for (char c : spec) {
      if (c != ' ') {
        word += c;
        continue;
      }
      if (word.empty()) continue;
      const auto colon = word.find(':');
      if (colon == std::string::npos)
        throw std::invalid_argument("countries: expected LETTERS:ISO");
      for (char l : word.substr(0, colon)) country_of[l] = word.substr(colon + 1);
      word.clear();
    }
  }
  auto country = [&](const std::string& iso) {
    auto it = countries.find(iso);
    if (it != countries.end()) return it->second;
    const CountryId id{static_cast<std::uint32_t>(t.countries.size())};
    t.countries.push_back({iso, iso, 0.0, {}});
    countries.emplace(iso, id);
    return id;
  };
  for (auto [name, mode] : {std::pair{"road", 'r'}, std::pair{"rail", 'l'}, std::pair{"sea", 's'},
                            std::pair{"ferry", 'f'}, std::pair{"pipeline", 'p'}}) {
    (void)mode;
    t.emission_classes.push_back({name, name, 10.0, {}});
  }
  std::map<char, LocationId> loc;
  for (int r = 0; r < static_cast<int>(grid.size()); ++r)
    for (int c = 0; c < static_cast<int>(grid[r].size()); ++c) {
      const char ch = grid[r][c];
      if (ch >= 'A' && ch <= 'Z' && !loc.count(ch)) {
        loc[ch] = LocationId{static_cast<std::uint32_t>(t.locations.size())};
        nw::Location l;
        l.id = std::string(1, ch);
        l.name = l.id;
        l.country = country(country_of.count(ch) ? country_of[ch] : "XA");
        l.pos = {40.0 - r, 50.0 + c};
        t.locations.push_back(l);
      }
    }
  auto add_link = [&](char a, char b, Connector k, int chars) {
    nw::Link l;
    l.id = std::string(1, a) + std::string(1, b) + "-" + std::to_string(t.links.size());
    l.from = loc.at(a);
    l.to = loc.at(b);
    l.mode = k.mode;
    l.gauge_mm = k.gauge;
    l.km = Km{chars * o.km_per_char};
    const double speed = k.mode == nw::Mode::Road   ? 60
                         : k.mode == nw::Mode::Rail ? 40
                         : k.mode == nw::Mode::Sea  ? 30
                                                    : 15;
    l.hours = Hours{l.km.value / speed};
    l.handling_mask = 0b111;
    l.usd_per_tkm = k.mode == nw::Mode::Road   ? 0.10
                    : k.mode == nw::Mode::Rail ? 0.05
                    : k.mode == nw::Mode::Sea  ? 0.01
                                               : 0.08;
    l.emission_class = static_cast<std::uint32_t>(k.mode);
    l.countries = {t.locations[l.from.value].country};
    if (t.locations[l.to.value].country != l.countries.back())
      l.countries.push_back(t.locations[l.to.value].country);
    t.links.push_back(l);
  };
  for (int r = 0; r < static_cast<int>(grid.size()); ++r)
    for (int c = 0; c < static_cast<int>(grid[r].size()); ++c) {
      const char ch = grid[r][c];
      if (!(ch >= 'A' && ch <= 'Z')) continue;
      for (auto [dr, dc] : {std::pair{0, 1}, std::pair{1, 0}}) {
        Connector k;
        if (!connector(at(r + dr, c + dc), k)) continue;
        const char sym = at(r + dr, c + dc);
        int n = 0, rr = r + dr, cc = c + dc;
        while (at(rr, cc) == sym) {
          ++n;
          rr += dr;
          cc += dc;
        }
        const char end = at(rr, cc);
        if (!(end >= 'A' && end <= 'Z'))
          throw std::invalid_argument("ascii map: a connector does not end at a letter");
        add_link(ch, end, k, n);
      }
    }
  // Default transfers between all layers; gauge changes only where allowed.
  for (int a = 0; a < nw::kLayerCount; ++a)
    for (int b = 0; b < nw::kLayerCount; ++b) {
      if (a == b) continue;
      const auto la = static_cast<nw::Layer>(a), lb = static_cast<nw::Layer>(b);
      const bool gauge = nw::mode_of(la) == nw::Mode::Rail && nw::mode_of(lb) == nw::Mode::Rail;
      nw::Transfer x;
      x.from = la;
      x.to = lb;
      x.usd_per_t = o.transfer_usd_per_t;
      x.hours = {Hours{o.transfer_hours}, Hours{o.transfer_hours}, Hours{o.transfer_hours}};
      if (!gauge) {
        t.transfers.push_back(x);
        continue;
      }
      for (char g : o.gauge_change_at) {
        x.location = loc.at(g);
        t.transfers.push_back(x);
      }
    }
  // Borders on land links between countries.
  for (const auto& l : t.links) {
    if (l.mode != nw::Mode::Rail && l.mode != nw::Mode::Road) continue;
    if (t.locations[l.from.value].country == t.locations[l.to.value].country) continue;
    for (auto [a, b] : {std::pair{l.from, l.to}, std::pair{l.to, l.from}}) {
      bool have = false;
      for (const auto& x : t.borders) have = have || (x.from == a && x.to == b);
      if (have) continue;
      nw::Border x;
      x.from = a;
      x.to = b;
      x.fee_usd = 100;
      x.hours = {Hours{o.border_hours}, Hours{o.border_hours}, Hours{o.border_hours}};
      t.borders.push_back(x);
    }
  }
  t.commodities.push_back(
      {"box", "general cargo", "9999", nw::Handling::Container, 1000.0, 20.0, {}});
  t.commodities.push_back({"bulk", "bulk", "1001", nw::Handling::DryBulk, 200.0, 20.0, {}});
  t.commodities.push_back({"oil", "crude", "2709", nw::Handling::LiquidBulk, 500.0, 20.0, {}});
  return t;
}

nw::Network network_from_ascii(std::string_view map, const AsciiOptions& options) {
  auto n = nw::Network::build(tables_from_ascii(map, options));
  if (!n) throw std::invalid_argument(n.error().message);
  return std::move(*n);
}

std::string describe(const nw::Network& net, const std::vector<ArcId>& arcs) {
  std::string out;
  for (auto a : arcs) {
    const auto& arc = net.graph().arcs[a.value];
    if (arc.kind != nw::ArcKind::Link) continue;
    const auto& l = net.link(LinkId{arc.link});
    const auto from = arc.reverse ? l.to : l.from, to = arc.reverse ? l.from : l.to;
    if (!out.empty()) out += ' ';
    out += net.location(from).id + symbol(l) + net.location(to).id;
  }
  return out;
}

CountryId country_id(const network::Tables& t, std::string_view iso2) {
  for (std::uint32_t i = 0; i < t.countries.size(); ++i)
    if (t.countries[i].iso2 == iso2) return CountryId{i};
  return CountryId{static_cast<std::uint32_t>(t.countries.size())};  // not there: an invalid id
}

}  // namespace caravan::testing
