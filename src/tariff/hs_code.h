// HS codes: what users type ("2846.90") normalised to digits, and the nomenclature that says
// which codes exist, with the closest codes for a typo.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::tariff {

// Digits only: dots and spaces are dropped; 2, 4, 6, 8 or 10 digits. Errors say what is wrong.
Result<std::string> normalize_hs(std::string_view text, std::string_view field = "hs");

// True when `prefix` ("*" or digits) covers `code` (digits).
bool hs_matches(std::string_view prefix, std::string_view code);

struct HsEntry {
  std::string code;  // digits, 2 to 6
  std::string description;
};

// The codes that exist (chapters, headings and subheadings of one HS edition).
class Nomenclature {
 public:
  Nomenclature() = default;
  Nomenclature(std::vector<HsEntry> entries, std::string source);
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  const std::string& source() const { return source_; }
  const std::vector<HsEntry>& entries() const { return entries_; }  // sorted by code
  // The entry for the code's first six digits (or all of them if fewer); national digits
  // beyond six are not checked. nullptr if absent.
  const HsEntry* find(std::string_view digits) const;
  // Up to n codes of the same level closest to `digits`: longest common prefix first, then
  // edit distance.
  std::vector<std::string> closest(std::string_view digits, std::size_t n = 5) const;

 private:
  std::vector<HsEntry> entries_;  // sorted by code
  std::string source_;
};

// Format check, then existence when the nomenclature is not empty; an unknown code is NotFound
// with the closest codes in the message.
Result<std::string> validate_hs(std::string_view text, const Nomenclature& nomenclature,
                                std::string_view field = "hs");

}  // namespace caravan::tariff
