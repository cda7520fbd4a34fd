// Landed cost, processing and deal as JSON on the embedded network: ranking, unknown duties,
// ranges, bad fields and bad HS codes naming the closest, and the trade-data cache.
#include "api/trade_codec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "io/network_reader.h"
#include "io/tariff_reader.h"
#include "testing/eurasia.h"

namespace caravan::api {
namespace {
using nlohmann::json;

const network::Network& net() { return testing::eurasia(); }

namespace fs = std::filesystem;

// A fresh copy of the embedded tariff folder, to edit.
fs::path copy_of_embedded_tariffs(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(io::default_tariffs_dir()))
    fs::copy_file(e.path(), dir / e.path().filename());
  return dir;
}

TEST(TradeCodec, RoutesAreRankedByLandedCostWithComponents) {
  auto r = landed_cost(net(), {{"from", "Stepnogorsk"},
                               {"to", "Yokohama"},
                               {"commodity", "rare-earth-oxide"},
                               {"tonnes", 100},
                               {"alternatives", 3},
                               {"incoterm", "DDP"}});
  ASSERT_TRUE(r) << r.error().message;
  const auto& routes = (*r)["routes"];
  ASSERT_GE(routes.size(), 2u);
  for (std::size_t i = 1; i < routes.size(); ++i)
    EXPECT_LE(routes[i - 1]["landed_cost_usd"].get<double>(),
              routes[i]["landed_cost_usd"].get<double>());
  EXPECT_EQ(routes[0]["landed_cost"]["buyer_costs_usd"].get<double>(), 0.0);  // DDP
}

TEST(TradeCodec, AnUnknownDutyIsListedAsMissingNeverZero) {
  // A schedule whose only Japanese duty line for rare-earth compounds is "unknown".
  const fs::path dir = copy_of_embedded_tariffs("caravan_unknown_duty");
  std::ofstream(dir / "duties.csv", std::ios::trunc)
      << "importer,hs,origin,kind,rate_pct,agreement,date,sources,note\n"
         "JP,2846.90,*,duty,unknown,MFN,2026,rate_pct:search_notfound,\n";
  auto r = landed_cost(net(), {{"from", "Stepnogorsk"},
                               {"to", "Yokohama"},
                               {"commodity", "rare-earth-oxide"},
                               {"tonnes", 100},
                               {"tariffs", dir.string()}});
  fs::remove_all(dir);
  ASSERT_TRUE(r) << r.error().message;
  const auto& lc = (*r)["routes"][0]["landed_cost"];
  bool duty_missing = false;
  for (const auto& m : lc["missing"])
    duty_missing |= m.get<std::string>().find("import_duty") != std::string::npos;
  EXPECT_TRUE(duty_missing);
  EXPECT_FALSE(lc["complete"].get<bool>());
  for (const auto& c : lc["components"]) {
    if (c["name"] == "import_duty") {
      EXPECT_FALSE(c["known"].get<bool>());
      EXPECT_EQ(c["usd"].get<double>(), 0.0);  // not counted in the (lower-bound) total
    }
  }
}

TEST(TradeCodec, ProcessingAtTheOriginNeverShipsMoreTonnes) {
  for (double t : {0.5, 1.0, 20.0}) {
    auto r = processing_compare(
        net(), {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", t}, {"recovery", 0.8}});
    ASSERT_TRUE(r) << r.error().message;
    const auto& o = (*r)["options"];
    EXPECT_LE(o[1]["shipped_tonnes"].get<double>(), o[0]["shipped_tonnes"].get<double>());
    EXPECT_NEAR(o[0]["shipped_tonnes"].get<double>(), t / (0.40 * 0.8), 1e-9);
  }
}

TEST(TradeCodec, ProcessingTheProductItselfIsAnErrorNotACrash) {
  auto r = processing_compare(net(), {{"from", "Stepnogorsk"},
                                      {"to", "Yokohama"},
                                      {"commodity", "rare-earth-oxide"},
                                      {"tonnes", 100}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidRequest);
  EXPECT_NE(r.error().message.find("nothing to process"), std::string::npos) << r.error().message;
}

TEST(TradeCodec, APlantAtTheDestinationIsAnErrorNamingThePlant) {
  auto r = processing_compare(
      net(), {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"plant", "Yokohama"}, {"tonnes", 1}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidRequest);
  EXPECT_EQ(r.error().field, "plant");
}

TEST(TradeCodec, RangeProcessingCostsGiveALowAndAHighCost) {
  const fs::path dir = copy_of_embedded_tariffs("caravan_processing_range");
  std::ofstream(dir / "processing.csv", std::ios::trunc)
      << "id,from,to,plants,input_grade,output_grade,recovery,usd_per_t_output,date,sources\n"
         "crack-separate,rare-earth-concentrate,rare-earth-oxide,KZ-STEPNOGORSK|JPYOK,0.40,1,"
         "0.9,10000..14000,2026,*:search_notfound\n";
  auto r = processing_compare(
      net(),
      {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", 2}, {"tariffs", dir.string()}});
  fs::remove_all(dir);
  ASSERT_TRUE(r) << r.error().message;
  for (const auto& o : (*r)["options"]) {
    EXPECT_DOUBLE_EQ(o["processing_usd"].get<double>(), 20000);
    EXPECT_DOUBLE_EQ(o["processing_usd_high"].get<double>(), 28000);
    EXPECT_GE(o["cost_usd_high"].get<double>() - o["cost_usd"].get<double>(), 8000 - 1e-6);
  }
}

TEST(TradeCodec, RecoverableVatLeavesTheProcessingChoiceToLogisticsAndProcessing) {
  const json base = {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", 1}};
  json recovered = base;
  recovered["vat_recoverable"] = true;
  auto paid = processing_compare(net(), base);
  auto rec = processing_compare(net(), recovered);
  ASSERT_TRUE(paid && rec);
  // Shipping the oxide pays VAT on its full value; with VAT recovered the gap narrows.
  const double be_paid = (*paid)["break_even_processing_premium_usd_per_t"].get<double>();
  const double be_rec = (*rec)["break_even_processing_premium_usd_per_t"].get<double>();
  EXPECT_LT(std::abs(be_rec), std::abs(be_paid));
  for (int i = 0; i < 2; ++i)
    EXPECT_LT((*rec)["options"][i]["cost_usd"].get<double>(),
              (*paid)["options"][i]["cost_usd"].get<double>());
  auto bad = processing_compare(
      net(),
      {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"tonnes", 1}, {"vat_recoverable", "yes"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "vat_recoverable");
}

TEST(TradeCodec, MalformedOrUnknownHsIsAnErrorWithTheClosestCodes) {
  auto bad = landed_cost(net(), {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"hs", "28.4"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidRequest);
  if (io::default_hs_nomenclature().empty()) GTEST_SKIP() << "no HS nomenclature";
  auto unknown = landed_cost(
      net(), {{"from", "Stepnogorsk"}, {"to", "Yokohama"}, {"hs", "2846.99"}, {"tonnes", 10}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  EXPECT_NE(unknown.error().message.find("284690"), std::string::npos);
}

TEST(TradeCodec, TradeDataIsReadOnceAndAgainWhenAFileChanges) {
  const fs::path dir = copy_of_embedded_tariffs("caravan_trade_data_cache");
  const auto load = [&] { return io::load_trade_data(dir.string(), ""); };
  auto first = load();
  auto second = load();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get());  // the same data, not read again
  const fs::path fx = dir / "fx.csv";
  fs::last_write_time(fx, fs::last_write_time(fx) + std::chrono::seconds(5));
  auto third = load();
  ASSERT_TRUE(third);
  EXPECT_NE(first->get(), third->get());  // an edited schedule is read again
  fs::remove(fx);
  EXPECT_FALSE(load());  // and a broken folder is an error, not the old data
  fs::remove_all(dir);
}

}  // namespace
}  // namespace caravan::api
