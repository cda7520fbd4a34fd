// Tests of shipments and arc weights.
#include "cost/cost_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "testing/ascii_network.h"

namespace caravan::cost {
namespace {
namespace nw = caravan::network;

const nw::Arc& first_link_arc(const nw::Network& net) {
  for (const auto& a : net.graph().arcs)
    if (a.kind == nw::ArcKind::Link && !a.reverse) return a;
  throw std::logic_error("no link");
}

TEST(Shipment, ContainersAreRoundedUpFromTonnes) {
  const auto net = testing::network_from_ascii("A===B");
  auto s = make_shipment(net, "box", 1001.0, std::nullopt, std::nullopt);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->teu.value, 51.0);  // 20 t per TEU
  EXPECT_EQ(s->value.value, 1001.0 * 1000.0);
  auto t = make_shipment(net, "box", std::nullopt, 10.0, std::nullopt);
  EXPECT_EQ(t->tonnes.value, 200.0);
}

TEST(Shipment, BadQuantitiesNameTheirField) {
  const auto net = testing::network_from_ascii("A===B");
  auto both = make_shipment(net, "box", 1.0, 1.0, std::nullopt);
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().field, "tonnes");
  auto bulk_teu = make_shipment(net, "bulk", std::nullopt, 3.0, std::nullopt);
  ASSERT_FALSE(bulk_teu);
  EXPECT_EQ(bulk_teu.error().field, "teu");
  auto unknown = make_shipment(net, "unobtainium", 1.0, std::nullopt, std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST(ArcWeights, PerTeuTariffAppliesToContainersAndPerTonneKmToBulk) {
  auto t = testing::tables_from_ascii("A==B");  // 200 km of rail
  t.links[0].usd_per_teu = 700.0;
  t.links[0].fixed_usd = 50.0;
  const auto net = *nw::Network::build(t);
  const auto& arc = first_link_arc(net);
  DataCostModel box(*make_shipment(net, "box", 100.0, std::nullopt, std::nullopt), Params{0, 0.0});
  EXPECT_DOUBLE_EQ(box.weigh(net, arc).line_haul.value, 5 * 700.0 + 50.0);
  DataCostModel bulk(*make_shipment(net, "bulk", 100.0, std::nullopt, std::nullopt),
                     Params{0, 0.0});
  EXPECT_DOUBLE_EQ(bulk.weigh(net, arc).line_haul.value, 0.05 * 100 * 200 + 50.0);
  // CO2: 10 g per tonne-km in the ASCII fixture.
  EXPECT_DOUBLE_EQ(bulk.weigh(net, arc).co2.value, 10.0 * 100 * 200 / 1000.0);
}

TEST(ArcWeights, InventoryCostIsValueTimesRateTimesTime) {
  const auto net = testing::network_from_ascii("A==B");  // 200 km at 40 km/h = 5 h
  DataCostModel m(*make_shipment(net, "box", 100.0, std::nullopt, 1e6), Params{0, 0.0876});
  const auto w = m.weigh(net, first_link_arc(net));
  EXPECT_NEAR(w.inventory.value, 1e6 * 0.0876 * 5.0 / 8760.0, 1e-9);
}

TEST(ArcWeights, ClosedMonthAndHandlingMakeALinkUnusable) {
  auto t = testing::tables_from_ascii("A==B");
  t.links[0].closed_months = 1u << 0;  // January
  t.links[0].handling_mask = 1u << static_cast<int>(nw::Handling::Container);
  const auto net = *nw::Network::build(t);
  const auto& arc = first_link_arc(net);
  EXPECT_EQ(
      DataCostModel(*make_shipment(net, "box", 1.0, std::nullopt, std::nullopt), Params{1, 0.1})
          .weigh(net, arc)
          .unusable,
      Unusable::Closed);
  EXPECT_TRUE(
      DataCostModel(*make_shipment(net, "box", 1.0, std::nullopt, std::nullopt), Params{2, 0.1})
          .weigh(net, arc)
          .usable());
  EXPECT_EQ(
      DataCostModel(*make_shipment(net, "bulk", 1.0, std::nullopt, std::nullopt), Params{2, 0.1})
          .weigh(net, arc)
          .unusable,
      Unusable::Handling);
}

TEST(Risk, WeightsAddAndConvertBackToAProbability) {
  const double w = risk_weight(0.1) + risk_weight(0.2);
  EXPECT_NEAR(risk_probability(w), 1 - 0.9 * 0.8, 1e-12);
}

}  // namespace
}  // namespace caravan::cost
