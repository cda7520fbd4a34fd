// HS codes, schedule look-ups, Incoterm splits and processing chains.
#include <gtest/gtest.h>

#include "tariff/hs_code.h"
#include "tariff/incoterm.h"
#include "tariff/processing.h"
#include "tariff/schedule.h"
#include "tariff/valuation.h"

namespace caravan::tariff {
namespace {

TEST(NormalizeHs, DropsDotsAndRejectsOddLengthsAndLetters) {
  EXPECT_EQ(*normalize_hs("2846.90"), "284690");
  EXPECT_EQ(*normalize_hs("8505 11"), "850511");
  EXPECT_FALSE(normalize_hs("28469"));
  EXPECT_FALSE(normalize_hs("28x6"));
  EXPECT_FALSE(normalize_hs(""));
}

TEST(Nomenclature, UnknownCodeListsTheClosestCodes) {
  Nomenclature nom({{"2846", "RE compounds"},
                    {"284610", "Cerium"},
                    {"284690", "Other RE"},
                    {"280530", "RE metals"}},
                   "test.csv");
  EXPECT_TRUE(validate_hs("2846.90.19", nom));  // national digits beyond six are not checked
  auto bad = validate_hs("2846.99", nom);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::NotFound);
  EXPECT_NE(bad.error().message.find("284690"), std::string::npos);
  EXPECT_EQ(nom.closest("284699").front(), "284690");
}

Figure known(double v) { return Figure{v, std::nullopt, "t.csv:1", {"s"}, "2025"}; }

Schedule sample() {
  Schedule s;
  s.regimes = {{"JP", "", Valuation::Cif, known(10), true, "JPY", ""},
               {"KZ", "EAEU", Valuation::Cif, known(12), true, "KZT", ""},
               {"RU", "EAEU", Valuation::Cif, known(20), true, "RUB", ""},
               {"DE", "EU", Valuation::Cif, known(19), false, "EUR", ""}};
  s.lines = {{"EU", "2846", "*", "MFN", LineKind::Duty, known(3.2), {}, ""},
             {"EU", "284610", "*", "MFN", LineKind::Duty, known(3.5), {}, ""},
             {"EAEU", "*", "*", "MFN", LineKind::Duty, known(5), {}, ""},
             {"EAEU", "*", "EAEU", "internal", LineKind::Duty, known(0), {}, ""}};
  return s;
}

TEST(Schedule, PrefersThePreferenceOfTheOriginsUnionOverMfn) {
  const auto s = sample();
  EXPECT_EQ(*s.line("RU", "KZ", "284690", LineKind::Duty)->rate_pct.value, 0.0);
  EXPECT_EQ(*s.line("RU", "JP", "284690", LineKind::Duty)->rate_pct.value, 5.0);
}

TEST(Schedule, LongestHsPrefixOfTheImportersUnionWins) {
  const auto s = sample();
  EXPECT_EQ(*s.line("DE", "KZ", "284610", LineKind::Duty)->rate_pct.value, 3.5);
  EXPECT_EQ(*s.line("DE", "KZ", "284690", LineKind::Duty)->rate_pct.value, 3.2);
  EXPECT_EQ(s.line("JP", "KZ", "284690", LineKind::Duty), nullptr);
  EXPECT_EQ(s.line("DE", "KZ", "284690", LineKind::Excise), nullptr);
}

TEST(Schedule, TransitChargesFollowTheOriginThenTheModesUsed) {
  auto s = sample();
  s.regimes.push_back({"SG", "", Valuation::Cif, known(9), true, "SGD", ""});
  s.transit = {{"SG", "*", "transit", {}, known(100), ""},
               {"SG", "*", "transshipment in bond", {"sea"}, known(10), ""},
               {"SG", "KZ", "a preference", {}, known(1), ""},
               {"GE", "*", "road-use fee", {"road"}, known(120), ""},
               {"EAEU", "EAEU", "internal", {}, known(0), ""}};
  using V = std::vector<std::string>;
  EXPECT_EQ(s.transit_charge("SG", "JP", V{"sea"})->regime, "transshipment in bond");
  EXPECT_EQ(s.transit_charge("SG", "JP", V{"rail"})->regime, "transit");
  EXPECT_EQ(s.transit_charge("SG", "KZ", V{"sea"})->regime, "a preference");  // origin first
  EXPECT_EQ(s.transit_charge("GE", "KZ", V{"ferry", "road"})->regime, "road-use fee");
  EXPECT_EQ(s.transit_charge("GE", "KZ", V{"rail"}), nullptr);  // a truck fee is not for trains
  EXPECT_EQ(s.transit_charge("RU", "KZ", V{"rail"})->regime, "internal");
  EXPECT_EQ(s.transit_charge("RU", "JP", V{"rail"}), nullptr);
}

TEST(Incoterms, SplitFollowsTheRules) {
  EXPECT_EQ(payer(Incoterm::Exw, Duty::ExportClearance), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Fca, Duty::ExportClearance), Party::Seller);
  EXPECT_EQ(payer(Incoterm::Fca, Duty::PreCarriage), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Fob, Duty::PreCarriage), Party::Seller);
  EXPECT_EQ(payer(Incoterm::Fob, Duty::MainCarriage), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Cfr, Duty::MainCarriage), Party::Seller);
  EXPECT_EQ(payer(Incoterm::Cfr, Duty::Insurance), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Cif, Duty::Insurance), Party::Seller);
  EXPECT_EQ(payer(Incoterm::Cif, Duty::MainCarriageRisk), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Dap, Duty::ImportClearance), Party::Buyer);
  EXPECT_EQ(payer(Incoterm::Ddp, Duty::ImportClearance), Party::Seller);
  EXPECT_EQ(*parse_incoterm("cif"), Incoterm::Cif);
  EXPECT_FALSE(parse_incoterm("CIP"));
}

TEST(Incoterms, LaterTermsNeverShiftACostBackToTheBuyer) {
  for (int d = 0; d <= static_cast<int>(Duty::ImportClearance); ++d) {
    for (int t = 0; t + 1 <= static_cast<int>(Incoterm::Ddp); ++t) {
      if (payer(static_cast<Incoterm>(t), static_cast<Duty>(d)) == Party::Seller) {
        EXPECT_EQ(payer(static_cast<Incoterm>(t + 1), static_cast<Duty>(d)), Party::Seller)
            << "duty " << d << " term " << t;
      }
    }
  }
}

ProcessingStep step(std::string id, std::string from, std::string to, double gi, double go,
                    double r) {
  ProcessingStep s;
  s.id = std::move(id);
  s.from = std::move(from);
  s.to = std::move(to);
  s.input_grade.value = gi;
  s.output_grade.value = go;
  s.recovery.value = r;
  return s;
}

TEST(Processing, ZhanaRecipeGivesSevenHundredTenTonnesOfOrePerTonneOfConcentrate) {
  // corridor_facts.md 5b: G = 0.0008, C = 0.40, r1 = 0.7 -> about 710; 1 / (0.4 x 0.9) -> 2.8.
  const std::vector<ProcessingStep> steps = {step("b", "ore", "conc", 0.0008, 0.40, 0.7),
                                             step("s", "conc", "oxide", 0.40, 1.0, 0.9)};
  EXPECT_NEAR(*input_per_output(steps[0]), 714.3, 0.1);
  auto c = chain(steps, "conc", "oxide");
  ASSERT_TRUE(c);
  EXPECT_NEAR(c->input_per_output, 2.778, 0.001);
  auto all = chain(steps, "ore", "oxide");
  ASSERT_TRUE(all);
  EXPECT_NEAR(all->input_per_output, 714.29 * 2.7778, 1.0);
  EXPECT_FALSE(all->usd_per_t_output);  // costs unknown: not zero
  EXPECT_EQ(all->unknown.size(), 2u);
  EXPECT_FALSE(chain(steps, "oxide", "ore"));
}

TEST(Processing, CostsScaleToOneTonneOfFinalProduct) {
  auto a = step("b", "ore", "conc", 0.1, 0.5, 1.0);    // 5 t ore per t conc
  auto b = step("s", "conc", "oxide", 0.5, 1.0, 1.0);  // 2 t conc per t oxide
  a.usd_per_t_output.value = 10;                       // per t conc: 2 t per t oxide -> 20
  b.usd_per_t_output.value = 100;
  auto c = chain({a, b}, "ore", "oxide");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->input_per_output, 10.0);
  EXPECT_DOUBLE_EQ(*c->usd_per_t_output, 120.0);
}

TEST(Processing, RangeCostsScaleBothEnds) {
  auto a = step("b", "ore", "conc", 0.1, 0.5, 1.0);  // 2 t conc per t oxide
  auto b = step("s", "conc", "oxide", 0.5, 1.0, 1.0);
  a.usd_per_t_output.value = 10;  // a range 10..30 per t conc: 20..60 per t oxide
  a.usd_per_t_output.high = 30;
  b.usd_per_t_output.value = 100;  // a single figure
  auto c = chain({a, b}, "ore", "oxide");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(*c->usd_per_t_output, 120.0);
  ASSERT_TRUE(c->usd_per_t_output_high);
  EXPECT_DOUBLE_EQ(*c->usd_per_t_output_high, 160.0);
  a.usd_per_t_output.high.reset();  // no range: no high end
  EXPECT_FALSE(chain({a, b}, "ore", "oxide")->usd_per_t_output_high);
}

TEST(Processing, NeverIncreasesTheShippedTonnageForGradesThatMakeSense) {
  // Property: with output grade >= input grade and recovery <= 1, input per output >= 1.
  for (double gi = 0.01; gi <= 1.0; gi += 0.07)
    for (double go = gi; go <= 1.0; go += 0.11)
      for (double r = 0.05; r <= 1.0; r += 0.1)
        EXPECT_GE(*input_per_output(step("x", "a", "b", gi, go, r)), 1.0 - 1e-12);
}

}  // namespace
}  // namespace caravan::tariff

namespace caravan::tariff {
namespace {

ReferencePrice price(std::string commodity, std::string hs, double low, double high) {
  ReferencePrice p;
  p.commodity = std::move(commodity);
  p.hs_prefix = std::move(hs);
  p.usd_per_t.value = low;
  p.usd_per_t.high = high;
  p.usd_per_t.sources = {"s"};
  return p;
}

TEST(Valuation, TheCommoditysRowsMakeTheRangeAndFarIsBeyondHalfOrDouble) {
  const std::vector<ReferencePrice> prices = {price("oxide", "284690", 50000, 63000),
                                              price("oxide", "284690", 110000, 140000),
                                              price("", "2846", 800, 3000000)};
  const auto within = check_value(prices, "oxide", "284690", 70000);
  EXPECT_EQ(within.status, ValueStatus::Within);
  EXPECT_EQ(within.rows.size(), 2U);
  EXPECT_DOUBLE_EQ(within.low, 50000);
  EXPECT_DOUBLE_EQ(within.high, 140000);
  const auto below = check_value(prices, "oxide", "284690", 30000);
  EXPECT_EQ(below.status, ValueStatus::Below);
  EXPECT_FALSE(below.far);
  EXPECT_NE(below.message.find("under-invoicing"), std::string::npos);
  const auto far = check_value(prices, "oxide", "284690", 20000);
  EXPECT_TRUE(far.far);
  EXPECT_EQ(check_value(prices, "oxide", "284690", 300000).status, ValueStatus::Above);
}

TEST(Valuation, ACommodityGivenAnotherCodeIsHeldToThatCodesPrices) {
  const std::vector<ReferencePrice> prices = {price("general", "847130", 100000, 300000),
                                              price("", "8505", 20000, 70000)};
  const auto c = check_value(prices, "general", "850511", 5000);
  ASSERT_EQ(c.rows.size(), 1U);
  EXPECT_EQ(c.rows[0]->hs_prefix, "8505");
  EXPECT_NE(c.message.find("HS 850511"), std::string::npos);
  EXPECT_EQ(check_value(prices, "general", "847130", 5000).rows[0]->hs_prefix, "847130");
}

TEST(Valuation, WithoutCommodityRowsTheLongestCodeRowApplies) {
  const std::vector<ReferencePrice> prices = {price("", "28", 1, 2),
                                              price("", "2846", 800, 3000000)};
  const auto c = check_value(prices, "", "284610", 5000);
  ASSERT_EQ(c.rows.size(), 1U);
  EXPECT_EQ(c.rows[0]->hs_prefix, "2846");
  EXPECT_EQ(check_value(prices, "", "850511", 5000).status, ValueStatus::NoReference);
}

}  // namespace
}  // namespace caravan::tariff
