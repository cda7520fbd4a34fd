// The global layer: a sea route between two positions over the whole marnet (snap both ends, A*),
// on the port pairs of tests/validation/sea_distances.csv and on random pairs of World Port Index
// ports; the marnet load; and gazetteer look-ups of misspelled names among the shared UN/LOCODE
// subset and among a gazetteer grown to the size of the full UN/LOCODE list. bench/
// sea_vs_searoute.py runs the validation-pairs benchmark and Eurostat's searoute (Python) on the
// same pairs in one run.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <stdexcept>

#include "core/name_match.h"
#include "core/text.h"
#include "embedded_query.h"
#include "io/csv.h"
#include "io/sea_reader.h"
#include "network/locate.h"
#include "route/access.h"
#include "route/planner.h"
#include "sea/sea_path.h"

namespace caravan::bench {
namespace {

const io::SeaFiles& files() {
  static const io::SeaFiles f = [] {
    auto d = io::default_sea_files();
    d.sea_dir = std::string(CARAVAN_DATA_DIR) + "/sea";
    return d;
  }();
  return f;
}

const sea::SeaData& sea_data() {
  static const auto d = io::load_sea_data(files().marnet, files().sea_dir);
  if (!d) throw std::runtime_error(d.error().message);
  return **d;
}

const places::Gazetteer& gazetteer() {
  static const auto g = io::load_places(files().unlocode, files().wpi);
  if (!g) throw std::runtime_error(g.error().message);
  return **g;
}

using Pair = std::pair<LatLon, LatLon>;

std::vector<Pair> validation_pairs() {
  auto t = io::read_csv(std::string(CARAVAN_DATA_DIR) + "/../tests/validation/sea_distances.csv",
                        "sea_distances.csv");
  if (!t) throw std::runtime_error(t.error().message);
  std::vector<Pair> out;
  for (const auto& row : t->rows) {
    const int avoid = t->column("avoid");
    if (!row.fields[static_cast<std::size_t>(avoid)].empty()) continue;  // unconstrained pairs only
    auto num = [&](const char* c) {
      return *text::parse_double(row.fields[static_cast<std::size_t>(t->column(c))]);
    };
    out.push_back({{num("from_lat"), num("from_lon")}, {num("to_lat"), num("to_lon")}});
  }
  return out;
}

std::vector<Pair> random_port_pairs(std::size_t n) {
  const auto& g = gazetteer();
  std::vector<LatLon> ports;
  for (std::uint32_t i = 0; i < g.size(); ++i)
    if (g.place(places::PlaceId{i}).port) ports.push_back(g.place(places::PlaceId{i}).at);
  std::mt19937 rng(42);
  std::vector<Pair> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({ports[rng() % ports.size()], ports[rng() % ports.size()]});
  return out;
}

void run_pairs(benchmark::State& state, const std::vector<Pair>& pairs) {
  const auto& sea = sea_data().network;
  std::size_t i = 0;
  double nm = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ % pairs.size()];
    const auto sa = sea.snap(a), sb = sea.snap(b);
    auto p = sea::shortest_sea_path(sea, sa.node, sb.node);
    if (p) nm += sea::nautical_miles(p->length);
    benchmark::DoNotOptimize(p);
  }
  state.counters["pairs"] = static_cast<double>(pairs.size());
  state.counters["nodes"] = static_cast<double>(sea.node_count());
}

void BM_SeaRoute_ValidationPairs(benchmark::State& state) {
  static const auto pairs = validation_pairs();
  run_pairs(state, pairs);
}
BENCHMARK(BM_SeaRoute_ValidationPairs)->Unit(benchmark::kMicrosecond);

void BM_SeaRoute_RandomWpiPorts(benchmark::State& state) {
  static const auto pairs = random_port_pairs(500);
  run_pairs(state, pairs);
}
BENCHMARK(BM_SeaRoute_RandomWpiPorts)->Unit(benchmark::kMicrosecond);

void BM_MarnetLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto p = io::load_passages(files().sea_dir + "/passages.csv");
    auto n = io::load_marnet(files().marnet, std::move(*p));
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_MarnetLoad)->Unit(benchmark::kMillisecond)->Iterations(5);

// Misspelled names: real place names with one letter changed and one pair swapped.
std::vector<std::string> misspelled(const places::Gazetteer& g, std::size_t n) {
  std::mt19937 rng(5);
  std::vector<std::string> out;
  while (out.size() < n) {
    std::string s = g.place(places::PlaceId{static_cast<std::uint32_t>(rng() % g.size())}).name;
    if (s.size() < 6 || s.find(' ') != std::string::npos) continue;
    s[1 + rng() % (s.size() - 2)] = 'x';
    const auto at = 1 + rng() % (s.size() - 2);
    std::swap(s[at], s[at + 1]);
    out.push_back(s);
  }
  return out;
}

void run_lookups(benchmark::State& state, const places::Gazetteer& g) {
  static std::map<const places::Gazetteer*, std::vector<std::string>> queries;
  auto& q = queries[&g];
  if (q.empty()) q = misspelled(g, 200);
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    auto m = g.search(q[i++ % q.size()], 5);
    found += !m.empty();
    benchmark::DoNotOptimize(m);
  }
  state.counters["places"] = static_cast<double>(g.size());
  state.counters["found_share"] = static_cast<double>(found) / static_cast<double>(i);
}

void BM_Gazetteer_Misspelled_Subset(benchmark::State& state) { run_lookups(state, gazetteer()); }
BENCHMARK(BM_Gazetteer_Misspelled_Subset)->Unit(benchmark::kMicrosecond);

// The full UN/LOCODE list has about 116,000 entries; the shared subset is grown to that size by
// adding each entry five more times under a varied name (a second word from the list's own names),
// so that index lists and candidate counts are those of the full list.
const places::Gazetteer& full_size() {
  static const places::Gazetteer g = [] {
    const auto& base = gazetteer();
    std::vector<places::Place> v;
    std::mt19937 rng(9);
    for (std::uint32_t i = 0; i < base.size(); ++i) v.push_back(base.place(places::PlaceId{i}));
    const auto n = v.size();
    for (int copy = 0; copy < 5; ++copy)
      for (std::size_t i = 0; i < n; ++i) {
        places::Place p = v[i];
        p.name += " " + text::words_of(v[rng() % n].name).front();
        p.locode.clear();
        v.push_back(std::move(p));
      }
    return places::Gazetteer(std::move(v));
  }();
  return g;
}
void BM_Gazetteer_Misspelled_FullSize(benchmark::State& state) { run_lookups(state, full_size()); }
BENCHMARK(BM_Gazetteer_Misspelled_FullSize)->Unit(benchmark::kMicrosecond);

// A route between two UN/LOCODE places the network does not have (Kustanai to Temirtau, KZ):
// resolve both in the gazetteer, join them by access legs (a copy of the network rebuilt), plan.
// The baseline, in the same run: the same plan between two places of the network (Petropavl to
// Karaganda) on the network as loaded.
route::PlanRequest grain(const network::Network& net, std::string_view from, std::string_view to) {
  route::PlanRequest r;
  r.query.from = *network::resolve_location(net, from, "from");
  r.query.to = *network::resolve_location(net, to, "to");
  r.shipment = *cost::make_shipment(net, "grain", 500.0, std::nullopt, std::nullopt);
  r.query.hs = r.shipment.hs;
  return r;
}

void BM_Route_WithAccessLegs(benchmark::State& state) {
  const auto& net = eurasia();
  const auto& g = gazetteer();
  for (auto _ : state) {
    auto ends = route::places_beyond(net, g, {"Kustanai", "KZTAU"}, {"from", "to"});
    auto joined = route::with_access(net, *ends);
    auto plan = route::plan(*joined, grain(*joined, "Kustanai", "KZTAU"));
    if (!plan || plan->routes.empty()) state.SkipWithError("no route");
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_Route_WithAccessLegs)->Unit(benchmark::kMicrosecond);

// A port in a country the network does not cover (Kaohsiung, TW), joined by sea access legs over
// the maritime layer (the 5 network seaports nearest by sea: one A* each), then planned from
// Stepnogorsk.
void BM_Route_WithSeaAccess(benchmark::State& state) {
  const auto& net = eurasia();
  const auto& g = gazetteer();
  route::AccessOptions o;
  o.sea = &sea_data();
  for (auto _ : state) {
    auto ends = route::places_beyond(net, g, {"TWKHH"}, {"to"});
    auto joined = route::with_access(net, *ends, o);
    if (!joined) {
      state.SkipWithError(joined.error().message.c_str());
      break;
    }
    auto plan = route::plan(*joined, grain(*joined, "Stepnogorsk", "TWKHH"));
    if (!plan || plan->routes.empty()) state.SkipWithError("no route");
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_Route_WithSeaAccess)->Unit(benchmark::kMicrosecond);

void BM_Route_NetworkPlaces(benchmark::State& state) {
  const auto& net = eurasia();
  for (auto _ : state) {
    auto plan = route::plan(net, grain(net, "Petropavl", "Karaganda"));
    if (!plan || plan->routes.empty()) state.SkipWithError("no route");
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_Route_NetworkPlaces)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace caravan::bench

BENCHMARK_MAIN();
