// Grid network generator (std::mt19937, fixed seed).
#include "grid_network.h"

#include <random>
#include <string>

namespace caravan::bench {
namespace nw = caravan::network;

network::Tables grid_tables(int side, std::uint32_t seed, double td_fraction) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> month(0, 11);
  std::uniform_real_distribution<double> km(50.0, 150.0);
  nw::Tables t;
  t.name = "grid";
  t.countries.push_back({"XA", "Gridland", 0.0, {}});
  t.emission_classes.push_back({"rail", "rail", 20.0, {}});
  const auto n = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
  t.locations.reserve(n);
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      nw::Location l;
      l.id = "g";
      l.id += std::to_string(r);
      l.id += '_';
      l.id += std::to_string(c);
      l.name = l.id;
      l.country = CountryId{0};
      l.pos = {40.0 + r * 0.01, 60.0 + c * 0.01};
      l.kind = nw::LocationKind::Junction;
      t.locations.push_back(std::move(l));
    }
  t.links.reserve(2 * n);
  auto link = [&](std::size_t a, std::size_t b) {
    nw::Link l;
    l.id = "k";
    l.id += std::to_string(t.links.size());
    l.from = LocationId{static_cast<std::uint32_t>(a)};
    l.to = LocationId{static_cast<std::uint32_t>(b)};
    l.mode = nw::Mode::Rail;
    l.gauge_mm = 1520;
    l.km = Km{km(rng)};
    l.hours = Hours{l.km.value / 40.0};
    l.handling_mask = 0b111;
    l.usd_per_tkm = 0.03;
    l.emission_class = 0;
    l.countries = {CountryId{0}};
    // Time-dependent links: closed in one month, or a wait that changes with the month.
    if (td_fraction > 0 && unit(rng) < td_fraction)
      l.closed_months = static_cast<std::uint16_t>(1u << month(rng));
    if (td_fraction > 0 && unit(rng) < td_fraction) {
      const auto first = static_cast<std::uint32_t>(t.distributions.size());
      for (int m = 1; m <= 12; ++m) {
        t.distributions.push_back(*nw::Distribution::fixed(m <= 3 ? 12.0 * m : 2.0));
        l.wait_dist[m] = first + static_cast<std::uint32_t>(m - 1);
      }
    }
    t.links.push_back(std::move(l));
  };
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const auto v = static_cast<std::size_t>(r) * side + c;
      if (c + 1 < side) link(v, v + 1);
      if (r + 1 < side) link(v, v + side);
    }
  t.commodities.push_back(
      {"box", "general cargo", "9999", nw::Handling::Container, 20000.0, 20.0, {}});
  return t;
}

std::vector<std::pair<LocationId, LocationId>> random_pairs(std::size_t locations, int count,
                                                            std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(locations - 1));
  std::vector<std::pair<LocationId, LocationId>> out;
  while (static_cast<int>(out.size()) < count) {
    const auto a = pick(rng), b = pick(rng);
    if (a != b) out.emplace_back(LocationId{a}, LocationId{b});
  }
  return out;
}

}  // namespace caravan::bench
