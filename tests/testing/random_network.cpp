// Random network generator (std::mt19937, fixed seed).
#include "testing/random_network.h"

#include <random>

namespace caravan::testing {
namespace nw = caravan::network;

network::Tables random_tables(std::uint32_t seed, int n, int m) {
  std::mt19937 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int k) { return std::uniform_int_distribution<int>(0, k - 1)(rng); };
  nw::Tables t;
  t.name = "random";
  for (const char* iso : {"XA", "XB", "XC"}) t.countries.push_back({iso, iso, uni(0, 0.05), {}});
  t.chokepoints.push_back({"strait", "Strait", uni(0, 0.1), {}});
  for (const char* e : {"road", "rail", "sea", "ferry", "pipeline"})
    t.emission_classes.push_back({e, e, uni(5, 80), {}});
  for (int i = 0; i < n; ++i) {
    nw::Location l;
    l.id = "L" + std::to_string(i);
    l.name = l.id;
    l.country = CountryId{static_cast<std::uint32_t>(pick(3))};
    l.pos = {uni(30, 50), uni(40, 90)};
    l.disruption_probability = uni(0, 0.03);
    t.locations.push_back(l);
  }
  const nw::Mode modes[] = {nw::Mode::Road, nw::Mode::Rail, nw::Mode::Rail, nw::Mode::Sea,
                            nw::Mode::Ferry};
  for (int i = 0; i < m; ++i) {
    nw::Link l;
    // A spanning chain first so that most pairs connect, then random links.
    const int a = i < n - 1 ? i : pick(n);
    int b = i < n - 1 ? i + 1 : pick(n);
    if (b == a) b = (a + 1) % n;
    l.id = "k" + std::to_string(i);
    l.from = LocationId{static_cast<std::uint32_t>(a)};
    l.to = LocationId{static_cast<std::uint32_t>(b)};
    l.mode = modes[pick(5)];
    if (l.mode == nw::Mode::Rail) l.gauge_mm = pick(2) ? 1520 : 1435;
    l.km = Km{uni(50, 1500)};
    l.hours = Hours{l.km.value / uni(10, 60)};
    if (pick(3) == 0) l.wait = {Hours{uni(0, 5)}, Hours{uni(5, 10)}, Hours{uni(10, 40)}};
    l.handling_mask = 0b111;
    l.usd_per_tkm = uni(0.005, 0.2);
    if (pick(2)) l.usd_per_teu = uni(100, 2000);
    l.fixed_usd = pick(2) ? uni(0, 500) : 0.0;
    l.emission_class = static_cast<std::uint32_t>(l.mode);
    if (l.mode == nw::Mode::Sea && pick(2)) l.chokepoints.push_back(ChokepointId{0});
    l.countries = {t.locations[a].country};
    if (t.locations[b].country != l.countries.back()) l.countries.push_back(t.locations[b].country);
    l.oneway = pick(6) == 0;
    t.links.push_back(l);
  }
  for (int a = 0; a < nw::kLayerCount; ++a)
    for (int b = 0; b < nw::kLayerCount; ++b) {
      if (pick(4) == 0) continue;  // some layer pairs have no transfer
      nw::Transfer x;
      x.from = static_cast<nw::Layer>(a);
      x.to = static_cast<nw::Layer>(b);
      x.usd_per_t = uni(0, 10);
      x.usd_per_teu = uni(0, 200);
      const double h = uni(0, 20);
      x.hours = {Hours{h / 2}, Hours{h}, Hours{h * 2}};
      t.transfers.push_back(x);
    }
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
      x.fee_usd = uni(0, 400);
      const double h = uni(1, 50);
      x.hours = {Hours{h / 2}, Hours{h}, Hours{h * 3}};
      t.borders.push_back(x);
    }
  }
  t.commodities.push_back(
      {"box", "general cargo", "9999", nw::Handling::Container, uni(1000, 50000), 20.0, {}});
  return t;
}

}  // namespace caravan::testing
