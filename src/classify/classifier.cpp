// The classify use-case (see classifier.h).
#include "classify/classifier.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "classify/predict.h"
#include "classify/text_features.h"
#include "classify/train.h"

namespace caravan::classify {
namespace {

// The languages a script is written in, as ISO 639-1 codes.
std::vector<std::string> languages_of(Script s) {
  switch (s) {
    case Script::Latin:
      return {"en", "fr", "de", "es", "it", "pt", "nl", "tr", "uz", "kk"};
    case Script::Cyrillic:
      return {"ru", "kk", "uk", "be", "ky", "tg", "mn", "bg", "sr"};
    case Script::Han:
      return {"zh", "ja"};
    case Script::Kana:
      return {"ja"};
    default:
      return {};
  }
}

std::string trained_on(const Model& m) {
  std::string out;
  for (const auto& [lang, n] : m.languages) {
    if (!out.empty()) out += ", ";
    out += lang + " (" + std::to_string(n) + " rows)";
  }
  return out;
}

bool has_control_characters(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
}

std::string description_of(const tariff::Nomenclature& n, const std::string& code) {
  const auto* e = n.find(code);
  return e != nullptr && e->code == code ? e->description : std::string();
}

}  // namespace

Result<Choice> choose_code(const Model& m, const tariff::Nomenclature& n, const std::string& text,
                           float threshold) {
  CARAVAN_TRY(r, classify(m, n, {text, 5, threshold}));
  auto pct = [](float x) { return std::to_string(static_cast<int>(std::lround(x * 100))); };
  if (!r.confident) {
    std::string list;
    for (const auto& c : r.candidates)
      list += "\n  " + dotted(c.subheading.code) + " (" + pct(c.subheading.confidence) + "%) " +
              c.subheading.description;
    return make_error(
        ErrorCode::InvalidRequest,
        "describe: no HS code reaches the threshold of " + pct(r.threshold) + "% for '" + text +
            "'; give one of these with --hs, or describe the goods more precisely:" + list,
        "describe");
  }
  Choice c;
  c.best = r.candidates[0];
  if (r.candidates.size() > 1) c.runner_up = r.candidates[1];
  c.threshold = r.threshold;
  return c;
}

std::string dotted(const std::string& d) {
  return d.size() > 4 ? d.substr(0, 4) + "." + d.substr(4) : d;
}

Result<ClassifyResponse> classify(const Model& m, const tariff::Nomenclature& n,
                                  const ClassifyRequest& rq) {
  auto fail = [](const std::string& what) {
    return make_error(ErrorCode::InvalidRequest, "describe: " + what, "describe");
  };
  const auto first = rq.text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return fail("the description is empty");
  if (has_control_characters(rq.text))
    return fail("the description holds control characters; expected text");
  if (rq.text.size() > 2000) return fail("the description is longer than 2000 bytes");
  if (rq.k < 1 || rq.k > 20) return fail("k must be from 1 to 20");
  ClassifyResponse out;
  out.text = rq.text;
  const Script script = script_of(rq.text);
  out.script = std::string(script_name(script));
  if (script == Script::None)
    return fail("the description has no letters ('" + rq.text + "'); describe the goods in words");
  const auto langs = languages_of(script);
  const bool trained = std::any_of(langs.begin(), langs.end(),
                                   [&](const std::string& l) { return m.languages.contains(l); });
  if (!trained)
    return fail("the description is written in " + out.script +
                ", a script the model was not trained on; it was trained on " + trained_on(m));

  if (script == Script::Han && !m.languages.contains("zh"))
    out.note =
        "written in Han characters without kana: read as Japanese (the model has no Chinese "
        "rows)";
  const auto r = rank(m, rq.text, rq.k);
  out.words = r.vector.words;
  out.known_words = r.vector.known_words;
  if (out.known_words == 0)
    return fail("none of its words is known to the model (trained on " + trained_on(m) +
                "); is it in another language, or misspelt?");

  std::map<std::string, float> heading_p(r.four.begin(), r.four.end());
  std::map<std::string, float> chapter_p(r.two.begin(), r.two.end());
  for (const auto& [c, p] : r.six) {
    Candidate cand;
    const auto& code = m.classes[c];
    cand.subheading = {code, description_of(n, code), m.six.apply(p)};
    const auto h = code.substr(0, 4), ch = code.substr(0, 2);
    cand.heading = {h, description_of(n, h),
                    m.four.apply(heading_p.contains(h) ? heading_p[h] : p)};
    cand.chapter = {ch, description_of(n, ch),
                    m.two.apply(chapter_p.contains(ch) ? chapter_p[ch] : p)};
    cand.nomenclature = nomenclature_text(n, code);
    // The words behind the score: each feature's value times its weight for this class.
    std::vector<std::pair<float, std::string>> parts;
    for (const auto& [f, x] : r.vector.entries)
      for (auto k = m.first[f]; k < m.first[f + 1]; ++k)
        if (m.post_class[k] == c && x * m.post_weight[k] > 0)
          parts.emplace_back(x * m.post_weight[k], feature_label(m.feature_keys[f]));
    std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [w, label] : parts) {
      if (cand.matched.size() == 5) break;
      if (std::find(cand.matched.begin(), cand.matched.end(), label) == cand.matched.end())
        cand.matched.push_back(label);
    }
    out.candidates.push_back(std::move(cand));
  }
  out.threshold = rq.threshold >= 0 ? rq.threshold : m.threshold;
  const float best = out.candidates.empty() ? 0 : out.candidates[0].subheading.confidence;
  out.confident = best >= out.threshold;
  if (!out.confident) {
    if (!out.note.empty()) out.note += "; ";
    out.note += "low confidence: the best code has " +
                std::to_string(static_cast<int>(std::lround(best * 100))) +
                "% against a threshold of " +
                std::to_string(static_cast<int>(std::lround(out.threshold * 100))) +
                "%; choose among the candidates or describe the goods more precisely";
    if (out.known_words * 2 < out.words)
      out.note += " (only " + std::to_string(out.known_words) + " of its " +
                  std::to_string(out.words) + " words are known to the model)";
  }
  return out;
}

}  // namespace caravan::classify
