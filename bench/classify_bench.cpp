// HS classification speed: one description at a time (goal: under 1 ms on one core, model
// loaded), a batch (descriptions per second), and training on the full training set. Baselines
// in the same run: splitting the words alone, and the centroid-only model (no perceptron).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "classify/classifier.h"
#include "classify/text_features.h"
#include "classify/train.h"
#include "io/hs_model_io.h"
#include "io/tariff_reader.h"

namespace {
using namespace caravan;

struct Fixture {
  tariff::Nomenclature nomenclature;
  std::vector<classify::Example> examples;
  std::vector<std::string> test;  // the test split's descriptions
  classify::Model model, centroid;
};

const Fixture& fixture() {
  static const std::unique_ptr<Fixture> f = [] {
    auto x = std::make_unique<Fixture>();
    auto n =
        io::load_nomenclature(std::string(CARAVAN_SHARED_DIR) + "/data/hs/harmonized-system.csv");
    auto e = io::read_hs_examples(std::string(CARAVAN_DATA_DIR) + "/hs/examples.csv");
    if (!n || !e) {
      std::cerr << "classify_bench: cannot read the HS data\n";
      std::exit(1);
    }
    x->nomenclature = std::move(*n);
    x->examples = std::move(*e);
    for (const auto& ex : x->examples)
      if (classify::split_of(ex.text, 1) == classify::Split::Test) x->test.push_back(ex.text);
    auto m = classify::train({x->examples, &x->nomenclature, {}, {}});
    classify::TrainOptions o;
    o.epochs = 0;
    auto c = classify::train({x->examples, &x->nomenclature, o, {}});
    if (!m || !c) std::exit(1);
    x->model = std::move(m->model);
    x->centroid = std::move(c->model);
    return x;
  }();
  return *f;
}

void BM_Words(benchmark::State& state) {
  const auto& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(classify::features(f.test[i++ % f.test.size()]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void classify_one(benchmark::State& state, const classify::Model& m) {
  const auto& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = classify::classify(m, f.nomenclature, {f.test[i++ % f.test.size()], 5, -1});
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
void BM_ClassifyOne(benchmark::State& state) { classify_one(state, fixture().model); }
void BM_ClassifyOneCentroid(benchmark::State& state) { classify_one(state, fixture().centroid); }

// The whole test split, one after the other (a batch file).
void BM_ClassifyBatch(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state)
    for (const auto& t : f.test)
      benchmark::DoNotOptimize(classify::classify(f.model, f.nomenclature, {t, 5, -1}));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * f.test.size()));
}

void BM_Train(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(classify::train({f.examples, &f.nomenclature, {}, {}}));
  state.counters["examples"] = static_cast<double>(f.examples.size());
}

BENCHMARK(BM_Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyOneCentroid)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyOne)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ClassifyBatch)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Train)->Unit(benchmark::kSecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
