// Ranking the levels of the nomenclature for one description (see predict.h).
#include "classify/predict.h"

#include <algorithm>

namespace caravan::classify {
namespace {

// The best k of a list by probability (ties: the smaller code first, for determinism).
template <class T>
void keep_best(std::vector<std::pair<T, float>>& v, std::size_t k) {
  auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (v.size() > k) {
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end(), better);
    v.resize(k);
  } else {
    std::sort(v.begin(), v.end(), better);
  }
}

// Sums probabilities over runs of classes sharing their first `digits` digits (classes are
// sorted, so each run is contiguous).
std::vector<std::pair<std::string, float>> group(const Model& m, const std::vector<float>& p,
                                                 std::size_t digits) {
  std::vector<std::pair<std::string, float>> out;
  for (std::size_t c = 0; c < m.classes.size(); ++c) {
    const std::string_view key = std::string_view(m.classes[c]).substr(0, digits);
    if (out.empty() || out.back().first != key) out.emplace_back(std::string(key), 0.0F);
    out.back().second += p[c];
  }
  return out;
}

}  // namespace

Ranked rank(const Model& m, std::string_view text, std::size_t k) {
  Ranked r;
  r.vector = m.vectorize(text);
  m.score(r.vector, r.scores);
  std::vector<float> p;
  m.probabilities(r.scores, p);
  r.six.reserve(m.classes.size());
  for (std::size_t c = 0; c < m.classes.size(); ++c)
    r.six.emplace_back(static_cast<std::uint32_t>(c), p[c]);
  keep_best(r.six, k);
  r.four = group(m, p, 4);
  keep_best(r.four, k);
  r.two = group(m, p, 2);
  keep_best(r.two, k);
  return r;
}

}  // namespace caravan::classify
