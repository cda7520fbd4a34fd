// Scoring, probabilities and the text form of a trained model (see model.h).
#include "classify/model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "classify/text_features.h"

namespace caravan::classify {

float Calibration::apply(float raw) const {
  if (points.empty()) return raw;
  if (raw <= points.front().first) return points.front().second;
  if (raw >= points.back().first) return points.back().second;
  const auto it = std::upper_bound(points.begin(), points.end(), raw,
                                   [](float v, const auto& p) { return v < p.first; });
  const auto& [x1, y1] = *it;
  const auto& [x0, y0] = *(it - 1);
  return x1 > x0 ? y0 + (y1 - y0) * (raw - x0) / (x1 - x0) : y1;
}

Vector Model::vectorize(std::string_view text) const {
  Vector v;
  std::unordered_map<std::uint32_t, float> tf;
  for (const auto& f : features(text, &lexicon)) {
    const bool word = f.key.starts_with("w:");
    v.words += word;
    const auto it = feature_index.find(f.key);
    if (it == feature_index.end()) continue;
    v.known_words += word;
    tf[it->second] += f.weight;
  }
  double norm = 0;
  for (const auto& [id, t] : tf) {
    const float x = (1.0F + std::log(std::max(t, 1.0F))) * idf[id] * std::min(t, 1.0F);
    v.entries.emplace_back(id, x);
    norm += static_cast<double>(x) * x;
  }
  std::sort(v.entries.begin(), v.entries.end());
  if (norm > 0)
    for (auto& e : v.entries) e.second = static_cast<float>(e.second / std::sqrt(norm));
  return v;
}

void Model::score(const Vector& v, std::vector<float>& out) const {
  out.assign(classes.size(), 0.0F);
  for (const auto& [f, x] : v.entries)
    for (std::uint32_t k = first[f]; k < first[f + 1]; ++k)
      out[post_class[k]] += x * post_weight[k];
}

void Model::probabilities(const std::vector<float>& scores, std::vector<float>& out) const {
  out.resize(scores.size());
  const float top = scores.empty() ? 0 : *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    out[i] = std::exp(temperature * (scores[i] - top));
    sum += out[i];
  }
  for (auto& p : out) p = static_cast<float>(p / sum);
}

namespace {

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

void write_calibration(std::ostringstream& s, std::string_view name, const Calibration& c) {
  s << name << ' ' << c.points.size();
  for (const auto& [x, y] : c.points) s << ' ' << num(x) << ' ' << num(y);
  s << '\n';
}

// Reads the model's lines with the line number at hand for errors.
class Lines {
 public:
  Lines(std::string_view text, std::string_view name) : text_(text), name_(name) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    const auto end = text_.find('\n', pos_);
    line = text_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_no_;
    return true;
  }
  Error error(const std::string& what) const {
    return make_error(ErrorCode::InvalidData,
                      std::string(name_) + ":" + std::to_string(line_no_) + ": " + what +
                          " (the model file is corrupt or from another version; rebuild it with "
                          "'caravan train-classifier')");
  }

 private:
  std::string_view text_, name_;
  std::size_t pos_ = 0, line_no_ = 0;
};

std::vector<std::string_view> split_spaces(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const auto j = std::min(line.find(' ', i), line.size());
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

template <class T>
bool to_number(std::string_view s, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    const std::string tmp(s);
    char* end = nullptr;
    const double v = std::strtod(tmp.c_str(), &end);
    if (end != tmp.c_str() + tmp.size() || !std::isfinite(v)) return false;
    out = static_cast<T>(v);
    return true;
  } else {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
  }
}

}  // namespace

std::string serialize(const Model& m) {
  std::ostringstream s;
  s << "caravan-hs-model 1\n";
  s << "method " << m.method << '\n';
  s << "seed " << m.seed << '\n';
  s << "data " << m.data_digest << '\n';
  s << "rows " << m.train_rows << ' ' << m.calibration_rows << ' ' << m.test_rows << '\n';
  s << "languages " << m.languages.size();
  for (const auto& [lang, n] : m.languages) s << ' ' << lang << ' ' << n;
  s << '\n';
  s << "lexicon " << m.lexicon.size() << '\n';
  for (const auto& [word, adds] : m.lexicon) {
    s << word;
    for (const auto& a : adds) s << ' ' << a;
    s << '\n';
  }
  s << "temperature " << num(m.temperature) << '\n';
  s << "threshold " << num(m.threshold) << '\n';
  write_calibration(s, "calibration6", m.six);
  write_calibration(s, "calibration4", m.four);
  write_calibration(s, "calibration2", m.two);
  s << "classes " << m.classes.size() << '\n';
  for (const auto& c : m.classes) s << c << '\n';
  s << "features " << m.feature_keys.size() << '\n';
  for (std::size_t f = 0; f < m.feature_keys.size(); ++f) {
    s << m.feature_keys[f] << ' ' << num(m.idf[f]) << ' ' << (m.first[f + 1] - m.first[f]);
    for (auto k = m.first[f]; k < m.first[f + 1]; ++k)
      s << ' ' << m.post_class[k] << ':' << num(m.post_weight[k]);
    s << '\n';
  }
  s << "end\n";
  return s.str();
}

Result<Model> parse_model(std::string_view text, std::string_view name) {
  Model m;
  Lines lines(text, name);
  std::string_view line;
  auto expect = [&](std::string_view key) -> Result<std::vector<std::string_view>> {
    if (!lines.next(line))
      return lines.error("the file ends early; expected '" + std::string(key) + "'");
    auto parts = split_spaces(line);
    if (parts.empty() || parts[0] != key) return lines.error("expected '" + std::string(key) + "'");
    return parts;
  };
  if (!lines.next(line) || line != "caravan-hs-model 1")
    return lines.error("not a Caravan HS model (expected the first line 'caravan-hs-model 1')");
  CARAVAN_TRY(method, expect("method"));
  if (method.size() != 2) return lines.error("expected 'method NAME'");
  m.method = std::string(method[1]);
  CARAVAN_TRY(seed, expect("seed"));
  if (seed.size() != 2 || !to_number(seed[1], m.seed)) return lines.error("expected 'seed N'");
  CARAVAN_TRY(data, expect("data"));
  if (data.size() != 2) return lines.error("expected 'data DIGEST'");
  m.data_digest = std::string(data[1]);
  CARAVAN_TRY(rows, expect("rows"));
  if (rows.size() != 4 || !to_number(rows[1], m.train_rows) ||
      !to_number(rows[2], m.calibration_rows) || !to_number(rows[3], m.test_rows))
    return lines.error("expected 'rows TRAIN CALIBRATION TEST'");
  CARAVAN_TRY(langs, expect("languages"));
  std::size_t nl = 0;
  if (langs.size() < 2 || !to_number(langs[1], nl) || langs.size() != 2 + 2 * nl)
    return lines.error("expected 'languages N (LANG COUNT)...'");
  for (std::size_t i = 0; i < nl; ++i) {
    std::size_t n = 0;
    if (!to_number(langs[3 + 2 * i], n)) return lines.error("bad language count");
    m.languages[std::string(langs[2 + 2 * i])] = n;
  }
  CARAVAN_TRY(lex, expect("lexicon"));
  std::size_t nlex = 0;
  if (lex.size() != 2 || !to_number(lex[1], nlex)) return lines.error("expected 'lexicon N'");
  for (std::size_t i = 0; i < nlex; ++i) {
    if (!lines.next(line)) return lines.error("the file ends inside the lexicon");
    const auto parts = split_spaces(line);
    if (parts.size() < 2) return lines.error("expected 'WORD ADDED-WORD...'");
    auto& adds = m.lexicon[std::string(parts[0])];
    for (std::size_t k = 1; k < parts.size(); ++k) adds.emplace_back(parts[k]);
  }
  CARAVAN_TRY(temp, expect("temperature"));
  if (temp.size() != 2 || !to_number(temp[1], m.temperature) || m.temperature <= 0)
    return lines.error("expected 'temperature X' with X > 0");
  CARAVAN_TRY(thr, expect("threshold"));
  if (thr.size() != 2 || !to_number(thr[1], m.threshold) || m.threshold < 0 || m.threshold > 1)
    return lines.error("expected 'threshold X' with X in [0, 1]");
  for (auto [key, cal] : {std::pair{"calibration6", &m.six}, std::pair{"calibration4", &m.four},
                          std::pair{"calibration2", &m.two}}) {
    CARAVAN_TRY(c, expect(key));
    std::size_t n = 0;
    if (c.size() < 2 || !to_number(c[1], n) || c.size() != 2 + 2 * n)
      return lines.error("expected '" + std::string(key) + " N (RAW CALIBRATED)...'");
    for (std::size_t i = 0; i < n; ++i) {
      float x = 0, y = 0;
      if (!to_number(c[2 + 2 * i], x) || !to_number(c[3 + 2 * i], y))
        return lines.error("bad calibration point");
      cal->points.emplace_back(x, y);
    }
  }
  CARAVAN_TRY(classes, expect("classes"));
  std::size_t nc = 0;
  if (classes.size() != 2 || !to_number(classes[1], nc) || nc == 0)
    return lines.error("expected 'classes N'");
  for (std::size_t i = 0; i < nc; ++i) {
    if (!lines.next(line)) return lines.error("the file ends inside the class list");
    if (line.size() != 6 ||
        !std::all_of(line.begin(), line.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return lines.error("expected a 6-digit HS code");
    m.classes.emplace_back(line);
  }
  CARAVAN_TRY(feats, expect("features"));
  std::size_t nf = 0;
  if (feats.size() != 2 || !to_number(feats[1], nf)) return lines.error("expected 'features N'");
  m.feature_keys.reserve(nf);
  m.idf.reserve(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    if (!lines.next(line)) return lines.error("the file ends inside the feature list");
    const auto parts = split_spaces(line);
    std::size_t np = 0;
    float idf = 0;
    if (parts.size() < 3 || !to_number(parts[1], idf) || !to_number(parts[2], np) ||
        parts.size() != 3 + np)
      return lines.error("expected 'KEY IDF N (CLASS:WEIGHT)...'");
    for (std::size_t i = 0; i < np; ++i) {
      const auto p = parts[3 + i];
      const auto colon = p.find(':');
      std::uint32_t c = 0;
      float w = 0;
      if (colon == std::string_view::npos || !to_number(p.substr(0, colon), c) || c >= nc ||
          !to_number(p.substr(colon + 1), w))
        return lines.error("bad weight '" + std::string(p) + "'");
      m.post_class.push_back(c);
      m.post_weight.push_back(w);
    }
    m.feature_index.emplace(std::string(parts[0]), static_cast<std::uint32_t>(f));
    m.feature_keys.emplace_back(parts[0]);
    m.idf.push_back(idf);
    m.first.push_back(static_cast<std::uint32_t>(m.post_class.size()));
  }
  if (!lines.next(line) || line != "end")
    return lines.error("expected 'end' (the file is cut short)");
  return m;
}

}  // namespace caravan::classify
