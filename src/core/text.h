// Small string helpers: splitting, trimming, case and accent folding, edit distance, parsing
// numbers.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caravan::text {
std::vector<std::string> split(std::string_view s, char sep);
std::string_view trim(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Lower-case ASCII, drop accents of common Latin letters, map '-', '_', '\'' and spaces to nothing.
std::string fold(std::string_view s);
std::size_t edit_distance(std::string_view a, std::string_view b);
// Edit distance counting a swap of two adjacent characters as one edit (optimal string
// alignment): "Hambrug" is one edit from "Hamburg".
std::size_t typo_distance(std::string_view a, std::string_view b);
// Jaro-Winkler similarity in [0, 1] (1: equal), which weighs a common beginning.
double jaro_winkler(std::string_view a, std::string_view b);
std::optional<double> parse_double(std::string_view s);
std::optional<long> parse_int(std::string_view s);
std::string format_number(double v, int decimals);
// Shortest readable form: 0.5, 1e+06, 12.25.
std::string compact(double v);
// Groups thousands: 12345.6 -> "12,346".
std::string thousands(double v);

// An amount of money: whole units grouped in thousands, but cents kept below 100 so that small
// fees stay visible: 12345.6 -> "12,346", 2.24 -> "2.24", 39 -> "39".
std::string money(double v);

// A low..high range of money, or one amount when both ends print the same.
std::string money_range(double low, double high);
}  // namespace caravan::text
