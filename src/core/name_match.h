// How well a spelling of a place matches a typed query: the one scoring rule that `locate` over
// the network and the gazetteer share (whole spelling, whole words, beginnings, then typos).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caravan::text {

// The words of a spelling, folded: split at every ASCII character that is not a letter or digit
// (spaces, dashes, slashes, brackets), each word folded as text::fold folds.
std::vector<std::string> words_of(std::string_view s);

// The edits a typo of a query this long may have: 1 up to 6 letters, 2 beyond ("Xiamen" is not
// a typo of "Xi'an"; "Urumchi" is one of "Urumqi").
std::size_t typos_allowed(std::size_t n);

// A query folded once for many spellings.
struct NameQuery {
  explicit NameQuery(std::string_view query);
  std::string folded;
  std::vector<std::string> words;
};

// 0 the whole spelling, 1 whole words of it ("Osaka" in "Kobe/Osaka (Hanshin)"), 2 its beginning,
// 3 the beginning of a word or a part of 3+ letters, 10+ a typo of a query of 4+ letters (10 +
// 100 x (1 - Jaro-Winkler similarity), when the typo distance is small for the length); nullopt:
// no match.
std::optional<int> match_score(const NameQuery& q, std::string_view spelling);

}  // namespace caravan::text
