// The shared name-matching rule.
#include "core/name_match.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/text.h"

namespace caravan::text {

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const auto c = i < s.size() ? static_cast<unsigned char>(s[i]) : ' ';
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (auto w = fold(s.substr(start, i - start)); !w.empty()) out.push_back(std::move(w));
    start = i + 1;
  }
  return out;
}

std::size_t typos_allowed(std::size_t n) { return n <= 6 ? 1 : 2; }

NameQuery::NameQuery(std::string_view query) : folded(fold(trim(query))), words(words_of(query)) {}

std::optional<int> match_score(const NameQuery& query, std::string_view spelling) {
  const std::string& q = query.folded;
  const auto& qw = query.words;
  if (q.empty()) return std::nullopt;
  const std::string f = fold(spelling);
  if (f == q) return 0;
  const auto fw = words_of(spelling);
  // Whole words, in order (a query of several words matches a run of them).
  if (!qw.empty())
    for (std::size_t i = 0; i + qw.size() <= fw.size(); ++i)
      if (std::equal(qw.begin(), qw.end(), fw.begin() + static_cast<long>(i))) return 1;
  if (f.rfind(q, 0) == 0) return 2;
  if (q.size() >= 3) {
    for (const auto& w : fw)
      if (w.rfind(q, 0) == 0) return 3;
    if (f.find(q) != std::string::npos) return 3;
  }
  // A typo: of the whole spelling, or of a run of as many words as the query has. Three letters
  // are too few to tell a typo from another name.
  if (q.size() < 4) return std::nullopt;
  double best = 0;
  auto consider = [&](const std::string& candidate) {
    if (typo_distance(q, candidate) > typos_allowed(q.size())) return;
    best = std::max(best, jaro_winkler(q, candidate));
  };
  consider(f);
  for (std::size_t i = 0; i + qw.size() <= fw.size() && !qw.empty(); ++i) {
    std::string run;
    for (std::size_t k = 0; k < qw.size(); ++k) run += fw[i + k];
    if (run != f) consider(run);
  }
  if (best < 0.85) return std::nullopt;
  return 10 + static_cast<int>(std::lround(100 * (1 - best)));
}

}  // namespace caravan::text
