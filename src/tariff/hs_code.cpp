// HS code normalisation, matching and the nomenclature lookup.
#include "tariff/hs_code.h"

#include <algorithm>

#include "core/text.h"

namespace caravan::tariff {

Result<std::string> normalize_hs(std::string_view text, std::string_view field) {
  std::string digits;
  for (char c : text) {
    if (c == '.' || c == ' ') continue;
    if (c < '0' || c > '9')
      return make_error(ErrorCode::InvalidRequest,
                        "field '" + std::string(field) + "': malformed HS code '" +
                            std::string(text) + "' (expected digits such as 2846.90)",
                        std::string(field));
    digits += c;
  }
  if (digits.size() < 2 || digits.size() > 10 || digits.size() % 2 != 0)
    return make_error(ErrorCode::InvalidRequest,
                      "field '" + std::string(field) + "': malformed HS code '" +
                          std::string(text) + "' (expected 2, 4, 6, 8 or 10 digits, found " +
                          std::to_string(digits.size()) + ")",
                      std::string(field));
  return digits;
}

bool hs_matches(std::string_view prefix, std::string_view code) {
  return prefix == "*" || (prefix.size() <= code.size() && code.substr(0, prefix.size()) == prefix);
}

Nomenclature::Nomenclature(std::vector<HsEntry> entries, std::string source)
    : entries_(std::move(entries)), source_(std::move(source)) {
  std::sort(entries_.begin(), entries_.end(),
            [](const HsEntry& a, const HsEntry& b) { return a.code < b.code; });
}

const HsEntry* Nomenclature::find(std::string_view digits) const {
  const std::string key(digits.substr(0, std::min<std::size_t>(6, digits.size())));
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const HsEntry& e, const std::string& k) { return e.code < k; });
  return it != entries_.end() && it->code == key ? &*it : nullptr;
}

std::vector<std::string> Nomenclature::closest(std::string_view digits, std::size_t n) const {
  const std::string key(digits.substr(0, std::min<std::size_t>(6, digits.size())));
  struct Scored {
    std::size_t prefix, distance;
    const HsEntry* e;
  };
  std::vector<Scored> scored;
  for (const auto& e : entries_) {
    if (e.code.size() != key.size()) continue;
    std::size_t p = 0;
    while (p < key.size() && e.code[p] == key[p]) ++p;
    scored.push_back({p, text::edit_distance(e.code, key), &e});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.prefix != b.prefix) return a.prefix > b.prefix;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.e->code < b.e->code;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].e->code);
  return out;
}

Result<std::string> validate_hs(std::string_view text, const Nomenclature& nomenclature,
                                std::string_view field) {
  auto digits = normalize_hs(text, field);
  if (!digits || nomenclature.empty()) return digits;
  if (nomenclature.find(*digits)) return digits;
  std::vector<std::string> near;
  for (const auto& c : nomenclature.closest(*digits)) {
    const auto* e = nomenclature.find(c);
    near.push_back(c + " (" + e->description.substr(0, 60) + ")");
  }
  return make_error(ErrorCode::NotFound,
                    "field '" + std::string(field) + "': HS code '" + std::string(text) +
                        "' is not in the nomenclature " + nomenclature.source() +
                        "; closest: " + text::join(near, "; "),
                    std::string(field));
}

}  // namespace caravan::tariff
