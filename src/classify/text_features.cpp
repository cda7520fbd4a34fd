// Words and features of a goods description (see text_features.h).
#include "classify/text_features.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace caravan::classify {
namespace {

// One code point from UTF-8 at `i` (advanced); invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra < 0) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  ++i;
  for (int k = 0; k < extra; ++k, ++i) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) >> 6) != 2) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}
bool is_kana(char32_t c) { return c >= 0x3040 && c <= 0x30FF; }
bool is_hiragana(char32_t c) { return c >= 0x3040 && c <= 0x309F; }
bool is_katakana(char32_t c) { return c >= 0x30A0 && c <= 0x30FF; }
bool is_cyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }
bool is_latin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// Letters of other alphabets (Greek, Arabic, Hangul ...): kept as word characters.
bool is_other_letter(char32_t c) {
  return (c >= 0x370 && c <= 0x3FF) || (c >= 0x530 && c <= 0x1FFF) || (c >= 0xAC00 && c <= 0xD7AF);
}

char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x460 && c <= 0x4FF && c % 2 == 0 && c != 0x482) return c + 1;
  return c;
}

constexpr std::string_view kStopWords[] = {
    "a",      "an",      "the",       "of",        "for",    "and",    "or",    "with",  "without",
    "in",     "on",      "to",        "by",        "from",   "not",    "other", "than",  "whether",
    "its",    "their",   "be",        "is",        "are",    "as",     "at",    "such",  "which",
    "this",   "these",   "that",      "into",      "but",    "nes",    "n.e.s", "etc",   "eg",
    "ie",     "thereof", "so",        "kind",      "kinds",  "type",   "types", "used",  "use",
    "having", "also",    "including", "excluding", "и",      "в",      "на",    "для",   "из",
    "с",      "или",     "не",        "прочие",    "прочих", "прочий", "кроме", "более", "менее",
    "他",     "及",      "又",        "並",        "等",     "其"};

bool is_stop_word(std::string_view w) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), w) != std::end(kStopWords);
}

bool ascii_only(std::string_view w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool ends_with(std::string_view w, std::string_view tail) {
  return w.size() >= tail.size() && w.substr(w.size() - tail.size()) == tail;
}

// English plurals folded onto the singular, conservatively: "batteries" -> "battery",
// "boxes" -> "box", "magnets" -> "magnet"; "glass", "gas", "virus", "analysis" are kept.
std::string fold_plural(std::string w) {
  if (!ascii_only(w) || w.size() < 4) return w;
  if (ends_with(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (ends_with(w, "sses") || ends_with(w, "xes") || ends_with(w, "ches") || ends_with(w, "shes"))
    return w.substr(0, w.size() - 2);
  if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is") &&
      !ends_with(w, "as"))
    return w.substr(0, w.size() - 1);
  return w;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) >> 6) != 2;
  return n;
}

std::string first_code_points(std::string_view s, std::size_t n) {
  std::size_t i = 0, seen = 0;
  while (i < s.size() && seen < n) {
    next_code_point(s, i);
    ++seen;
  }
  return std::string(s.substr(0, i));
}

}  // namespace

std::string_view script_name(Script s) {
  switch (s) {
    case Script::None:
      return "none";
    case Script::Latin:
      return "Latin";
    case Script::Cyrillic:
      return "Cyrillic";
    case Script::Han:
      return "Han (Chinese characters)";
    case Script::Kana:
      return "Japanese kana";
    case Script::Other:
      return "another alphabet";
  }
  return "none";
}

Script script_of(std::string_view s) {
  std::array<int, 6> count{};
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if (is_latin(c))
      ++count[static_cast<int>(Script::Latin)];
    else if (is_cyrillic(c))
      ++count[static_cast<int>(Script::Cyrillic)];
    else if (is_kana(c))
      count[static_cast<int>(Script::Kana)] += 3;  // kana marks Japanese
    else if (is_han(c))
      ++count[static_cast<int>(Script::Han)];
    else if (is_other_letter(c))
      ++count[static_cast<int>(Script::Other)];
  }
  const auto best = std::max_element(count.begin(), count.end());
  return *best == 0 ? Script::None : static_cast<Script>(best - count.begin());
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    const bool digits_only =
        std::all_of(cur.begin(), cur.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!(digits_only && cur.size() < 2) && !is_stop_word(cur)) out.push_back(fold_plural(cur));
    cur.clear();
  };
  char32_t prev = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = lower(next_code_point(s, i));
    const char32_t before = prev;
    prev = c;
    if (is_katakana(c)) {  // a katakana run is one word (loanwords: ネオジム)
      if (!cur.empty() && !is_katakana(before)) flush();
      append_utf8(cur, c);
    } else if (is_han(c)) {  // each character a word; pairs come from adjacency
      flush();
      append_utf8(cur, c);
      flush();
    } else if (is_hiragana(c)) {  // grammar (particles, endings): a separator
      flush();
    } else if (is_digit(c) || is_latin(c) || is_cyrillic(c) || is_other_letter(c)) {
      if (!cur.empty() && is_katakana(before)) flush();
      append_utf8(cur, c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::vector<Feature> features(std::string_view s, const Lexicon* lexicon) {
  const auto ws = words(s);
  std::vector<Feature> out;
  out.reserve(ws.size() * 3);
  auto add = [&out](const std::vector<std::string>& seq) {
    for (std::size_t i = 0; i < seq.size(); ++i) {
      out.push_back({"w:" + seq[i], 1.0F});
      if (i + 1 < seq.size()) out.push_back({"b:" + seq[i] + "_" + seq[i + 1], 0.7F});
      if (code_points(seq[i]) >= 6) out.push_back({"p:" + first_code_points(seq[i], 5), 0.5F});
    }
  };
  add(ws);
  if (lexicon != nullptr)
    for (const auto& w : ws)
      if (const auto it = lexicon->find(w); it != lexicon->end()) add(it->second);
  return out;
}

std::string feature_label(std::string_view key) {
  std::string out(key.size() > 2 ? key.substr(2) : key);
  if (key.starts_with("b:")) std::replace(out.begin(), out.end(), '_', ' ');
  if (key.starts_with("p:")) out += "-";
  return out;
}

}  // namespace caravan::classify
