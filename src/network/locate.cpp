// Location search over ids, names and aliases.
#include "network/locate.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/text.h"

namespace caravan::network {

namespace {

// The words of a spelling, folded: split at every ASCII character that is not a letter or digit
// (spaces, dashes, slashes, brackets), each word folded as text::fold folds.
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const auto c = i < s.size() ? static_cast<unsigned char>(s[i]) : ' ';
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (auto w = text::fold(s.substr(start, i - start)); !w.empty()) out.push_back(std::move(w));
    start = i + 1;
  }
  return out;
}

// The edits a typo of a query this long may have: 1 up to 6 letters, 2 beyond ("Xiamen" is not
// a typo of "Xi'an"; "Urumchi" is one of "Urumqi").
std::size_t typos_allowed(std::size_t n) { return n <= 6 ? 1 : 2; }

// How well `spelling` (folded) matches the folded query; nullopt: not at all.
std::optional<int> score_of(const std::string& q, const std::vector<std::string>& qw,
                            std::string_view spelling) {
  const std::string f = text::fold(spelling);
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
  // A typo: of the whole spelling, or of a run of as many words as the query has.
  double best = 0;
  auto consider = [&](const std::string& candidate) {
    if (text::typo_distance(q, candidate) > typos_allowed(q.size())) return;
    best = std::max(best, text::jaro_winkler(q, candidate));
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

}  // namespace

std::vector<Match> locate(const Network& net, std::string_view query, std::size_t limit) {
  const std::string q = text::fold(text::trim(query));
  std::vector<Match> out;
  if (q.empty()) return out;
  const auto qw = words_of(query);
  for (std::uint32_t i = 0; i < net.location_count(); ++i) {
    const Location& l = net.location(LocationId{i});
    std::vector<const std::string*> spellings = {&l.id, &l.name};
    for (const auto& a : l.aliases) spellings.push_back(&a);
    Match best{LocationId{i}, 1 << 20, ""};
    for (const auto* s : spellings) {
      const auto score = score_of(q, qw, *s);
      if (score && *score < best.score) best = Match{LocationId{i}, *score, *s};
    }
    if (best.score < (1 << 20)) out.push_back(best);
  }
  std::sort(out.begin(), out.end(), [&](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score < b.score;
    return net.location(a.id).name < net.location(b.id).name;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<LocationId> resolve_location(const Network& net, std::string_view query,
                                    const std::string& field) {
  if (auto id = net.find_location(text::trim(query))) return *id;
  const auto matches = locate(net, query, 6);
  // The best class that has a match decides: a whole spelling, whole words, a beginning.
  std::vector<Match> exact, prefix;
  for (int level = 0; level <= 2 && exact.empty(); ++level)
    for (const auto& m : matches)
      if (m.score == level) exact.push_back(m);
  if (exact.size() == 1) return exact.front().id;
  std::vector<std::string> names;
  for (const auto& m : (exact.size() > 1 ? exact : matches))
    names.push_back(net.location(m.id).name + " (" + net.location(m.id).id + ")");
  if (exact.size() > 1)
    return make_error(ErrorCode::InvalidRequest,
                      "'" + std::string(query) + "' is ambiguous: " + text::join(names, ", "),
                      field);
  return make_error(ErrorCode::NotFound,
                    "unknown location '" + std::string(query) + "'" +
                        (names.empty() ? std::string(" (no close match; try 'caravan locate')")
                                       : " (closest: " + text::join(names, ", ") + ")") +
                        "; the network '" + net.tables().name + "' has " +
                        std::to_string(net.location_count()) +
                        " places (a larger one loads with --network DIR)",
                    field);
}

}  // namespace caravan::network
