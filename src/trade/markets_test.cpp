// The markets comparison on the embedded network: every market gets its best landed route (or
// says why not), netbacks follow from the prices, and the ranking is by netback.
#include "trade/markets.h"

#include <gtest/gtest.h>

#include "io/network_reader.h"
#include "io/tariff_reader.h"

namespace caravan::trade {
namespace {

struct Fixture {
  network::Network net;
  std::shared_ptr<const tariff::TradeData> data;
};

const Fixture& eurasia() {
  static const Fixture f = [] {
    auto net = io::load_network(std::string(CARAVAN_DATA_DIR) + "/eurasia");
    auto data = io::load_trade_data(std::string(CARAVAN_DATA_DIR) + "/eurasia/tariffs", "");
    EXPECT_TRUE(net && data);
    return Fixture{std::move(*net), *data};
  }();
  return f;
}

MarketsRequest request(const std::vector<std::string>& markets) {
  const auto& f = eurasia();
  MarketsRequest r;
  r.plan = *route::make_plan_request(f.net, "Stepnogorsk", "Yokohama", "rare-earth-oxide", 100);
  r.markets = markets;
  r.data = f.data;
  return r;
}

TEST(Markets, EachMarketGetsItsCheapestLandedRouteOrAReason) {
  const auto& f = eurasia();
  auto r = request({"JP", "DE", "US"});
  auto m = run_markets(f.net, r);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->markets.size(), 3u);
  for (const auto& x : m->markets) {
    if (x.country == "US") {
      EXPECT_FALSE(x.best);
      EXPECT_NE(x.no_route_reason.find("no place in US"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(x.best) << x.country;
    EXPECT_EQ(f.net.country(f.net.location(x.destination).country).iso2, x.country);
    EXPECT_GT(x.destinations, 0u);
    // The chosen destination is the cheapest landed of the country's places.
    for (const auto to : market_places(f.net, *f.net.find_country(x.country))) {
      LandedCostRequest lr{r.plan, r.options, r.data};
      lr.plan.query.to = to;
      auto one = run_landed_cost(f.net, lr);
      ASSERT_TRUE(one);
      if (!one->routes.empty()) {
        EXPECT_LE(x.best->landed.total().value, one->routes.front().landed.total().value + 0.01)
            << x.country << " " << f.net.location(to).id;
      }
    }
  }
  EXPECT_EQ(m->markets.back().country, "US");  // no route: last
}

TEST(Markets, NetbackIsThePriceLessLogisticsAndDutiesAndRanksTheMarkets) {
  const auto& f = eurasia();
  auto r = request({"JP", "DE", "KR"});
  r.price_any_usd_per_t = 80000;
  r.price_usd_per_t["DE"] = 200000;  // a far better price in Germany wins despite the distance
  auto m = run_markets(f.net, r);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->markets.front().country, "DE");
  for (const auto& x : m->markets) {
    ASSERT_TRUE(x.netback_usd_per_t) << x.country;
    EXPECT_NEAR(*x.netback_usd_per_t, *x.price_usd_per_t - x.logistics_and_duties_usd_per_t, 1e-6);
    EXPECT_GT(x.logistics_and_duties_usd_per_t, 0);
  }
  for (std::size_t i = 1; i < m->markets.size(); ++i)
    EXPECT_GE(*m->markets[i - 1].netback_usd_per_t, *m->markets[i].netback_usd_per_t);
}

}  // namespace
}  // namespace caravan::trade
