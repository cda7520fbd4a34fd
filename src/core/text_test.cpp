// Tests of the string helpers.
#include "core/text.h"

#include <gtest/gtest.h>

#include "core/geo.h"
#include "core/result.h"

namespace caravan {
namespace {

TEST(Fold, IgnoresCaseAccentsAndPunctuation) {
  EXPECT_EQ(text::fold("Ust-Kamenogorsk"), "ustkamenogorsk");
  EXPECT_EQ(text::fold("Öskemen"), "oskemen");
  EXPECT_EQ(text::fold("Türkmenbaşy"), "turkmenbasy");
  EXPECT_EQ(text::fold("Constanța"), "constanta");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(text::edit_distance("yokohama", "yokohama"), 0u);
  EXPECT_EQ(text::edit_distance("yokohma", "yokohama"), 1u);
  EXPECT_EQ(text::edit_distance("kitten", "sitting"), 3u);
}

TEST(ParseDouble, RejectsTrailingGarbageAndNonFinite) {
  EXPECT_EQ(text::parse_double(" 12.5 "), 12.5);
  EXPECT_FALSE(text::parse_double("12km"));
  EXPECT_FALSE(text::parse_double("nan"));
  EXPECT_FALSE(text::parse_double(""));
}

TEST(Thousands, GroupsDigits) {
  EXPECT_EQ(text::thousands(1234567.4), "1,234,567");
  EXPECT_EQ(text::thousands(-999), "-999");
  EXPECT_EQ(text::thousands(0.2), "0");
}

TEST(Money, KeepsCentsOnlyBelowOneHundred) {
  EXPECT_EQ(text::money(12345.6), "12,346");
  EXPECT_EQ(text::money(2.24), "2.24");
  EXPECT_EQ(text::money(39), "39");
  EXPECT_EQ(text::money(99.5), "99.50");
  EXPECT_EQ(text::money_range(2.24, 2.48), "2.24..2.48");
  EXPECT_EQ(text::money_range(7611948.2, 7611948.4), "7,611,948");  // equal as printed
  EXPECT_EQ(text::money_range(0, 42144), "0..42,144");
  EXPECT_EQ(text::money_range(7651590.4, 7651590.6), "7,651,590");  // under a dollar apart
}

TEST(GreatCircle, AktauToAlatIsAbout431Km) {
  // corridor_facts.md: Aktau - Alat great circle 431 km.
  EXPECT_NEAR(great_circle({43.65, 51.15}, {39.95, 49.41}).value, 431.0, 15.0);
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> ok = 3;
  Result<int> bad = make_error(ErrorCode::NotFound, "x");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace caravan
