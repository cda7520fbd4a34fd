// Reading and writing the HS classifier's files (see hs_model_io.h).
#include "io/hs_model_io.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "classify/text_features.h"
#include "io/csv.h"

namespace caravan::io {

Result<std::vector<classify::Example>> read_hs_examples(const std::string& path) {
  CARAVAN_TRY(t, read_table(path, std::filesystem::path(path).filename().string(),
                            {"text", "hs6", "lang", "source_id"}, {}));
  std::vector<classify::Example> out;
  out.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    classify::Example e;
    e.text = r.text("text");
    e.hs6 = r.text("hs6");
    e.lang = r.text("lang");
    e.source = r.text("source_id");
    e.line = static_cast<std::size_t>(row.line);
    if (r.ok() && (e.hs6.size() != 6 || e.hs6.find_first_not_of("0123456789") != std::string::npos))
      r.fail("hs6", "expected 6 digits, found '" + e.hs6 + "'");
    if (r.ok() && (e.lang.size() != 2 ||
                   e.lang.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos))
      r.fail("lang", "expected an ISO 639-1 code (two lower-case letters), found '" + e.lang + "'");
    if (!r.ok()) return r.error();
    out.push_back(std::move(e));
  }
  return out;
}

Result<classify::Lexicon> read_hs_lexicon(const std::string& path) {
  CARAVAN_TRY(t, read_table(path, std::filesystem::path(path).filename().string(),
                            {"term", "adds", "source_id"}, {}));
  classify::Lexicon out;
  for (const auto& row : t.rows) {
    RowReader r(t, row);
    const auto term = classify::words(r.text("term"));
    const auto adds = classify::words(r.text("adds"));
    r.text("source_id");
    if (r.ok() && term.size() != 1)
      r.fail("term", "expected one word, found '" + std::string(r.raw("term")) + "'");
    if (r.ok() && adds.empty())
      r.fail("adds", "expected words to add, found '" + std::string(r.raw("adds")) + "'");
    if (r.ok() && out.contains(term[0])) r.fail("term", "'" + term[0] + "' is listed twice");
    if (!r.ok()) return r.error();
    out[term[0]] = adds;
  }
  return out;
}

Result<std::shared_ptr<const classify::Model>> load_hs_model(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::filesystem::file_time_type,
                                         std::shared_ptr<const classify::Model>>>
      cache;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return make_error(ErrorCode::NotFound,
                      "the classifier model '" + path +
                          "' is missing (the build makes it: run 'make'; or train one with "
                          "'caravan train-classifier --out FILE' and pass --model FILE)",
                      "model");
  const auto stamp = std::filesystem::last_write_time(path, ec);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(path); !ec && it != cache.end() && it->second.first == stamp)
      return it->second.second;
  }
  CARAVAN_TRY(text, read_file(path));
  auto m = classify::parse_model(text, path);
  if (!m) return m.error();
  auto shared = std::make_shared<const classify::Model>(std::move(*m));
  std::lock_guard lock(mutex);
  if (cache.size() >= 4) cache.clear();
  if (!ec) cache[path] = {stamp, shared};
  return shared;
}

Status write_hs_model(const classify::Model& model, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << classify::serialize(model);
  out.close();
  if (!out) return make_error(ErrorCode::Io, "cannot write the model to '" + path + "'", "out");
  return Ok{};
}

Status write_split(const std::vector<classify::Example>& rows, const tariff::Nomenclature& nom,
                   std::uint64_t seed, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::ofstream train(dir + "/train.txt"), test(dir + "/test.txt"), batch(dir + "/test.csv");
  auto line = [](const std::string& hs6, const std::string& text) {
    std::string out = "__label__" + hs6;
    for (const auto& w : classify::words(text)) out += " " + w;
    return out + "\n";
  };
  batch << "id,description\n";
  for (const auto& e : rows) {
    const auto part = classify::split_of(e.text, seed);
    if (part == classify::Split::Train) train << line(e.hs6, e.text);
    if (part == classify::Split::Test) {
      test << line(e.hs6, e.text);
      batch << e.hs6 << "," << csv_escape(e.text) << "\n";
    }
  }
  for (const auto& n : nom.entries())
    if (n.code.size() == 6)
      for (int k = 0; k < 2; ++k) train << line(n.code, classify::nomenclature_text(nom, n.code));
  if (!train || !test || !batch)
    return make_error(ErrorCode::Io, "cannot write the split to '" + dir + "'", "export_split");
  return Ok{};
}

std::string default_hs_model() {
  if (const char* e = std::getenv("CARAVAN_HS_MODEL"); e && *e) return e;
  return CARAVAN_DEFAULT_HS_MODEL;
}

std::string default_hs_examples() {
  if (const char* e = std::getenv("CARAVAN_HS_EXAMPLES"); e && *e) return e;
  return CARAVAN_DEFAULT_HS_EXAMPLES;
}

std::string default_hs_check_set() { return CARAVAN_DEFAULT_HS_CHECK_SET; }
std::string default_hs_lexicon() { return CARAVAN_DEFAULT_HS_LEXICON; }

Result<std::vector<DescriptionRow>> read_descriptions(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  CARAVAN_TRY(t, read_table(path, name, {"description"}, {"id"}));
  std::vector<DescriptionRow> out;
  const int desc = t.column("description"), id = t.column("id");
  for (const auto& row : t.rows) {
    DescriptionRow d;
    d.line = row.line;
    d.text = row.fields[static_cast<std::size_t>(desc)];
    if (id >= 0) d.id = row.fields[static_cast<std::size_t>(id)];
    if (d.text.find_first_not_of(" \t\r\n") == std::string::npos)
      d.error = name + ":" + std::to_string(row.line) + ": description: empty";
    out.push_back(std::move(d));
  }
  if (out.empty())
    return make_error(ErrorCode::InvalidData, name + ": no rows to classify", "file");
  return out;
}

}  // namespace caravan::io
