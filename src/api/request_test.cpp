// The field reader: typed fields, ranges, lists, unknown fields, and its one error style.
#include "api/request.h"

#include <gtest/gtest.h>

namespace caravan::api {
namespace {
using nlohmann::json;

TEST(Fields, ReadsTypedFieldsAndNamesTheFieldInEveryError) {
  const json j = {{"s", "x"}, {"n", 5}, {"ns", "7.5"}, {"b", true}, {"l", "a,b,,c"}};
  Fields f(j);
  EXPECT_EQ(*f.str("s"), "x");
  EXPECT_EQ(**f.opt_num("n", 0, 10), 5);
  EXPECT_EQ(**f.opt_num("ns", 0, 10), 7.5);  // a number written as text (query strings)
  EXPECT_TRUE(*f.flag("b"));
  EXPECT_EQ(*f.list("l"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(f.no_unknown());
  auto range = f.opt_num("n", 0, 1);
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().message, "field 'n': value 5 is out of range [0, 1]");
  EXPECT_EQ(range.error().field, "n");
  EXPECT_EQ(range.error().code, ErrorCode::InvalidRequest);
  auto missing = f.str("absent");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "field 'absent': is required");
  auto type = f.flag("s");
  ASSERT_FALSE(type);
  EXPECT_EQ(type.error().message, "field 's': expected true or false, found string");
}

TEST(Fields, AWholeNumberIsRequiredWhereOneIsExpected) {
  const json j = {{"k", 2.5}};
  Fields f(j);
  auto k = f.opt_int("k", 0, 10);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().message, "field 'k': expected a whole number");
}

TEST(Fields, FieldsNobodyReadAreRejectedWithTheKnownOnes) {
  const json j = {{"from", "A"}, {"tonnes", 1}, {"tonne", 2}};
  Fields f(j);
  (void)f.str("from");
  (void)f.opt_num("tonnes", 0, 10);
  auto s = f.no_unknown();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "tonne");
  EXPECT_EQ(s.error().message, "field 'tonne': unknown field (known: from, tonnes)");
}

TEST(Fields, AFieldOfItsOwnShapeIsReadRawAndCountsAsRead) {
  const json j = {{"capacity", {{"a", 1}}}};
  Fields f(j);
  const json* c = f.value("capacity");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->is_object());
  EXPECT_EQ(f.value("other"), nullptr);
  EXPECT_TRUE(f.no_unknown());
}

TEST(Fields, ANonObjectRequestIsAnError) {
  const json j = json::array({1, 2});
  Fields f(j);
  EXPECT_FALSE(f.no_unknown());
}

}  // namespace
}  // namespace caravan::api
