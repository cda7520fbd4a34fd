// Dates: round trips, month and year, invalid dates, and ISO 3166 codes.
#include "core/date.h"

#include <gtest/gtest.h>

namespace caravan {
namespace {

TEST(Date, ParsesAndFormatsRoundTrip) {
  EXPECT_EQ(parse_date("1970-01-01")->day, 0);
  EXPECT_EQ(parse_date("2000-03-01")->day, 11017);
  for (int day = -3000; day < 80000; day += 37) {
    const Date d{day};
    EXPECT_EQ(parse_date(format_date(d)), d);
  }
  const auto d = *parse_date("2026-11-15");
  EXPECT_EQ(year_of(d), 2026);
  EXPECT_EQ(month_of(d), 11);
  EXPECT_EQ(format_date(add_hours(d, 45 * 24 + 3)), "2026-12-30");
}

TEST(Date, RejectsWhatIsNotADate) {
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "",
                          "2026-00-10", "1800-01-01", "2026-04-31", "abcd-ef-gh"})
    EXPECT_FALSE(parse_date(bad)) << bad;
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-02-29"));
}

TEST(Date, KnowsTheIso3166Codes) {
  for (const char* ok : {"KZ", "JP", "GB", "US", "IR", "AZ", "GE", "TM", "ZW", "AD"})
    EXPECT_TRUE(is_iso3166_alpha2(ok)) << ok;
  for (const char* bad : {"XX", "EU", "UK", "kz", "K", "KZA", ""})
    EXPECT_FALSE(is_iso3166_alpha2(bad)) << bad;
}

}  // namespace
}  // namespace caravan
