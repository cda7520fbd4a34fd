// The customs features: classify (a description, a batch file or a list), train-classifier and
// evaluate-classifier; and `describe` for the features that price goods.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "api/customs_codec.h"
#include "api/feature_groups.h"
#include "classify/evaluate.h"
#include "classify/text_features.h"
#include "classify/train.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/hs_model_io.h"
#include "io/tariff_reader.h"
#include "tariff/valuation.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

namespace {

int pct(double x) { return static_cast<int>(std::lround(x * 100)); }

struct Loaded {
  std::shared_ptr<const classify::Model> model;
  std::shared_ptr<const tariff::TradeData> data;
  std::string model_file;
};

Result<Loaded> load(const std::optional<std::string>& model,
                    const std::optional<std::string>& nom) {
  Loaded l;
  l.model_file = model.value_or(io::default_hs_model());
  CARAVAN_TRY(m, io::load_hs_model(l.model_file));
  l.model = m;
  const std::string nfile = nom.value_or(io::default_hs_nomenclature());
  if (nfile.empty())
    return make_error(ErrorCode::NotFound,
                      "the HS nomenclature is needed to name the codes (--hs-nomenclature FILE)",
                      "hs_nomenclature");
  CARAVAN_TRY(d, io::load_trade_data(io::default_tariffs_dir(), nfile));
  l.data = d;
  return l;
}

json model_json(const Loaded& l) {
  const auto& m = *l.model;
  json langs = json::object();
  for (const auto& [lang, n] : m.languages) langs[lang] = n;
  return {{"file", l.model_file},       {"method", m.method}, {"seed", m.seed},
          {"train_rows", m.train_rows}, {"languages", langs}, {"threshold", m.threshold},
          {"data", m.data_digest}};
}

json response_json(const classify::ClassifyResponse& r) {
  json c = json::array();
  for (const auto& k : r.candidates) c.push_back(candidate_json(k));
  json j = {{"text", r.text},           {"script", r.script},
            {"words", r.words},         {"known_words", r.known_words},
            {"confident", r.confident}, {"threshold", r.threshold},
            {"candidates", c}};
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

// --- classify --------------------------------------------------------------------------------

Result<Answer> run_classify(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(text, f.opt_str("text"));
  const json* texts = f.value("texts");
  CARAVAN_TRY(batch, f.opt_str("batch"));
  CARAVAN_TRY(k, f.opt_int("k", 1, 20));
  CARAVAN_TRY(threshold, f.opt_num("threshold", 0, 1));
  CARAVAN_TRY(model, f.opt_str("model"));
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  if (auto s = f.no_unknown(); !s) return s.error();
  if (static_cast<int>(text.has_value()) + static_cast<int>(texts != nullptr) +
          static_cast<int>(batch.has_value()) !=
      1)
    return field_error(
        "text", "give one of: a description (text), a list (texts) or a batch file (--file)");
  CARAVAN_TRY(l, load(model, nom));
  classify::ClassifyRequest rq;
  rq.k = static_cast<std::size_t>(k.value_or(5));
  rq.threshold = threshold ? static_cast<float>(*threshold) : -1.0F;
  if (text) {
    rq.text = *text;
    CARAVAN_TRY(r, classify::classify(*l.model, l.data->nomenclature, rq));
    json j = response_json(r);
    j["model"] = model_json(l);
    return Answer{j, {}};
  }
  // A batch: every row answered, a bad row with its error.
  std::vector<io::DescriptionRow> rows;
  if (batch) {
    CARAVAN_TRY(read, io::read_descriptions(*batch));
    rows = std::move(read);
  } else {
    if (!texts->is_array() || texts->empty() || texts->size() > 10000)
      return field_error("texts", "expected a list of 1 to 10000 descriptions");
    for (std::size_t i = 0; i < texts->size(); ++i) {
      io::DescriptionRow d;
      d.line = static_cast<int>(i);
      if ((*texts)[i].is_string())
        d.text = (*texts)[i].get<std::string>();
      else
        d.error = "texts[" + std::to_string(i) + "]: expected a string";
      rows.push_back(std::move(d));
    }
  }
  json out = json::array();
  std::size_t failed = 0, confident = 0;
  for (const auto& row : rows) {
    json j;
    if (row.error.empty()) {
      rq.text = row.text;
      auto r = classify::classify(*l.model, l.data->nomenclature, rq);
      if (r) {
        j = response_json(*r);
        confident += r->confident;
      } else {
        j = {{"text", row.text},
             {"error", (batch ? std::filesystem::path(*batch).filename().string() + ":" +
                                    std::to_string(row.line) + ": "
                              : "texts[" + std::to_string(row.line) + "]: ") +
                           r.error().message}};
      }
    } else {
      j = {{"text", row.text}, {"error", row.error}};
    }
    failed += j.contains("error");
    j[batch ? "line" : "index"] = row.line;
    if (!row.id.empty()) j["id"] = row.id;
    out.push_back(std::move(j));
  }
  return Answer{json{{"rows", out},
                     {"classified", rows.size() - failed},
                     {"confident", confident},
                     {"failed", failed},
                     {"model", model_json(l)}},
                {}};
}

void candidate_lines(std::ostringstream& s, const json& r) {
  s << "  #  HS       conf  heading conf  chapter conf  why\n";
  int i = 0;
  for (const auto& c : r["candidates"]) {
    s << "  " << ++i << "  " << std::left << std::setw(8) << c["code"].get<std::string>()
      << std::right << std::setw(4) << pct(c["confidence"].get<double>()) << "%  " << std::left
      << std::setw(6) << c["heading"]["code"].get<std::string>() << std::right << std::setw(4)
      << pct(c["heading"]["confidence"].get<double>()) << "%  " << std::left << std::setw(6)
      << c["chapter"]["code"].get<std::string>() << std::right << std::setw(4)
      << pct(c["chapter"]["confidence"].get<double>()) << "%  "
      << text::join(c["why"]["words"].get<std::vector<std::string>>(), ", ") << "\n";
    std::string d = c["description"].get<std::string>();
    if (d.size() > 110) d = d.substr(0, 107) + "...";
    s << "     " << d << "\n";
  }
}

std::string classify_text(const Context&, const json& r) {
  std::ostringstream s;
  auto one = [&](const json& x) {
    s << "\"" << x["text"].get<std::string>() << "\"";
    if (x.contains("error")) {
      s << "\n  error: " << x["error"].get<std::string>() << "\n";
      return;
    }
    s << " (" << x["known_words"] << " of " << x["words"] << " words known to the model)\n";
    candidate_lines(s, x);
    if (x["confident"].get<bool>()) {
      s << "  -> " << x["candidates"][0]["code"].get<std::string>() << ": confidence "
        << pct(x["candidates"][0]["confidence"].get<double>()) << "% passes the threshold of "
        << pct(x["threshold"].get<double>()) << "%\n";
      if (x.contains("note")) s << "  note: " << x["note"].get<std::string>() << "\n";
    } else
      s << "  -> " << x["note"].get<std::string>() << "\n";
  };
  if (r.contains("rows")) {
    for (const auto& row : r["rows"]) {
      s << (row.contains("line") ? "line " + std::to_string(row["line"].get<int>())
                                 : "#" + std::to_string(row["index"].get<int>()))
        << ": ";
      one(row);
    }
    s << r["classified"] << " classified (" << r["confident"] << " confidently), " << r["failed"]
      << " failed\n";
  } else {
    one(r);
  }
  const auto& m = r["model"];
  s << "model: " << m["file"].get<std::string>() << " (" << m["method"].get<std::string>() << ", "
    << m["train_rows"] << " training rows, seed " << m["seed"] << ")\n";
  return s.str();
}

std::string classify_csv(const Context&, const json& r) {
  std::ostringstream s;
  s << "line,id,text,rank,hs6,confidence,heading,heading_confidence,chapter,chapter_confidence,"
       "confident,error\n";
  auto rows = r.contains("rows") ? r["rows"] : json::array({r});
  for (const auto& row : rows) {
    const std::string line = row.contains("line")    ? std::to_string(row["line"].get<int>())
                             : row.contains("index") ? std::to_string(row["index"].get<int>())
                                                     : "";
    const std::string head = line + "," + io::csv_escape(row.value("id", "")) + "," +
                             io::csv_escape(row["text"].get<std::string>()) + ",";
    if (row.contains("error")) {
      s << head << ",,,,,,,," << io::csv_escape(row["error"].get<std::string>()) << "\n";
      continue;
    }
    int rank = 0;
    for (const auto& c : row["candidates"]) {
      ++rank;
      s << head << rank << "," << c["hs6"].get<std::string>() << ","
        << text::format_number(c["confidence"].get<double>(), 3) << ","
        << c["heading"]["code"].get<std::string>() << ","
        << text::format_number(c["heading"]["confidence"].get<double>(), 3) << ","
        << c["chapter"]["code"].get<std::string>() << ","
        << text::format_number(c["chapter"]["confidence"].get<double>(), 3) << ","
        << (rank == 1 && row["confident"].get<bool>() ? "true" : "false") << ",\n";
    }
  }
  return s.str();
}

int classify_exit(const json& r, std::ostream& err) {
  if (r.contains("rows") && r["failed"].get<std::size_t>() > 0) {
    err << "warning: " << r["failed"] << " of " << r["rows"].size()
        << " rows could not be classified (see their errors)\n";
    return 0;
  }
  return 0;
}

// --- train-classifier / evaluate-classifier ---------------------------------------------------

Result<std::shared_ptr<const tariff::TradeData>> nomenclature_of(
    const std::optional<std::string>& nom) {
  const std::string nfile = nom.value_or(io::default_hs_nomenclature());
  if (nfile.empty())
    return make_error(ErrorCode::NotFound,
                      "training needs the HS nomenclature (--hs-nomenclature FILE)",
                      "hs_nomenclature");
  return io::load_trade_data(io::default_tariffs_dir(), nfile);
}

// The split as files for another learner (fastText's format: "__label__850511 word word"), with
// the same words and the same nomenclature documents (twice, as their weight is 2), and the test
// descriptions as a batch file: the comparison in docs/classification.md.
Status export_split(const std::vector<classify::Example>& rows, const tariff::Nomenclature& nom,
                    std::uint64_t seed, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::ofstream train(dir + "/train.txt"), test(dir + "/test.txt"), batch(dir + "/test.csv");
  auto line = [](const std::string& hs6, const std::string& text) {
    return "__label__" + hs6 + " " + text::join(classify::words(text), " ") + "\n";
  };
  batch << "id,description\n";
  for (const auto& e : rows) {
    const auto part = classify::split_of(e.text, seed);
    if (part == classify::Split::Train) train << line(e.hs6, e.text);
    if (part == classify::Split::Test) {
      test << line(e.hs6, e.text);
      batch << e.hs6 << "," << io::csv_escape(e.text) << "\n";
    }
  }
  for (const auto& n : nom.entries())
    if (n.code.size() == 6)
      for (int k = 0; k < 2; ++k) train << line(n.code, classify::nomenclature_text(nom, n.code));
  if (!train || !test || !batch)
    return make_error(ErrorCode::Io, "cannot write the split to '" + dir + "'", "export_split");
  return Ok{};
}

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
  CARAVAN_TRY(data, nomenclature_of(nom));
  if (export_dir) {
    if (auto s = export_split(rows, data->nomenclature,
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

// The catalogue's commodities as groups of codes, for the confusion table.
const std::vector<classify::CodeGroup>& catalogue_groups() {
  static const std::vector<classify::CodeGroup> g = {
      {"ores and concentrates", {"253090", "2612", "2617"}},
      {"oxides and compounds", {"2846"}},
      {"metals", {"280530"}},
      {"ferro-alloys", {"7202"}},
      {"magnets", {"850511", "850519"}},
  };
  return g;
}

Result<Answer> run_evaluate(const Context&, const json& request) {
  Fields f(request);
  CARAVAN_TRY(model, f.opt_str("model"));
  CARAVAN_TRY(examples, f.opt_str("examples"));
  CARAVAN_TRY(nom, f.opt_str("hs_nomenclature"));
  CARAVAN_TRY(check, f.opt_str("check_set"));
  if (auto s = f.no_unknown(); !s) return s.error();
  CARAVAN_TRY(l, load(model, nom));
  const std::string efile = examples.value_or(io::default_hs_examples());
  CARAVAN_TRY(rows, io::read_hs_examples(efile));
  std::vector<const classify::Example*> test;
  for (const auto& e : rows)
    if (classify::split_of(e.text, l.model->seed) == classify::Split::Test) test.push_back(&e);
  const auto ev = classify::evaluate(*l.model, test, catalogue_groups());
  // The catalogue's goods in the words a trader uses: a check set written for this project
  // (evaluation only, labelled from the nomenclature's texts; data/hs/catalogue_check.csv).
  CARAVAN_TRY(check_rows, io::read_hs_examples(check.value_or(io::default_hs_check_set())));
  std::vector<const classify::Example*> check_ptrs;
  for (const auto& e : check_rows) check_ptrs.push_back(&e);
  const auto cv = classify::evaluate(*l.model, check_ptrs, catalogue_groups());
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

json candidate_json(const classify::Candidate& c) {
  auto level = [](const classify::Level& l) {
    return json{{"code", l.code}, {"description", l.description}, {"confidence", l.confidence}};
  };
  return {{"hs6", c.subheading.code},
          {"code", classify::dotted(c.subheading.code)},
          {"description", c.subheading.description},
          {"confidence", c.subheading.confidence},
          {"heading", level(c.heading)},
          {"chapter", level(c.chapter)},
          {"why", {{"words", c.matched}, {"nomenclature", c.nomenclature}}}};
}

Result<std::optional<json>> take_describe(json& rq) {
  if (!rq.is_object()) return std::optional<json>();
  if (!rq.contains("describe")) {
    if (rq.contains("describe_threshold"))
      return field_error("describe_threshold", "applies to a description: give describe too");
    return std::optional<json>();
  }
  json part = json::object();
  for (const char* k : {"describe", "describe_threshold", "model"})
    if (rq.contains(k)) {
      part[k] = rq[k];
      rq.erase(k);
    }
  if (rq.contains("hs"))
    return field_error("describe", "give the goods' description or their HS code (hs), not both");
  Fields f(part);
  CARAVAN_TRY(text, f.str("describe"));
  CARAVAN_TRY(threshold, f.opt_num("describe_threshold", 0, 1));
  CARAVAN_TRY(model, f.opt_str("model"));
  CARAVAN_TRY(nom_field,
              rq.contains("hs_nomenclature") && rq["hs_nomenclature"].is_string()
                  ? Result<std::optional<std::string>>(rq["hs_nomenclature"].get<std::string>())
                  : Result<std::optional<std::string>>(std::optional<std::string>()));
  CARAVAN_TRY(l, load(model, nom_field));
  classify::ClassifyRequest crq;
  crq.text = text;
  crq.k = 5;
  crq.threshold = threshold ? static_cast<float>(*threshold) : -1.0F;
  CARAVAN_TRY(r, classify::classify(*l.model, l.data->nomenclature, crq));
  if (!r.confident) {
    std::string list;
    for (const auto& c : r.candidates)
      list += "\n  " + classify::dotted(c.subheading.code) + " (" +
              std::to_string(pct(c.subheading.confidence)) + "%) " + c.subheading.description;
    return make_error(
        ErrorCode::InvalidRequest,
        "describe: no HS code reaches the threshold of " + std::to_string(pct(r.threshold)) +
            "% for '" + text +
            "'; give one of these with --hs, or describe the goods more precisely:" + list,
        "describe");
  }
  const auto& best = r.candidates[0];
  rq["hs"] = classify::dotted(best.subheading.code);
  json chosen = {{"describe", text},
                 {"hs", classify::dotted(best.subheading.code)},
                 {"description", best.subheading.description},
                 {"confidence", best.subheading.confidence},
                 {"threshold", r.threshold},
                 {"why", best.matched},
                 {"model", l.model_file}};
  if (r.candidates.size() > 1)
    chosen["runner_up"] = {{"hs", classify::dotted(r.candidates[1].subheading.code)},
                           {"description", r.candidates[1].subheading.description},
                           {"confidence", r.candidates[1].subheading.confidence}};
  return std::optional<json>(chosen);
}

Result<json> valuation_json(const json& q, const std::string& tariffs_dir) {
  if (!q.is_object() || !q.contains("hs") || !q.contains("tonnes") || !q.contains("value_usd"))
    return json(nullptr);
  const double tonnes = q["tonnes"].get<double>();
  if (tonnes <= 0) return json(nullptr);
  CARAVAN_TRY(
      data, io::load_trade_data(tariffs_dir.empty() ? io::default_tariffs_dir() : tariffs_dir, ""));
  // General cargo stands for goods of any code: its reference rows are for its own code only.
  const std::string hs = q["hs"].get<std::string>();
  std::string commodity = q.value("commodity", std::string());
  if (commodity == "general-container" && hs != "847130") commodity.clear();
  const auto c = tariff::check_value(data->schedule.reference_prices, commodity, hs,
                                     q["value_usd"].get<double>() / tonnes);
  json rows = json::array();
  for (const auto* p : c.rows) {
    json src = json::array();
    for (const auto& id : p->usd_per_t.sources) {
      const auto* s = data->schedule.source(id);
      src.push_back(s ? json{{"id", id}, {"title", s->title}, {"url", s->url}, {"date", s->date}}
                      : json{{"id", id}});
    }
    rows.push_back({{"commodity", p->commodity},
                    {"hs", p->hs_prefix},
                    {"low_usd_per_t", p->usd_per_t.at(tariff::Bound::Low)},
                    {"high_usd_per_t", p->usd_per_t.at(tariff::Bound::High)},
                    {"basis", p->basis},
                    {"date", p->usd_per_t.date},
                    {"sources", src}});
  }
  json j = {
      {"declared_usd_per_t", std::round(c.declared_usd_per_t * 100) / 100},
      {"status", tariff::name(c.status)},
      {"flagged", c.status == tariff::ValueStatus::Below || c.status == tariff::ValueStatus::Above},
      {"far", c.far},
      {"message", c.message},
      {"references", rows}};
  if (c.status != tariff::ValueStatus::NoReference) {
    j["low_usd_per_t"] = c.low;
    j["high_usd_per_t"] = c.high;
  }
  return j;
}

std::string classification_line(const json& a) {
  std::string s;
  if (a.contains("classification")) {
    const auto& c = a["classification"];
    s += "HS " + c["hs"].get<std::string>() + " from the description (confidence " +
         std::to_string(pct(c["confidence"].get<double>())) + "%, threshold " +
         std::to_string(pct(c["threshold"].get<double>())) + "%";
    if (c.contains("runner_up"))
      s += "; runner-up " + c["runner_up"]["hs"].get<std::string>() + " " +
           std::to_string(pct(c["runner_up"]["confidence"].get<double>())) + "%";
    s += "): " + c["description"].get<std::string>() + "\n";
  }
  if (a.contains("valuation")) {
    const auto& v = a["valuation"];
    s += std::string(v["flagged"].get<bool>() ? "VALUE CHECK: " : "value check: ") +
         v["message"].get<std::string>() + "\n";
    for (const auto& r : v["references"]) {  // each range, its basis, date and sources
      std::vector<std::string> titles;
      for (const auto& src : r["sources"])
        titles.push_back(src.value("title", src["id"].get<std::string>()));
      s += "  USD " + text::thousands(r["low_usd_per_t"].get<double>()) + "-" +
           text::thousands(r["high_usd_per_t"].get<double>()) + "/t, " +
           r["basis"].get<std::string>() + " (" + r["date"].get<std::string>() +
           "): " + text::join(titles, "; ") + "\n";
    }
  }
  return s;
}

std::vector<Feature> customs_features() {
  const std::vector<Option> classify_options = {
      {"text", "text", K::Positional, "the goods' description, e.g. \"sintered NdFeB magnets\""},
      {"--file", "batch", K::Text, "a CSV of descriptions (column description, optional id)"},
      {"--k", "k", K::Integer, "candidates to show (default 5)"},
      {"--threshold", "threshold", K::Number,
       "confidence to take the best code (default: the model's)"},
      {"--model", "model", K::Text, "a model file (default: the one the build trained)"},
      {"--hs-nomenclature", "hs_nomenclature", K::Text, "HS nomenclature CSV"}};
  return {
      {"classify",
       "the likeliest HS 2022 subheadings for a goods description, with calibrated confidence",
       "/v1/classify", false, classify_options, false, [](const json&) { return false; }, nullptr,
       run_classify, classify_text, classify_csv, nullptr, classify_exit},
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
      flows_feature(),
  };
}

}  // namespace caravan::api
