// The typed trade use-cases on the embedded network: the cut at the port of shipment keeps every
// dollar, transit countries carry the modes of their legs, the processing comparison never ships
// more after processing, and a deal's subsidies close the gap to the cheapest corridor.
#include "trade/landed_route.h"

#include <gtest/gtest.h>

#include <map>

#include "io/network_reader.h"
#include "io/tariff_reader.h"
#include "testing/eurasia.h"
#include "trade/deal.h"
#include "trade/processing_comparison.h"

namespace caravan::trade {
namespace {

const network::Network& net() { return testing::eurasia(); }

std::shared_ptr<const tariff::TradeData> data() {
  auto d = io::load_trade_data(io::default_tariffs_dir(), "");
  EXPECT_TRUE(d) << d.error().message;
  return *d;
}

// 100 t of oxide from Stepnogorsk to Yokohama, avoiding `avoid`.
route::PlanRequest oxide(const std::vector<std::string>& avoid = {}, double tonnes = 100) {
  route::PlanRequest r;
  r.query.from = *net().find_location("KZ-STEPNOGORSK");
  r.query.to = *net().find_location("JPYOK");
  r.shipment = *cost::make_shipment(net(), "rare-earth-oxide", tonnes, std::nullopt, std::nullopt);
  r.query.hs = r.shipment.hs;
  r.params.carrying_rate_per_year = net().tables().carrying_rate_per_year;
  r.query.value_of_time_usd_per_hour = cost::default_value_of_time_usd_per_hour(r.shipment);
  for (const auto& c : avoid) r.query.constraints.avoid_countries.push_back(*net().find_country(c));
  return r;
}

TEST(LandedRoute, CutAtThePortOfShipmentKeepsTheItineraryCost) {
  auto r = oxide();
  r.alternatives = 3;
  auto plan = route::plan(net(), r);
  ASSERT_TRUE(plan && !plan->routes.empty());
  for (const auto& it : plan->routes) {
    const auto in = landed_input(net(), it, r.shipment, {tariff::Incoterm::Cif, false});
    const double sum = (in.pre.freight + in.pre.border + in.pre.inventory + in.pre.regimes +
                        in.main.freight + in.main.border + in.main.inventory + in.main.regimes)
                           .value;
    EXPECT_NEAR(sum, it.cost().value, 1e-6);
    EXPECT_EQ(in.origin_country, "KZ");
    EXPECT_EQ(in.destination_country, "JP");
  }
}

TEST(LandedRoute, TransitCountriesCarryTheModesOfTheirLegs) {
  // The Middle Corridor: ferry to Azerbaijan, rail across it, Georgia and Turkey to Mersin, then
  // ships by way of Singapore.
  const auto r = oxide({"CN", "RU", "IR"});
  auto plan = route::plan(net(), r);
  ASSERT_TRUE(plan && !plan->routes.empty());
  const auto in = landed_input(net(), plan->routes[0], r.shipment, LandedOptions{});
  std::map<std::string, std::vector<std::string>> modes;
  for (const auto& t : in.transit) modes[t.country] = t.modes;
  ASSERT_TRUE(modes.count("AZ") && modes.count("GE") && modes.count("TR") && modes.count("SG"));
  using V = std::vector<std::string>;
  EXPECT_EQ(modes["AZ"], (V{"ferry", "rail"}));  // the Caspian ferry, then rail to Georgia
  EXPECT_EQ(modes["GE"], (V{"rail"}));           // Baku-Tbilisi-Kars
  EXPECT_EQ(modes["TR"], (V{"rail", "sea"}));    // rail to Mersin, a ship onwards
  EXPECT_EQ(modes["SG"], (V{"sea"}));            // a transshipment
}

TEST(LandedRoute, RoutesComeCheapestLandedFirstAndEachIsPriced) {
  LandedCostRequest q{oxide(), {tariff::Incoterm::Ddp, false}, data()};
  q.plan.alternatives = 3;
  auto res = run_landed_cost(net(), q);
  ASSERT_TRUE(res) << res.error().message;
  ASSERT_GE(res->routes.size(), 2u);
  for (std::size_t i = 1; i < res->routes.size(); ++i)
    EXPECT_LE(res->routes[i - 1].landed.total().value, res->routes[i].landed.total().value + 0.01);
  EXPECT_EQ(res->routes[0].landed.buyer.value, 0.0);  // DDP: the seller pays everything
}

TEST(LandedRoute, AnHsCodeFindsTheCatalogueCommodityOfItsHeading) {
  EXPECT_EQ(commodity_for_hs(net(), "284690"), "rare-earth-oxide");
  EXPECT_EQ(commodity_for_hs(net(), "9999"), std::nullopt);
}

TEST(ProcessingComparison, ProcessingAtTheOriginNeverShipsMoreTonnes) {
  for (double t : {0.5, 1.0, 20.0}) {
    ProcessingRequest q;
    q.base = oxide();
    q.from = q.base.query.from;
    q.to = q.base.query.to;
    q.tonnes_product = t;
    q.recovery = 0.8;
    q.data = data();
    auto res = run_processing_comparison(net(), q);
    ASSERT_TRUE(res) << res.error().message;
    EXPECT_LE(res->at_origin.shipped_tonnes, res->at_destination.shipped_tonnes);
    EXPECT_NEAR(res->at_destination.shipped_tonnes, t / (0.40 * 0.8), 1e-9);
    // The break-even premium is the logistics gap per tonne of product.
    EXPECT_NEAR(res->break_even_premium_usd_per_t,
                (res->at_destination.logistics.low - res->at_origin.logistics.low) / t, 1e-9);
  }
}

TEST(Deal, SubsidiesCloseTheGapToTheCheapestCorridor) {
  DealRequest q{oxide({}, 100), 1200, 80000, 12, {}, data()};
  auto res = run_deal(net(), q);
  ASSERT_TRUE(res) << res.error().message;
  ASSERT_GE(res->corridors.size(), 2u);
  const auto& best = res->corridors.front();
  ASSERT_TRUE(best.landed);
  EXPECT_EQ(best.subsidy_to_match_best, 0.0);
  for (const auto& c : res->corridors) {
    if (!c.landed) continue;
    EXPECT_GE(c.landed_usd_per_t, best.landed_usd_per_t);
    EXPECT_NEAR(c.landed_usd_per_t - c.subsidy_to_match_best, best.landed_usd_per_t, 1e-6);
    EXPECT_NEAR(c.landed_usd_per_t, c.landed->total().value / 100.0, 1e-9);
    EXPECT_NEAR(c.annual_margin_usd, (80000 - c.landed_usd_per_t) * 1200, 1e-6);
  }
}

}  // namespace
}  // namespace caravan::trade
