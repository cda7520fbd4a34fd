// String helpers (no locale dependence).
#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace caravan::text {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.emplace_back(trim(s.substr(start, pos == std::string_view::npos ? pos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == ' ' || c == '-' || c == '_' || c == '\'' || c == '.' || c == ',') continue;
      out += static_cast<char>(std::tolower(c));
      continue;
    }
    // Two-byte UTF-8 Latin letters with diacritics (U+00C0..U+017F): map to the base letter.
    if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < s.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      ++i;
      static constexpr std::string_view kLatin1 =  // U+00C0..U+00FF
          "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
          "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
      static constexpr std::string_view kExtA =  // U+0100..U+017F
          "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
          "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
      char base = '?';
      if (cp >= 0xC0 && cp <= 0xFF)
        base = kLatin1[cp - 0xC0];
      else if (cp >= 0x100 && cp <= 0x17F && cp - 0x100 < kExtA.size())
        base = kExtA[cp - 0x100];
      if (base != '?') out += base;
      continue;
    }
    // Romanian comma-below letters U+0218..U+021B (Ș ș Ț ț).
    if (c == 0xC8 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x98 && d <= 0x9B) {
        out += d <= 0x99 ? 's' : 't';
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);  // other UTF-8 bytes are kept as they are
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::size_t typo_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Short words (the usual case) use a table on the stack.
  std::size_t small[33 * 33];
  std::vector<std::size_t> big;
  std::size_t* d = small;
  if ((n + 1) * (m + 1) > std::size(small)) {
    big.resize((n + 1) * (m + 1));
    d = big.data();
  }
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      at(i, j) = std::min(
          {at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  return at(n, m);
}

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t window =
      std::max(a.size(), b.size()) / 2 > 0 ? std::max(a.size(), b.size()) / 2 - 1 : 0;
  std::vector<char> am(a.size(), 0), bm(b.size(), 0);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j)
      if (!bm[j] && a[i] == b[j]) {
        am[i] = bm[j] = 1;
        ++matches;
        break;
      }
  }
  if (matches == 0) return 0.0;
  std::size_t k = 0, half_transpositions = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!am[i]) continue;
    while (!bm[k]) ++k;
    if (a[i] != b[k]) ++half_transpositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(half_transpositions / 2)) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long> parse_int(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  long v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string format_number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string compact(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string money(double v) {
  if (std::fabs(v) < 100 && std::fabs(v - std::round(v)) >= 0.005) return format_number(v, 2);
  return thousands(v);
}

std::string money_range(double low, double high) {
  // Whole dollars from 100 up: ends less than a dollar apart are one amount, even when they
  // round to neighbouring dollars.
  if (std::fabs(low) >= 100 && std::fabs(high - low) < 1) return money(low);
  const auto a = money(low), b = money(high);
  return a == b ? a : a + ".." + b;
}

std::string thousands(double v) {
  const bool neg = v < 0;
  auto digits = format_number(std::fabs(std::round(v)), 0);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg && out != "0" ? "-" + out : out;
}

}  // namespace caravan::text
