// The classifier's maintenance features: train-classifier (same data and seed, same model file)
// and evaluate-classifier (accuracy, calibration and confusion on the split it never saw).
#include <chrono>
#include <filesystem>
#include <sstream>

#include "api/customs_codec.h"
#include "api/request.h"
#include "classify/evaluate.h"
#include "classify/train.h"
#include "core/text.h"
#include "io/hs_model_io.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

namespace {

// --- train-classifier / evaluate-classifier ---------------------------------------------------

Result<Answer> run_train(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(examples, f.opt_str("examples"));
  CARAVAN_TRY(out, f.str("out"));
  CARAVAN_TRY(seed, f.opt_int("seed", 0, 1 << 30));
  CARAVAN_TRY(epochs, f.opt_int("epochs", 0, 50));
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  CARAVAN_TRY(export_dir, f.opt_str("export_split"));
  CARAVAN_TRY(lexicon_file, f.opt_str("lexicon"));
  if (auto s = f.no_unknown(); !s) return s.error();
  const std::string efile = examples.value_or(io::default_hs_examples());
  CARAVAN_TRY(rows, io::read_hs_examples(efile));
  CARAVAN_TRY(data, load_nomenclature(nom, "training needs the HS nomenclature"));
  if (export_dir) {
    if (auto s = io::write_split(rows, data->nomenclature,
                                 static_cast<std::uint64_t>(seed.value_or(1)), *export_dir);
        !s)
      return s.error();
  }
  CARAVAN_TRY(lexicon, io::read_hs_lexicon(lexicon_file.value_or(io::default_hs_lexicon())));
  classify::TrainRequest rq{std::move(rows), &data->nomenclature, {}, std::move(lexicon)};
  rq.options.seed = static_cast<std::uint64_t>(seed.value_or(1));
  if (epochs) rq.options.epochs = *epochs;
  const auto t0 = std::chrono::steady_clock::now();
  auto trained = classify::train(rq);
  if (!trained) {
    auto e = trained.error();
    e.message = std::filesystem::path(efile).filename().string() + ": " + e.message;
    return e;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (auto w = io::write_hs_model(trained->model, out); !w) return w.error();
  const auto& m = trained->model;
  return Answer{
      json{{"out", out},
           {"examples", efile},
           {"method", m.method},
           {"seed", m.seed},
           {"rows",
            {{"train", m.train_rows}, {"calibration", m.calibration_rows}, {"test", m.test_rows}}},
           {"classes", m.classes.size()},
           {"features", trained->features},
           {"weights", trained->weights},
           {"temperature", m.temperature},
           {"threshold", m.threshold},
           {"data", m.data_digest},
           {"seconds", seconds}},
      {}};
}

std::string train_text(const Context&, const json& r) {
  std::ostringstream s;
  s << "trained " << r["method"].get<std::string>() << " on " << r["rows"]["train"]
    << " examples (calibration " << r["rows"]["calibration"] << ", test " << r["rows"]["test"]
    << " held out; seed " << r["seed"] << "): " << r["classes"] << " subheadings, " << r["features"]
    << " features, " << r["weights"] << " weights; threshold " << pct(r["threshold"].get<double>())
    << "%; " << text::format_number(r["seconds"].get<double>(), 2) << " s\nwrote "
    << r["out"].get<std::string>() << "\n";
  return s.str();
}

Result<Answer> run_evaluate(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(model, f.opt_str("model"));
  CARAVAN_TRY(examples, f.opt_str("examples"));
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  CARAVAN_TRY(check, f.opt_str("check_set"));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(l, load_classifier(model, nom));
  const std::string efile = examples.value_or(io::default_hs_examples());
  CARAVAN_TRY(rows, io::read_hs_examples(efile));
  std::vector<const classify::Example*> test;
  for (const auto& e : rows)
    if (classify::split_of(e.text, l.model->seed) == classify::Split::Test) test.push_back(&e);
  const auto ev = classify::evaluate(*l.model, test, classify::catalogue_groups());
  // The catalogue's goods in the words a trader uses: a check set written for this project
  // (evaluation only, labelled from the nomenclature's texts; data/hs/catalogue_check.csv).
  CARAVAN_TRY(check_rows, io::read_hs_examples(check.value_or(io::default_hs_check_set())));
  std::vector<const classify::Example*> check_ptrs;
  for (const auto& e : check_rows) check_ptrs.push_back(&e);
  const auto cv = classify::evaluate(*l.model, check_ptrs, classify::catalogue_groups());
  auto acc = [](const classify::Accuracy& a) { return json{{"top1", a.top1}, {"top3", a.top3}}; };
  json bins = json::array();
  for (const auto& b : ev.bins)
    bins.push_back({{"low", b.low},
                    {"high", b.high},
                    {"answers", b.answers},
                    {"mean_confidence", b.mean_confidence},
                    {"accuracy", b.accuracy}});
  json langs = json::object();
  for (const auto& [lang, v] : ev.by_language)
    langs[lang] = {{"rows", v.first}, {"top1", v.second}};
  return Answer{
      json{{"model", model_json(l)},
           {"examples", efile},
           {"test_rows", ev.rows},
           {"accuracy", {{"6", acc(ev.six)}, {"4", acc(ev.four)}, {"2", acc(ev.two)}}},
           {"by_language", langs},
           {"calibration", bins},
           {"expected_calibration_error", ev.expected_calibration_error},
           {"threshold",
            {{"confidence", ev.threshold}, {"coverage", ev.coverage}, {"precision", ev.precision}}},
           {"confusion", {{"groups", ev.groups}, {"rows", ev.confusion}}},
           {"catalogue_check",
            {{"rows", cv.rows},
             {"accuracy", {{"6", acc(cv.six)}, {"4", acc(cv.four)}, {"2", acc(cv.two)}}},
             {"threshold", {{"coverage", cv.coverage}, {"precision", cv.precision}}},
             {"confusion", {{"groups", cv.groups}, {"rows", cv.confusion}}}}}},
      {}};
}

std::string evaluate_text(const Context&, const json& r) {
  std::ostringstream s;
  auto p1 = [](double x) { return text::format_number(x * 100, 1) + "%"; };
  s << "Test split: " << r["test_rows"] << " descriptions the model never saw ("
    << r["examples"].get<std::string>() << ")\n\n";
  s << "| digits | top-1 | top-3 |\n|---|---|---|\n";
  for (const char* d : {"6", "4", "2"})
    s << "| " << d << " | " << p1(r["accuracy"][d]["top1"].get<double>()) << " | "
      << p1(r["accuracy"][d]["top3"].get<double>()) << " |\n";
  s << "\n| language | rows | top-1 (6 digits) |\n|---|---|---|\n";
  for (const auto& [lang, v] : r["by_language"].items())
    s << "| " << lang << " | " << v["rows"] << " | " << p1(v["top1"].get<double>()) << " |\n";
  s << "\nCalibration of the best answer's confidence:\n\n| confidence | answers | mean confidence "
       "| share right |\n|---|---|---|---|\n";
  for (const auto& b : r["calibration"]) {
    s << "| " << text::format_number(b["low"].get<double>(), 1) << "-"
      << text::format_number(b["high"].get<double>(), 1) << " | " << b["answers"] << " | ";
    if (b["answers"].get<int>() == 0)
      s << "- | - |\n";
    else
      s << p1(b["mean_confidence"].get<double>()) << " | " << p1(b["accuracy"].get<double>())
        << " |\n";
  }
  s << "\nExpected calibration error: " << p1(r["expected_calibration_error"].get<double>())
    << "\n";
  const auto& t = r["threshold"];
  s << "Threshold " << p1(t["confidence"].get<double>()) << ": answers taken for "
    << p1(t["coverage"].get<double>()) << " of descriptions, right for "
    << p1(t["precision"].get<double>()) << " of those\n";
  auto confusion = [&](const json& c) {
    s << "| truth \\ answer |";
    for (const auto& g : c["groups"]) s << " " << g.get<std::string>() << " |";
    s << " elsewhere |\n|---|";
    for (std::size_t i = 0; i <= c["groups"].size(); ++i) s << "---|";
    s << "\n";
    for (std::size_t i = 0; i < c["groups"].size(); ++i) {
      s << "| " << c["groups"][i].get<std::string>() << " |";
      for (const auto& n : c["rows"][i]) s << " " << n << " |";
      s << "\n";
    }
  };
  s << "\nConfusion among the catalogue's commodities in the test split (rows: truth; columns: "
       "the best answer):\n\n";
  confusion(r["confusion"]);
  const auto& c = r["catalogue_check"];
  s << "\nThe catalogue's goods in a trader's words (" << c["rows"]
    << " descriptions written for this check, data/hs/catalogue_check.csv; never trained on): "
       "top-1 "
    << p1(c["accuracy"]["6"]["top1"].get<double>()) << " at 6 digits, "
    << p1(c["accuracy"]["4"]["top1"].get<double>()) << " at 4; top-3 "
    << p1(c["accuracy"]["6"]["top3"].get<double>())
    << " at 6; answers taken at the threshold: " << p1(c["threshold"]["coverage"].get<double>())
    << ", right for " << p1(c["threshold"]["precision"].get<double>()) << " of those.\n\n";
  confusion(c["confusion"]);
  return s.str();
}

}  // namespace

std::vector<Feature> classifier_features() {
  return {
      {"train-classifier",
       "train the HS classifier from labelled descriptions (same seed, same model)",
       "",
       false,
       {{"--examples", "examples", K::Text, "labelled examples CSV (default data/hs/examples.csv)"},
        {"--out", "out", K::Text, "the model file to write", true},
        {"--seed", "seed", K::Integer, "the seed of the split and the training order (default 1)"},
        {"--epochs", "epochs", K::Integer, "perceptron passes (default 4; 0: centroids only)"},
        {"--lexicon", "lexicon", K::Text,
         "broader terms for known words (default data/hs/lexicon.csv)"},
        {"--export-split", "export_split", K::Text,
         "also write the split (fastText format) to this folder"},
        {"--hs-nomenclature", "hs_nomenclature", K::Text, "HS nomenclature CSV"}},
       false,
       [](const json&) { return false; },
       nullptr,
       run_train,
       train_text,
       nullptr,
       nullptr,
       nullptr},
      {"evaluate-classifier",
       "measure the classifier on the test split it never saw",
       "",
       false,
       {{"--model", "model", K::Text, "the model file (default: the one the build trained)"},
        {"--examples", "examples", K::Text, "labelled examples CSV (default data/hs/examples.csv)"},
        {"--hs-nomenclature", "hs_nomenclature", K::Text, "HS nomenclature CSV"},
        {"--check-set", "check_set", K::Text,
         "descriptions of the catalogue's goods to check (default data/hs/catalogue_check.csv)"}},
       false,
       [](const json&) { return false; },
       nullptr,
       run_evaluate,
       evaluate_text,
       nullptr,
       nullptr,
       nullptr},
  };
}

}  // namespace caravan::api
