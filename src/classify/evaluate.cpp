// Evaluation on held-out rows (see evaluate.h).
#include "classify/evaluate.h"

#include <algorithm>
#include <cmath>

#include "classify/predict.h"

namespace caravan::classify {
namespace {

int group_of(const std::vector<CodeGroup>& groups, const std::string& code) {
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const auto& p : groups[g].prefixes)
      if (code.starts_with(p)) return static_cast<int>(g);
  return -1;
}

}  // namespace

const std::vector<CodeGroup>& catalogue_groups() {
  static const std::vector<CodeGroup> g = {
      {"ores and concentrates", {"253090", "2612", "2617"}},
      {"oxides and compounds", {"2846"}},
      {"metals", {"280530"}},
      {"ferro-alloys", {"7202"}},
      {"magnets", {"850511", "850519"}},
  };
  return g;
}

Evaluation evaluate(const Model& m, const std::vector<const Example*>& rows,
                    const std::vector<CodeGroup>& groups) {
  Evaluation ev;
  ev.rows = rows.size();
  for (const auto& g : groups) ev.groups.push_back(g.name);
  ev.confusion.assign(groups.size(), std::vector<std::size_t>(groups.size() + 1, 0));
  ev.bins.resize(10);
  for (std::size_t b = 0; b < 10; ++b) ev.bins[b] = {b / 10.0, (b + 1) / 10.0, 0, 0, 0};
  ev.threshold = m.threshold;
  std::size_t accepted = 0, accepted_right = 0;
  auto hit = [](const auto& list, std::size_t n, auto&& right) {
    for (std::size_t i = 0; i < std::min(n, list.size()); ++i)
      if (right(list[i].first)) return true;
    return false;
  };
  for (const auto* e : rows) {
    const auto r = rank(m, e->text, 3);
    if (r.six.empty()) continue;
    auto six_right = [&](std::uint32_t c) { return m.classes[c] == e->hs6; };
    auto prefix_right = [&](const std::string& p) { return e->hs6.starts_with(p); };
    const bool right1 = six_right(r.six[0].first);
    ev.six.top1 += right1;
    ev.six.top3 += hit(r.six, 3, six_right);
    ev.four.top1 += hit(r.four, 1, prefix_right);
    ev.four.top3 += hit(r.four, 3, prefix_right);
    ev.two.top1 += hit(r.two, 1, prefix_right);
    ev.two.top3 += hit(r.two, 3, prefix_right);
    auto& lang = ev.by_language[e->lang];
    ++lang.first;
    lang.second += right1;
    const double conf = m.six.apply(r.six[0].second);
    auto& bin = ev.bins[std::min<std::size_t>(9, static_cast<std::size_t>(conf * 10))];
    ++bin.answers;
    bin.mean_confidence += conf;
    bin.accuracy += right1;
    if (conf >= m.threshold) {
      ++accepted;
      accepted_right += right1;
    }
    if (const int g = group_of(groups, e->hs6); g >= 0) {
      const int a = group_of(groups, m.classes[r.six[0].first]);
      ++ev.confusion[static_cast<std::size_t>(g)]
                    [a >= 0 ? static_cast<std::size_t>(a) : groups.size()];
    }
  }
  const double n = std::max<double>(1, static_cast<double>(rows.size()));
  for (auto* a : {&ev.six, &ev.four, &ev.two}) {
    a->top1 /= n;
    a->top3 /= n;
  }
  for (auto& [lang, v] : ev.by_language)
    v.second /= std::max<double>(1, static_cast<double>(v.first));
  for (auto& b : ev.bins) {
    if (b.answers == 0) continue;
    b.mean_confidence /= static_cast<double>(b.answers);
    b.accuracy /= static_cast<double>(b.answers);
    ev.expected_calibration_error +=
        static_cast<double>(b.answers) / n * std::fabs(b.mean_confidence - b.accuracy);
  }
  ev.coverage = static_cast<double>(accepted) / n;
  ev.precision =
      accepted == 0 ? 0 : static_cast<double>(accepted_right) / static_cast<double>(accepted);
  return ev;
}

}  // namespace caravan::classify
