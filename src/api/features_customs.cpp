// The customs features: classify (a description, a batch file or a list); `describe` and the
// valuation check for the features that price goods (train/evaluate: classifier_codec.cpp).
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "api/customs_codec.h"
#include "api/feature_groups.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/hs_model_io.h"
#include "io/tariff_reader.h"
#include "tariff/valuation.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

int pct(double x) { return static_cast<int>(std::lround(x * 100)); }

Result<std::shared_ptr<const tariff::TradeData>> load_nomenclature(
    const std::optional<std::string>& nom, const std::string& why) {
  const std::string nfile = nom.value_or(io::default_hs_nomenclature());
  if (nfile.empty())
    return make_error(ErrorCode::NotFound, why + " (--hs-nomenclature FILE)", "hs_nomenclature");
  return io::load_trade_data(io::default_tariffs_dir(), nfile);
}

Result<LoadedClassifier> load_classifier(const std::optional<std::string>& model,
                                         const std::optional<std::string>& nom) {
  LoadedClassifier l;
  l.model_file = model.value_or(io::default_hs_model());
  CARAVAN_TRY(m, io::load_hs_model(l.model_file));
  l.model = m;
  CARAVAN_TRY(d, load_nomenclature(nom, "the HS nomenclature is needed to name the codes"));
  l.data = d;
  return l;
}

json model_json(const LoadedClassifier& l) {
  const auto& m = *l.model;
  json langs = json::object();
  for (const auto& [lang, n] : m.languages) langs[lang] = n;
  return {{"file", l.model_file},       {"method", m.method}, {"seed", m.seed},
          {"train_rows", m.train_rows}, {"languages", langs}, {"threshold", m.threshold},
          {"data", m.data_digest}};
}

namespace {

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
  CARAVAN_TRY(l, load_classifier(model, nom));
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

// A batch with failed rows still exits 0 (the rows carry their errors); stderr says so.
int classify_exit(const json& r, std::ostream& err) {
  if (r.contains("rows") && r["failed"].get<std::size_t>() > 0)
    err << "warning: " << r["failed"] << " of " << r["rows"].size()
        << " rows could not be classified (see their errors)\n";
  return 0;
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
  CARAVAN_TRY(l, load_classifier(model, nom_field));
  CARAVAN_TRY(choice, classify::choose_code(*l.model, l.data->nomenclature, text,
                                            threshold ? static_cast<float>(*threshold) : -1.0F));
  const auto& best = choice.best;
  rq["hs"] = classify::dotted(best.subheading.code);
  json chosen = {{"describe", text},
                 {"hs", classify::dotted(best.subheading.code)},
                 {"description", best.subheading.description},
                 {"confidence", best.subheading.confidence},
                 {"threshold", choice.threshold},
                 {"why", best.matched},
                 {"model", l.model_file}};
  if (choice.runner_up)
    chosen["runner_up"] = {{"hs", classify::dotted(choice.runner_up->subheading.code)},
                           {"description", choice.runner_up->subheading.description},
                           {"confidence", choice.runner_up->subheading.confidence}};
  return std::optional<json>(chosen);
}

Result<json> valuation_json(const json& q, const std::string& tariffs_dir) {
  if (!q.is_object() || !q.contains("hs") || !q.contains("tonnes") || !q.contains("value_usd"))
    return json(nullptr);
  const double tonnes = q["tonnes"].get<double>();
  if (tonnes <= 0) return json(nullptr);
  CARAVAN_TRY(
      data, io::load_trade_data(tariffs_dir.empty() ? io::default_tariffs_dir() : tariffs_dir, ""));
  const std::string hs = q["hs"].get<std::string>();
  const std::string commodity = q.value("commodity", std::string());
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
  std::vector<Feature> out = {
      {"classify",
       "the likeliest HS 2022 subheadings for a goods description, with calibrated confidence",
       "/v1/classify", false, classify_options, false, [](const json&) { return false; }, nullptr,
       run_classify, classify_text, classify_csv, nullptr, classify_exit},
      flows_feature(),
  };
  for (auto& f : classifier_features()) out.push_back(std::move(f));
  return out;
}

}  // namespace caravan::api
