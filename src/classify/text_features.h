// The words of a goods description as model features: lower-cased, split, stop words dropped,
// English plurals folded, plus word pairs and word stems; the script a text is written in.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caravan::classify {

// The writing system of a text, from its letters (the most frequent wins).
enum class Script { None, Latin, Cyrillic, Han, Kana, Other };
std::string_view script_name(Script s);
Script script_of(std::string_view utf8);

// The words of a text: lower case (ASCII and Cyrillic), split at anything that is not a letter
// or digit, stop words dropped, English plurals folded ("magnets" -> "magnet"). Han and kana
// characters are one word each (the languages write no spaces).
std::vector<std::string> words(std::string_view utf8);

// A feature and its weight before IDF: "w:magnet" (word), "b:permanent_magnet" (adjacent
// pair), "p:magne" (the first five letters of a longer word: a stem for any language).
struct Feature {
  std::string key;
  float weight = 1;
};
//
// A lexicon adds the words of a broader term after a word it knows ("neodymium" -> "rare earth
// metal", as the nomenclature speaks of rare-earth metals): unigrams and the pairs inside the
// added term, never pairs across it.
using Lexicon = std::map<std::string, std::vector<std::string>>;
std::vector<Feature> features(std::string_view utf8, const Lexicon* lexicon = nullptr);

// The word a feature key shows a reader ("b:permanent_magnet" -> "permanent magnet").
std::string feature_label(std::string_view key);

}  // namespace caravan::classify
