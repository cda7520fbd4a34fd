// Calendar dates as days since 1970-01-01 (UTC, proleptic Gregorian): the one parser of the
// YYYY-MM-DD format, months of a date, and dates a number of hours later.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace caravan {

// A day number: 0 is 1970-01-01.
struct Date {
  int day = 0;
  friend auto operator<=>(Date, Date) = default;
};

// "YYYY-MM-DD" (a valid calendar date, years 1900..2200); nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);
Date make_date(int year, int month, int day);
int year_of(Date d);
int month_of(Date d);  // 1..12
// The date `hours` after the start of day `d`.
Date add_hours(Date d, double hours);

// Every ISO 3166-1 alpha-2 code: true for "KZ", false for "XX".
bool is_iso3166_alpha2(std::string_view code);

}  // namespace caravan
