// Landed-cost rules checked against hand-computed examples and properties.
#include "trade/landed_cost.h"

#include <gtest/gtest.h>

#include <random>

namespace caravan::trade {
namespace {
namespace tf = caravan::tariff;

tf::Figure known(double v) { return tf::Figure{v, std::nullopt, "t.csv:1", {"s"}, "2025"}; }
tf::Figure unknown() { return tf::Figure{std::nullopt, std::nullopt, "t.csv:9", {"s"}, "2026"}; }

tf::Schedule schedule() {
  tf::Schedule s;
  s.regimes = {{"JP", "", tf::Valuation::Cif, known(10), true, "JPY", ""},
               {"KZ", "EAEU", tf::Valuation::Cif, known(12), true, "KZT", ""},
               {"US", "", tf::Valuation::Fob, known(0), true, "USD", ""},
               {"DE", "EU", tf::Valuation::Cif, known(19), false, "EUR", ""}};
  s.lines = {{"JP", "2846", "*", "MFN", tf::LineKind::Duty, known(3.3), {}, ""},
             {"US", "2846", "*", "MFN", tf::LineKind::Duty, known(5), {}, ""},
             {"DE", "2709", "*", "MFN", tf::LineKind::Duty, known(0), {}, ""},
             {"DE", "2709", "*", "", tf::LineKind::Excise, known(10), {}, ""},
             {"JP", "2709", "*", "MFN", tf::LineKind::Duty, unknown(), {}, ""},
             // A compound duty: 2% plus 55 yen/kg.
             {"JP", "1001", "*", "MFN", tf::LineKind::Duty, known(2),
              tf::SpecificRate{known(55000), "JPY"}, ""},
             {"US", "1001", "*", "MFN", tf::LineKind::Duty, known(0),
              tf::SpecificRate{known(3), "BRL"}, ""}};
  s.exports = {{"EAEU", "2846", known(0), {}, false, false, ""},
               {"EAEU", "2709", known(0), tf::SpecificRate{known(60), "USD"}, false, false, ""}};
  s.fx = {{"JPY", known(0.0065)}};
  s.parameters = {{"insurance_base_pct", known(0.2)},
                  {"insurance_risk_loading_pct", known(1.0)},
                  {"insured_value_markup", known(1.1)}};
  return s;
}

LandedInput input(tf::Incoterm t = tf::Incoterm::Dap) {
  LandedInput in;
  in.origin_country = "KZ";
  in.destination_country = "JP";
  in.hs = "284690";
  in.goods_value = Usd{100000};
  in.tonnes = Tonnes{10};
  in.pre = {Usd{2000}, Usd{500}, Usd{100}};
  in.main = {Usd{1500}, Usd{0}, Usd{200}};
  in.risk = 0.1;
  in.incoterm = t;
  return in;
}

TEST(LandedCost, DutyIsLevied_OnTheCifValue_AndVatOnTheDutyInclusiveBase) {
  const auto lc = landed_cost(schedule(), input());
  // Freight 2000 + 500 + 1500 = 4000. Insurance: (100000 + 4000) x 1.1 x (0.2% + 1% x 0.1)
  // = 114400 x 0.3% = 343.2. CIF = 104343.2. Duty 3.3% = 3443.3256. VAT 10% of
  // (104343.2 + 3443.3256) = 10778.65256.
  EXPECT_NEAR(lc.find("insurance")->usd.value, 343.2, 1e-9);
  EXPECT_NEAR(lc.customs_value.value, 104343.2, 1e-9);
  EXPECT_NEAR(lc.find("import_duty")->usd.value, 3443.3256, 1e-6);
  EXPECT_NEAR(lc.find("import_vat")->usd.value, 10778.65256, 1e-6);
  EXPECT_TRUE(lc.complete());
  // Total = goods + freight + inventory + insurance + duty + VAT + export duty 0.
  EXPECT_NEAR(lc.total().value, 100000 + 4000 + 300 + 343.2 + 3443.3256 + 10778.65256, 1e-6);
  ASSERT_TRUE(lc.usd_per_unit);
  EXPECT_DOUBLE_EQ(*lc.usd_per_unit, 0.0065);
}

TEST(LandedCost, RangeFiguresGiveALowAndAHighLandedCost) {
  auto s = schedule();
  s.lines[0].rate_pct.high = 6.3;  // JP 2846: 3.3..6.3%
  const auto lc = landed_cost(s, input());
  // Low end as in the example above; high end: duty 6.3% of 104343.2 = 6573.6216, VAT 10% of
  // (104343.2 + 6573.6216) = 11091.68216.
  const auto* duty = lc.find("import_duty");
  EXPECT_NEAR(duty->usd.value, 3443.3256, 1e-6);
  ASSERT_TRUE(duty->usd_high);
  EXPECT_NEAR(duty->usd_high->value, 6573.6216, 1e-6);
  EXPECT_NE(duty->detail.find("range 3.3..6.3%"), std::string::npos) << duty->detail;
  ASSERT_TRUE(lc.find("import_vat")->usd_high);
  EXPECT_NEAR(lc.find("import_vat")->usd_high->value, 11091.68216, 1e-6);
  EXPECT_FALSE(lc.find("insurance")->usd_high);  // not a range: no high end
  EXPECT_TRUE(lc.ranged());
  EXPECT_NEAR(lc.total_high().value - lc.total().value,
              (6573.6216 - 3443.3256) + (11091.68216 - 10778.65256), 1e-6);
  // Without ranges both ends agree.
  const auto single = landed_cost(schedule(), input());
  EXPECT_FALSE(single.ranged());
  EXPECT_EQ(single.total_high(), single.total());
}

TEST(LandedCost, RecoverableVatIsShownButNotCounted) {
  const auto paid = landed_cost(schedule(), input());
  auto in = input();
  in.vat_recoverable = true;
  const auto recovered = landed_cost(schedule(), in);
  const auto* vat = recovered.find("import_vat");
  ASSERT_NE(vat, nullptr);
  EXPECT_FALSE(vat->counted);
  EXPECT_NEAR(vat->usd.value, 10778.65256, 1e-6);  // still computed, as in the example above
  EXPECT_NEAR(paid.total().value - recovered.total().value, 10778.65256, 1e-6);
  EXPECT_NEAR(paid.buyer.value - recovered.buyer.value, 10778.65256, 1e-6);
  // An unknown VAT rate that would be recovered leaves the landed cost complete.
  auto s = schedule();
  s.regimes[0].vat_pct.value.reset();
  EXPECT_FALSE(landed_cost(s, input()).complete());
  EXPECT_TRUE(landed_cost(s, in).complete());
}

TEST(LandedCost, AnUnknownPreferenceIsBetweenZeroAndTheMfnRate) {
  auto s = schedule();
  s.lines.push_back({"JP", "2846", "KZ", "test FTA", tf::LineKind::Duty, unknown(), {}, ""});
  const auto lc = landed_cost(s, input());
  const auto* duty = lc.find("import_duty");
  ASSERT_NE(duty, nullptr);
  EXPECT_TRUE(duty->known);  // bounded, not unknown: an importer can always claim MFN
  EXPECT_EQ(duty->usd.value, 0.0);
  ASSERT_TRUE(duty->usd_high);
  EXPECT_NEAR(duty->usd_high->value, 3443.3256, 1e-6);  // the MFN 3.3% of the CIF value
  EXPECT_NE(duty->detail.find("test FTA rate unknown"), std::string::npos) << duty->detail;
  EXPECT_TRUE(lc.complete());
  // Without an MFN line to bound it, the unknown preference stays unknown.
  s.lines.erase(s.lines.begin());  // JP 2846 MFN
  EXPECT_FALSE(landed_cost(s, input()).find("import_duty")->known);
}

TEST(LandedCost, TheHighEndIsNeverBelowTheLowEnd) {
  // Property: with random ranges on every range-capable figure, each component and the total at
  // the high ends are at least those at the low ends.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 5.0);
  for (int trial = 0; trial < 200; ++trial) {
    auto s = schedule();
    auto widen = [&](tf::Figure& f) {
      if (f.known()) f.high = *f.value + u(rng);
    };
    for (auto& l : s.lines) {
      widen(l.rate_pct);
      if (l.specific) widen(l.specific->per_tonne);
    }
    for (auto& e : s.exports) widen(e.rate_pct);
    for (auto& g : s.regimes) widen(g.vat_pct);
    for (auto& p : s.parameters) widen(p.value);
    for (const char* hs : {"284690", "100199", "270900"}) {
      auto in = input(static_cast<tf::Incoterm>(trial % 7));
      in.hs = hs;
      const auto lc = landed_cost(s, in);
      EXPECT_GE(lc.total_high().value, lc.total().value - 1e-9);
      EXPECT_GE(lc.seller_high.value, lc.seller.value - 1e-9);
      EXPECT_GE(lc.buyer_high.value, lc.buyer.value - 1e-9);
      for (const auto& c : lc.components)
        if (c.usd_high) {
          EXPECT_GE(c.usd_high->value, c.usd.value) << c.name;
        }
    }
  }
}

TEST(LandedCost, SpecificDutiesArePerTonneAtTheDatedRate) {
  auto in = input();
  in.hs = "100199";
  const auto lc = landed_cost(schedule(), in);
  // 2% of the CIF value 104343.2 = 2086.864, plus 55,000 JPY/t x 10 t x 0.0065 USD/JPY = 3575.
  EXPECT_NEAR(lc.find("import_duty")->usd.value, 2086.864 + 3575, 1e-6);
  EXPECT_NE(lc.find("import_duty")->detail.find("JPY 55,000/t x 10 t"), std::string::npos);
  EXPECT_TRUE(lc.find("import_duty")->known);
  // The VAT base includes the whole duty.
  EXPECT_NEAR(lc.find("import_vat")->usd.value, 0.10 * (104343.2 + 2086.864 + 3575), 1e-6);
  // An export duty in USD per tonne: 60 x 10.
  in.hs = "270900";
  in.destination_country = "US";
  EXPECT_NEAR(landed_cost(schedule(), in).find("export_duty")->usd.value, 600, 1e-9);
}

TEST(LandedCost, ASpecificDutyInACurrencyWithoutARateIsUnknownNotZero) {
  auto in = input();
  in.hs = "100199";
  in.destination_country = "US";  // 0% + 3 BRL/t, and fx.csv has no BRL
  const auto lc = landed_cost(schedule(), in);
  EXPECT_FALSE(lc.find("import_duty")->known);
  EXPECT_FALSE(lc.complete());
  EXPECT_NE(lc.find("import_duty")->detail.find("no dated USD rate for BRL"), std::string::npos);
}

TEST(LandedCost, FobValuationExcludesMainCarriageAndInsurance) {
  auto in = input();
  in.destination_country = "US";
  const auto lc = landed_cost(schedule(), in);
  EXPECT_NEAR(lc.customs_value.value, 100000 + 2000 + 500, 1e-9);
  EXPECT_NEAR(lc.find("import_duty")->usd.value, 0.05 * 102500, 1e-9);
}

TEST(LandedCost, EuVatBaseLeavesExciseOutWhenTheRegimeSaysSo) {
  auto in = input();
  in.destination_country = "DE";
  in.hs = "270900";
  in.origin_country = "JP";  // no export line for JP: listed as missing
  const auto lc = landed_cost(schedule(), in);
  const double cif = lc.customs_value.value;
  EXPECT_NEAR(lc.find("excise")->usd.value, 0.10 * cif, 1e-9);
  EXPECT_NEAR(lc.find("import_vat")->usd.value, 0.19 * cif, 1e-9);  // duty 0, excise not in base
  ASSERT_EQ(lc.missing.size(), 1u);
  EXPECT_NE(lc.missing[0].find("export_duty"), std::string::npos);
}

TEST(LandedCost, IncotermSplitsFollowTheTable) {
  const auto s = schedule();
  const auto cif = landed_cost(s, input(tf::Incoterm::Cif));
  // CIF: seller pays pre and main carriage (4000), pre-carriage inventory (100), insurance and
  // the export duty (0); the buyer pays main-carriage inventory (200), duty and VAT.
  EXPECT_NEAR(cif.seller.value, 4000 + 100 + 343.2, 1e-9);
  EXPECT_NEAR(cif.buyer.value, 200 + 3443.3256 + 10778.65256, 1e-6);
  const auto exw = landed_cost(s, input(tf::Incoterm::Exw));
  EXPECT_EQ(exw.seller.value, 0.0);
  const auto fob = landed_cost(s, input(tf::Incoterm::Fob));
  EXPECT_NEAR(fob.seller.value, 2000 + 500 + 100, 1e-9);
  // The landed total does not depend on who pays.
  EXPECT_NEAR(cif.total().value, exw.total().value, 1e-6);
  EXPECT_NEAR(fob.total().value, exw.total().value, 1e-6);
}

TEST(LandedCost, DdpCostsTheSellerAtLeastWhatDapDoes) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  const auto s = schedule();
  for (int i = 0; i < 200; ++i) {
    auto in = input();
    in.goods_value = Usd{1e6 * u(rng)};
    in.pre = {Usd{1e4 * u(rng)}, Usd{1e3 * u(rng)}, Usd{1e3 * u(rng)}};
    in.main = {Usd{1e4 * u(rng)}, Usd{1e3 * u(rng)}, Usd{1e3 * u(rng)}};
    in.risk = u(rng);
    in.incoterm = tf::Incoterm::Dap;
    const auto dap = landed_cost(s, in);
    in.incoterm = tf::Incoterm::Ddp;
    const auto ddp = landed_cost(s, in);
    EXPECT_GE(ddp.seller.value, dap.seller.value);
    EXPECT_NEAR(ddp.total().value, dap.total().value, 1e-6);
  }
}

TEST(LandedCost, InsuranceRisesWithTheRoutesRisk) {
  auto low = input(), high = input();
  low.risk = 0.0;
  high.risk = 0.3;
  EXPECT_LT(landed_cost(schedule(), low).find("insurance")->usd.value,
            landed_cost(schedule(), high).find("insurance")->usd.value);
}

TEST(LandedCost, NoScheduleForTheCountryPairListsEveryMissingComponent) {
  auto in = input();
  in.destination_country = "BR";
  in.transit = {{"CN", {"rail"}}};
  const auto lc = landed_cost(schedule(), in);
  EXPECT_FALSE(lc.complete());
  std::string all;
  for (const auto& m : lc.missing) all += m + "\n";
  for (const char* c : {"import_duty", "excise", "import_vat", "transit_CN"})
    EXPECT_NE(all.find(c), std::string::npos) << c;
  EXPECT_EQ(lc.find("import_duty")->usd.value, 0.0);
  EXPECT_FALSE(lc.find("import_duty")->known);
}

TEST(LandedCost, UnknownDutyIsMissingAndVatIsMarkedALowerBound) {
  auto in = input();
  in.hs = "270900";
  const auto lc = landed_cost(schedule(), in);
  ASSERT_FALSE(lc.find("import_duty")->known);
  EXPECT_NE(lc.find("import_vat")->detail.find("lower bound"), std::string::npos);
}

}  // namespace
}  // namespace caravan::trade
