// Training: TF-IDF centroids per subheading, refined by perceptron passes, then a temperature
// and isotonic calibration fitted on the calibration split (see train.h).
#include "classify/train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "classify/predict.h"
#include "classify/text_features.h"
#include "core/hash.h"

namespace caravan::classify {
namespace {

// A document of the training set: its features by id (TF-IDF, normalised) and its class.
struct Doc {
  Vector v;
  std::uint32_t cls = 0;
  float weight = 1;
};

// Isotonic regression (pool adjacent violators) of outcomes on raw probabilities, kept as at
// most ~60 points; each block's share is Laplace-smoothed ((right + 1) / (n + 2)), so that a few
// lucky answers never read as certainty.
Calibration isotonic(std::vector<std::pair<float, float>> xy) {
  Calibration c;
  if (xy.empty()) return c;
  std::sort(xy.begin(), xy.end());
  struct Block {
    double x_sum, y_sum, n;
  };
  std::vector<Block> blocks;
  for (const auto& [x, y] : xy) {
    blocks.push_back({x, y, 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].y_sum / blocks[blocks.size() - 2].n >=
                                    blocks.back().y_sum / blocks.back().n) {
      auto b = blocks.back();
      blocks.pop_back();
      blocks.back().x_sum += b.x_sum;
      blocks.back().y_sum += b.y_sum;
      blocks.back().n += b.n;
    }
  }
  // Anchor the ends so that the map covers [0, 1].
  auto share = [](const Block& b) { return static_cast<float>((b.y_sum + 1) / (b.n + 2)); };
  c.points.emplace_back(0.0F, share(blocks.front()));
  const std::size_t step = std::max<std::size_t>(1, blocks.size() / 60);
  for (std::size_t i = 0; i < blocks.size(); i += step) {
    const float x = static_cast<float>(blocks[i].x_sum / blocks[i].n);
    if (x > c.points.back().first)
      c.points.emplace_back(x, std::max(share(blocks[i]), c.points.back().second));
  }
  const float last_y = std::max(share(blocks.back()), c.points.back().second);
  if (c.points.back().first < 1.0F) c.points.emplace_back(1.0F, last_y);
  return c;
}

// Mean negative log-likelihood of the true classes at a temperature.
double nll(const std::vector<std::vector<std::pair<std::uint32_t, float>>>& scores,
           const std::vector<std::uint32_t>& truth, const std::vector<std::size_t>& zeros,
           double t) {
  double sum = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    double top = 0, mine = 0;
    for (const auto& [c, s] : scores[i]) {
      top = std::max(top, static_cast<double>(s));
      if (c == truth[i]) mine = s;
    }
    double z = static_cast<double>(zeros[i]) * std::exp(-t * top);
    for (const auto& [c, s] : scores[i]) z += std::exp(t * (s - top));
    sum += -(t * (mine - top) - std::log(z));
  }
  return sum / static_cast<double>(std::max<std::size_t>(1, scores.size()));
}

}  // namespace

Split split_of(std::string_view text, std::uint64_t seed) {
  std::string key;
  for (char c : text) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::uint64_t h = mix64(fnv1a(key) ^ mix64(seed));
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  return u < 0.8 ? Split::Train : u < 0.9 ? Split::Calibration : Split::Test;
}

std::string nomenclature_text(const tariff::Nomenclature& n, std::string_view hs6) {
  std::string out;
  for (std::size_t digits : {6, 4, 2}) {
    if (hs6.size() < digits) continue;
    if (const auto* e = n.find(hs6.substr(0, digits)); e && e->code.size() == digits) {
      if (!out.empty()) out += " | ";
      out += e->description;
    }
  }
  return out;
}

Result<TrainResponse> train(const TrainRequest& rq) {
  if (rq.nomenclature == nullptr || rq.nomenclature->empty())
    return make_error(ErrorCode::InvalidRequest, "training needs the HS nomenclature");
  const auto& o = rq.options;
  Model m;
  m.method = o.epochs > 0 ? "centroid+perceptron" : "centroid";
  m.lexicon = rq.lexicon;
  m.seed = o.seed;
  for (const auto& e : rq.nomenclature->entries())
    if (e.code.size() == 6) m.classes.push_back(e.code);
  std::unordered_map<std::string, std::uint32_t> class_of;
  for (std::size_t i = 0; i < m.classes.size(); ++i)
    class_of[m.classes[i]] = static_cast<std::uint32_t>(i);

  // The parts of the data; the digest covers every example, in order.
  std::vector<const Example*> train_rows, calibration_rows;
  std::uint64_t digest = fnv1a("caravan");
  for (const auto& e : rq.examples) {
    if (!class_of.contains(e.hs6))
      return make_error(ErrorCode::InvalidData,
                        "example line " + std::to_string(e.line) + ": hs6 '" + e.hs6 +
                            "' is not a subheading of the nomenclature",
                        "hs6");
    digest = fnv1a(e.text + '\t' + e.hs6 + '\t' + e.lang + '\n', digest);
    switch (split_of(e.text, o.seed)) {
      case Split::Train:
        train_rows.push_back(&e);
        break;
      case Split::Calibration:
        calibration_rows.push_back(&e);
        break;
      case Split::Test:
        ++m.test_rows;
        break;
    }
  }
  for (const auto& [w, adds] : m.lexicon)
    for (const auto& a : adds) digest = fnv1a(w + '=' + a + '\n', digest);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(digest));
  m.data_digest = hex;
  m.train_rows = train_rows.size();
  m.calibration_rows = calibration_rows.size();

  // Documents: the training examples and each subheading's own text.
  std::vector<std::pair<std::string, std::pair<std::uint32_t, float>>> texts;
  for (const auto* e : train_rows) {
    texts.push_back({e->text, {class_of[e->hs6], 1.0F}});
    ++m.languages[e->lang];
  }
  for (std::size_t c = 0; c < m.classes.size(); ++c)
    texts.push_back({nomenclature_text(*rq.nomenclature, m.classes[c]),
                     {static_cast<std::uint32_t>(c), o.nomenclature_weight}});
  m.languages["en"] += m.classes.size();

  // Vocabulary (sorted keys, so that ids do not depend on hash order) and IDF.
  std::map<std::string, std::uint32_t> df;
  for (const auto& [text, cls] : texts) {
    std::set<std::string> seen;
    for (auto& f : features(text, &m.lexicon)) seen.insert(std::move(f.key));
    for (const auto& k : seen) ++df[k];
  }
  const double n_docs = static_cast<double>(texts.size());
  for (const auto& [key, count] : df) {
    if (count > std::max(100.0, o.max_document_share * n_docs)) continue;
    m.feature_index.emplace(key, static_cast<std::uint32_t>(m.feature_keys.size()));
    m.feature_keys.push_back(key);
    m.idf.push_back(static_cast<float>(std::log((n_docs + 1) / (count + 1.0)) + 1.0));
  }
  m.first.assign(m.feature_keys.size() + 1, 0);  // no weights yet: vectorize needs only idf
  std::vector<Doc> docs;
  docs.reserve(texts.size());
  for (const auto& [text, cls] : texts) docs.push_back({m.vectorize(text), cls.first, cls.second});

  // Weights by feature, then by class (sorted): the centroids first.
  std::vector<std::vector<std::pair<std::uint32_t, float>>> w(m.feature_keys.size());
  auto weight = [&](std::uint32_t f, std::uint32_t c) -> float& {
    auto& row = w[f];
    auto it = std::lower_bound(row.begin(), row.end(), std::make_pair(c, -1e30F));
    if (it == row.end() || it->first != c) it = row.insert(it, {c, 0.0F});
    return it->second;
  };
  for (const auto& d : docs)
    for (const auto& [f, x] : d.v.entries) weight(f, d.cls) += d.weight * x;
  std::vector<double> norm(m.classes.size(), 0.0);
  for (const auto& row : w)
    for (const auto& [c, x] : row) norm[c] += static_cast<double>(x) * x;
  for (auto& row : w)
    for (auto& [c, x] : row) x = static_cast<float>(x / std::sqrt(std::max(norm[c], 1e-12)));

  // Perceptron passes with a margin: the true class up, the best wrong one down.
  std::mt19937_64 rng(o.seed);
  std::vector<std::size_t> order(docs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(m.classes.size(), 0.0F);
  std::vector<std::uint32_t> touched;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    const float rate = 0.2F / static_cast<float>(epoch + 1);
    for (const auto i : order) {
      const auto& d = docs[i];
      for (const auto& [f, x] : d.v.entries)
        for (const auto& [c, wt] : w[f]) {
          if (scores[c] == 0.0F) touched.push_back(c);
          scores[c] += x * wt;
          if (scores[c] == 0.0F) scores[c] = 1e-30F;  // keep it marked as touched
        }
      std::uint32_t wrong = UINT32_MAX;
      for (const auto c : touched)
        if (c != d.cls && (wrong == UINT32_MAX || scores[c] > scores[wrong] ||
                           (scores[c] == scores[wrong] && c < wrong)))
          wrong = c;
      const float wrong_score = wrong == UINT32_MAX ? 0.0F : scores[wrong];
      if (wrong != UINT32_MAX && scores[d.cls] - wrong_score < 0.1F) {
        for (const auto& [f, x] : d.v.entries) {
          weight(f, d.cls) += rate * x;
          weight(f, wrong) -= rate * x;
        }
      }
      for (const auto c : touched) scores[c] = 0.0F;
      touched.clear();
    }
  }

  // Into the compact form: per feature, (class, weight) by class, tiny weights dropped.
  m.first.assign(1, 0);
  for (auto& row : w) {
    for (const auto& [c, x] : row) {
      if (std::fabs(x) < 1e-4F) continue;
      m.post_class.push_back(c);
      m.post_weight.push_back(x);
    }
    m.first.push_back(static_cast<std::uint32_t>(m.post_class.size()));
    row = {};
  }

  // The temperature: the minimum of the calibration split's log-loss (convex in t), by golden
  // section on log t.
  std::vector<std::vector<std::pair<std::uint32_t, float>>> cal_scores;
  std::vector<std::uint32_t> cal_truth;
  std::vector<std::size_t> zeros;
  for (const auto* e : calibration_rows) {
    const auto v = m.vectorize(e->text);
    m.score(v, scores);
    std::vector<std::pair<std::uint32_t, float>> nz;
    for (std::size_t c = 0; c < scores.size(); ++c)
      if (scores[c] != 0.0F) nz.emplace_back(static_cast<std::uint32_t>(c), scores[c]);
    zeros.push_back(scores.size() - nz.size());
    cal_scores.push_back(std::move(nz));
    cal_truth.push_back(class_of[e->hs6]);
  }
  double lo = 0, hi = 7;  // t from 1 to e^7
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 24 && !cal_scores.empty(); ++it) {
    const double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    if (nll(cal_scores, cal_truth, zeros, std::exp(a)) <
        nll(cal_scores, cal_truth, zeros, std::exp(b)))
      hi = b;
    else
      lo = a;
  }
  m.temperature = static_cast<float>(std::exp((lo + hi) / 2));

  // Calibration maps from the top three of each level, then the threshold.
  std::vector<std::pair<float, float>> six, four, two;
  std::vector<std::pair<float, bool>> top1;
  std::vector<Ranked> ranked;
  for (const auto* e : calibration_rows) {
    const auto r = rank(m, e->text, 3);
    for (const auto& [c, p] : r.six) six.emplace_back(p, m.classes[c] == e->hs6 ? 1.0F : 0.0F);
    for (const auto& [h, p] : r.four) four.emplace_back(p, e->hs6.starts_with(h) ? 1.0F : 0.0F);
    for (const auto& [h, p] : r.two) two.emplace_back(p, e->hs6.starts_with(h) ? 1.0F : 0.0F);
    if (!r.six.empty()) top1.emplace_back(r.six[0].second, m.classes[r.six[0].first] == e->hs6);
  }
  m.six = isotonic(six);
  m.four = isotonic(four);
  m.two = isotonic(two);
  for (auto& [p, ok] : top1) p = m.six.apply(p);
  std::sort(top1.begin(), top1.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  m.threshold = 1.0F;
  std::size_t right = 0;
  for (std::size_t i = 0; i < top1.size(); ++i) {
    right += top1[i].second;
    const bool last_of_value = i + 1 == top1.size() || top1[i + 1].first < top1[i].first;
    if (last_of_value &&
        static_cast<double>(right) / static_cast<double>(i + 1) >= o.target_precision)
      m.threshold = top1[i].first;
  }

  TrainResponse out;
  out.features = m.feature_keys.size();
  out.weights = m.post_class.size();
  out.model = std::move(m);
  return out;
}

}  // namespace caravan::classify
