// The tariff reader: the embedded schedules load with a source and a date for every figure, and
// bad files fail with file, line and field.
#include "io/tariff_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tariff/valuation.h"

namespace caravan::io {
namespace {
namespace fs = std::filesystem;

const std::string kEmbedded = std::string(CARAVAN_DATA_DIR) + "/eurasia/tariffs";

TEST(TariffReader, EmbeddedSchedulesLoad) {
  auto s = load_tariffs(kEmbedded);
  ASSERT_TRUE(s) << s.error().message;
  for (const char* c : {"JP", "CN", "KR", "DE", "TR", "GE", "AZ", "KZ", "RU", "IR"})
    EXPECT_NE(s->regime(c), nullptr) << c;
  EXPECT_FALSE(s->lines.empty());
}

TEST(TariffReader, EveryEmbeddedRateHasASourceAndADate) {
  auto s = load_tariffs(kEmbedded);
  ASSERT_TRUE(s) << s.error().message;
  auto check = [&](const tariff::Figure& f) {
    EXPECT_FALSE(f.sources.empty()) << f.where;
    EXPECT_GE(f.date.size(), 4u) << f.where;
    for (const auto& id : f.sources) {
      const auto* src = s->source(id);
      ASSERT_NE(src, nullptr) << f.where << " " << id;
      EXPECT_FALSE(src->url.empty()) << id;
    }
  };
  for (const auto& r : s->regimes) check(r.vat_pct);
  for (const auto& l : s->lines) check(l.rate_pct);
  for (const auto& l : s->exports) check(l.rate_pct);
  for (const auto& t : s->transit) check(t.usd_per_consignment);
  for (const auto& f : s->fx) check(f.usd_per_unit);
  for (const auto& p : s->parameters) check(p.value);
  // Every catalogue HS line has a duty line (known or "unknown") in every destination market.
  for (const char* imp : {"JP", "KR", "CN", "DE", "TR", "KZ"})
    for (const char* hs :
         {"253090", "261220", "284690", "280530", "850511", "270900", "100199", "847130"})
      EXPECT_NE(s->line(imp, "*", hs, tariff::LineKind::Duty), nullptr) << imp << " " << hs;
}

class TempTariffs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("caravan_tariffs_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(kEmbedded))
      fs::copy_file(e.path(), dir_ / e.path().filename());
  }
  void TearDown() override { fs::remove_all(dir_); }
  void append(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
  }
  void write(const std::string& file, const std::string& text) {
    std::ofstream(dir_ / file, std::ios::trunc) << text;
  }
  // Loading the folder must fail: its message ("" and a test failure when the folder loaded).
  std::string load_error() {
    auto s = load_tariffs(dir_.string());
    if (s) {
      ADD_FAILURE() << "the folder loaded";
      return "";
    }
    return s.error().message;
  }
  fs::path dir_;
};

TEST_F(TempTariffs, RateOutOfRangeNamesFileLineAndField) {
  append("duties.csv", "JP,2846.90,*,duty,1500,MFN,2025,rate_pct:search_notfound,,,");
  const std::string s_msg = load_error();
  EXPECT_NE(s_msg.find("duties.csv:"), std::string::npos) << s_msg;
  EXPECT_NE(s_msg.find("field 'rate_pct'"), std::string::npos) << s_msg;
  EXPECT_NE(s_msg.find("out of range"), std::string::npos) << s_msg;
}

TEST_F(TempTariffs, VatAboveOneHundredPercentIsAnError) {
  append("regimes.csv", "BR,,CIF,120,value+duty,BRL,2025,*:search_notfound,");
  const std::string s_msg = load_error();
  EXPECT_NE(s_msg.find("field 'vat_pct'"), std::string::npos) << s_msg;
}

TEST_F(TempTariffs, RateWithoutSourceOrDateIsAnError) {
  append("duties.csv", "JP,2846.90,*,duty,3.3,MFN,2025,,,,");
  const std::string s_msg = load_error();
  EXPECT_NE(s_msg.find("has no source"), std::string::npos) << s_msg;
  TearDown();
  SetUp();
  append("duties.csv", "JP,2846.90,*,duty,3.3,MFN,,rate_pct:search_notfound,,,");
  const std::string t_msg = load_error();
  EXPECT_NE(t_msg.find("field 'date'"), std::string::npos) << t_msg;
}

TEST_F(TempTariffs, MalformedHsAndUnknownCountryAreErrors) {
  append("duties.csv", "JP,28x6,*,duty,3.3,MFN,2025,rate_pct:search_notfound,,,");
  const std::string s_msg = load_error();
  EXPECT_NE(s_msg.find("field 'hs'"), std::string::npos) << s_msg;
}

constexpr const char* kSpecificHeader =
    "importer,hs,origin,kind,rate_pct,per_tonne,currency,agreement,date,sources,note\n";

TEST_F(TempTariffs, SpecificDutiesPerTonneLoadWithTheirCurrency) {
  write("duties.csv", std::string(kSpecificHeader) +
                          "JP,1001.99,*,duty,0,55000,JPY,MFN,2025,*:search_notfound,55 yen/kg\n"
                          "JP,2846.90,*,duty,3.3,,,MFN,2025,rate_pct:search_notfound,\n");
  auto s = load_tariffs(dir_.string());
  ASSERT_TRUE(s) << s.error().message;
  const auto* wheat = s->line("JP", "KZ", "100199", tariff::LineKind::Duty);
  ASSERT_NE(wheat, nullptr);
  ASSERT_TRUE(wheat->specific);
  EXPECT_EQ(*wheat->specific->per_tonne.value, 55000);
  EXPECT_EQ(wheat->specific->currency, "JPY");
  EXPECT_FALSE(s->line("JP", "KZ", "284690", tariff::LineKind::Duty)->specific);
}

TEST_F(TempTariffs, UncertainFiguresLoadAsRanges) {
  write("duties.csv", std::string(kSpecificHeader) +
                          "EU,1001.99,*,duty,0,0..95,EUR,MFN,2025,*:search_notfound,\n"
                          "GE,1001.99,*,duty,0..12,,,MFN,2025,*:search_notfound,\n");
  auto s = load_tariffs(dir_.string());
  ASSERT_TRUE(s) << s.error().message;
  const auto* ge = s->line("GE", "KZ", "100199", tariff::LineKind::Duty);
  ASSERT_NE(ge, nullptr);
  EXPECT_EQ(*ge->rate_pct.value, 0);
  ASSERT_TRUE(ge->rate_pct.range());
  EXPECT_EQ(*ge->rate_pct.high, 12);
  const auto* eu = s->line("EU", "KZ", "100199", tariff::LineKind::Duty);
  ASSERT_NE(eu, nullptr);
  EXPECT_EQ(eu->specific->per_tonne.at(tariff::Bound::High), 95);
  EXPECT_EQ(eu->specific->per_tonne.at(tariff::Bound::Low), 0);
}

TEST_F(TempTariffs, BadRangesAreErrorsNamingTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"GE,1001.99,*,duty,12..0,,,MFN,2025,*:search_notfound,", "low <= high"},
      {"GE,1001.99,*,duty,0..1500,,,MFN,2025,*:search_notfound,", "within [0, 1000]"},
      {"GE,1001.99,*,duty,0..x,,,MFN,2025,*:search_notfound,", "a range low..high"}};
  for (const auto& [row, expected] : cases) {
    write("duties.csv", std::string(kSpecificHeader) + row + "\n");
    SCOPED_TRACE(row);
    const std::string s_msg = load_error();
    EXPECT_NE(s_msg.find(expected), std::string::npos) << s_msg;
    EXPECT_NE(s_msg.find("duties.csv:2: field 'rate_pct'"), std::string::npos) << s_msg;
  }
  // Exchange rates are dated values, never ranges.
  write("duties.csv", std::string(kSpecificHeader));
  write("fx.csv",
        "currency,usd_per_unit,date,sources,note\nJPY,0.006..0.007,2025,*:search_notfound,\n");
  const std::string fx_msg = load_error();
  EXPECT_NE(fx_msg.find("fx.csv:2: field 'usd_per_unit'"), std::string::npos) << fx_msg;
}

TEST_F(TempTariffs, TransitRowsNameTheModesTheyApplyTo) {
  write("transit.csv",
        "country,origin,regime,via,usd_per_consignment,date,sources,note\n"
        "SG,*,transshipment in bond,sea|ferry,12,2025,*:search_notfound,\n"
        "SG,*,transit,*,50,2025,*:search_notfound,\n");
  auto s = load_tariffs(dir_.string());
  ASSERT_TRUE(s) << s.error().message;
  using V = std::vector<std::string>;
  EXPECT_EQ(s->transit_charge("SG", "KZ", V{"ferry"})->regime, "transshipment in bond");
  EXPECT_EQ(s->transit_charge("SG", "KZ", V{"rail"})->regime, "transit");
  write("transit.csv",
        "country,origin,regime,via,usd_per_consignment,date,sources,note\n"
        "SG,*,transit,air,12,2025,*:search_notfound,\n");
  const std::string bad_msg = load_error();
  EXPECT_NE(bad_msg.find("transit.csv:2: field 'via'"), std::string::npos) << bad_msg;
}

TEST_F(TempTariffs, SpecificDutyErrorsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"JP,1001.99,*,duty,0,55000,JPY,MFN,2025,rate_pct:search_notfound,", "has no source"},
      {"JP,1001.99,*,duty,0,55000,yen,MFN,2025,*:search_notfound,", "field 'currency'"},
      {"JP,1001.99,*,duty,0,,JPY,MFN,2025,*:search_notfound,", "field 'currency'"},
      {"JP,1001.99,*,duty,0,-5,JPY,MFN,2025,*:search_notfound,", "field 'per_tonne'"}};
  for (const auto& [row, expected] : cases) {
    write("duties.csv", std::string(kSpecificHeader) + row + "\n");
    SCOPED_TRACE(row);
    const std::string s_msg = load_error();
    EXPECT_NE(s_msg.find(expected), std::string::npos) << s_msg;
    EXPECT_NE(s_msg.find("duties.csv:2"), std::string::npos) << s_msg;
  }
}

TEST(Nomenclature, SharedHs2022FileLoadsAndFindsTheCatalogueLines) {
  const std::string path = std::string(CARAVAN_SHARED_DIR) + "/data/hs/harmonized-system.csv";
  if (!fs::exists(path)) GTEST_SKIP() << "no shared HS file at " << path;
  auto n = load_nomenclature(path);
  ASSERT_TRUE(n) << n.error().message;
  for (const char* c :
       {"253090", "261220", "284690", "280530", "850511", "270900", "100199", "847130"})
    EXPECT_NE(n->find(c), nullptr) << c;
  auto bad = tariff::validate_hs("2846.99", *n);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("284690"), std::string::npos);
}

}  // namespace
}  // namespace caravan::io

namespace caravan::io {
namespace {

TEST(ReferencePrices, EveryCatalogueCommodityHasASourcedDatedRange) {
  auto s = load_tariffs(kEmbedded);
  ASSERT_TRUE(s) << s.error().message;
  for (const char* c :
       {"rare-earth-ore", "rare-earth-concentrate", "rare-earth-oxide", "rare-earth-metal",
        "ndfeb-magnets", "crude-oil", "grain", "general-container"}) {
    const auto check = tariff::check_value(s->reference_prices, c, "", 1.0);
    ASSERT_FALSE(check.rows.empty()) << c;
    for (const auto* p : check.rows) {
      EXPECT_FALSE(p->usd_per_t.sources.empty()) << c;
      EXPECT_FALSE(p->usd_per_t.date.empty()) << c;
      EXPECT_LE(p->usd_per_t.at(tariff::Bound::Low), p->usd_per_t.at(tariff::Bound::High)) << c;
    }
  }
}

TEST_F(TempTariffs, AReferencePriceWithoutASourceOrWithReversedBoundsIsAnError) {
  append("reference_prices.csv", "grain,1001.99,180..300,quote,2025,,no source");
  EXPECT_NE(load_error().find("reference_prices.csv:"), std::string::npos);
  TearDown();
  SetUp();
  append("reference_prices.csv", "grain,1001.99,300..180,quote,2025,usd_per_t:search_notfound,");
  const auto msg = load_error();
  EXPECT_NE(msg.find("field 'usd_per_t'"), std::string::npos) << msg;
}

}  // namespace
}  // namespace caravan::io

#include "io/source_row.h"

namespace caravan::io {
namespace {

TEST(IsDate, TakesYearMonthAndDayOnlyWhenTheyExist) {
  for (const char* d : {"2025", "2025-01", "2025-12-31"}) EXPECT_TRUE(is_date(d)) << d;
  for (const char* d :
       {"", "25", "2024-20", "2025-13", "2025-00", "2025-01-32", "2025 ; 2008", "2025-1"})
    EXPECT_FALSE(is_date(d)) << d;
}

}  // namespace
}  // namespace caravan::io
