// Policy regimes in routing, on ASCII maps: a regime that binds the buyer forbids a country and
// the route goes round it; it does not bind another buyer; permits add their delay once per entry;
// dates decide; and an empty answer names the regime.
#include "route/policy.h"

#include <gtest/gtest.h>

#include "route/planner.h"
#include "testing/ascii_network.h"

namespace caravan::route {
namespace {
namespace nw = caravan::network;
using testing::describe;

//   A===B===D        A, D in KZ; B in RU; E, F in AZ
//   -       -
//   E-------F
nw::Tables map() {
  return testing::tables_from_ascii(R"(
    A===B===D
    -       -
    E-------F
  )",
                                    testing::AsciiOptions{100, "AD:KZ B:RU EF:AZ", "", 5, 2, 10});
}

nw::Policy regime(const nw::Tables& t, std::string id, std::string issuer, nw::PolicyEffect e,
                  std::string country) {
  nw::Policy p;
  p.id = std::move(id);
  p.issuer = std::move(issuer);
  p.kind = nw::PolicyKind::CountrySanctions;
  p.binds = nw::kBuyer;
  p.effect = e;
  for (std::uint32_t i = 0; i < t.countries.size(); ++i)
    if (t.countries[i].iso2 == country) p.countries.push_back(CountryId{i});
  p.from = make_date(2022, 3, 1);
  p.description = "test regime: a sanctions order";
  return p;
}

PlanRequest request(const nw::Network& net, std::string buyer) {
  PlanRequest r = *make_plan_request(net, "A", "D", "box", 100.0);
  r.query.parties.buyer = std::move(buyer);
  r.query.depart = make_date(2026, 11, 15);
  return r;
}

std::string best(const nw::Network& net, const PlanRequest& r) {
  auto res = plan(net, r);
  if (!res) return "error: " + res.error().message;
  if (res->routes.empty()) return "none: " + res->no_route_reason;
  return describe(net, res->routes.front().path.arcs);
}

TEST(Policies, ARegimeThatBindsTheBuyerForbidsItsCountryAndTheRouteGoesRound) {
  auto t = map();
  t.policies.push_back(regime(t, "jp-ru", "JP", nw::PolicyEffect::Forbid, "RU"));
  const auto net = *nw::Network::build(t);
  EXPECT_EQ(best(net, request(net, "JP")), "A-E E-F F-D");  // a Japanese buyer avoids RU
  EXPECT_EQ(best(net, request(net, "KR")), "A=B B=D");      // a Korean buyer is not bound
  auto before = request(net, "JP");
  before.query.depart = make_date(2022, 2, 1);  // before the regime
  EXPECT_EQ(best(net, before), "A=B B=D");
}

TEST(Policies, ABlocRegimeReachesItsMembers) {
  auto t = map();
  t.blocs.push_back({"EU", "European Union", {"DE", "FR"}, {}});
  t.policies.push_back(regime(t, "eu-ru", "EU", nw::PolicyEffect::Forbid, "RU"));
  const auto net = *nw::Network::build(t);
  EXPECT_EQ(best(net, request(net, "DE")), "A-E E-F F-D");
  EXPECT_EQ(best(net, request(net, "JP")), "A=B B=D");
}

TEST(Policies, AnEmptyAnswerNamesTheRegime) {
  auto t = map();
  t.policies.push_back(regime(t, "jp-ru", "JP", nw::PolicyEffect::Forbid, "RU"));
  t.policies.push_back(regime(t, "jp-az", "JP", nw::PolicyEffect::Forbid, "AZ"));
  const auto net = *nw::Network::build(t);
  const auto answer = best(net, request(net, "JP"));
  EXPECT_NE(answer.find("JP country_sanctions 'jp-ru'"), std::string::npos) << answer;
  EXPECT_NE(answer.find("JP country_sanctions 'jp-az'"), std::string::npos) << answer;
  auto waived = request(net, "JP");
  waived.query.constraints.waived_policies = {"jp-ru"};
  EXPECT_EQ(best(net, waived), "A=B B=D");
}

TEST(Policies, APermitAddsItsDelayOnceWhereTheRouteEntersAndIsListed) {
  auto t = map();
  auto p = regime(t, "ru-permit", "RU", nw::PolicyEffect::Permit, "RU");
  p.anyone = true;
  p.delay_hours_mode.low = p.delay_hours_mode.high = 48.0;
  p.refusal_probability.low = p.refusal_probability.high = 0.1;
  t.policies.push_back(p);
  const auto net = *nw::Network::build(t);
  auto with = plan(net, request(net, "JP"));
  auto r = request(net, "JP");
  r.query.constraints.ignore_policies = true;
  auto without = plan(net, r);
  ASSERT_TRUE(with && without && !with->routes.empty() && !without->routes.empty());
  const auto& a = with->routes.front();
  const auto& b = without->routes.front();
  EXPECT_EQ(describe(net, a.path.arcs), describe(net, b.path.arcs));
  EXPECT_NEAR(a.hours().value - b.hours().value, 48.0, 1e-9);  // once, though B=D is in RU too
  ASSERT_EQ(a.exposure.size(), 1u);
  EXPECT_EQ(net.tables().policies[a.exposure[0].policy].id, "ru-permit");
  EXPECT_NEAR(a.exposure[0].risk, 0.1, 1e-12);
  EXPECT_GT(a.risk, b.risk);
}

TEST(Policies, AnUnknownFigureIsListedButNotCounted) {
  auto t = map();
  auto p = regime(t, "ru-unknown", "RU", nw::PolicyEffect::Permit, "RU");
  p.anyone = true;
  p.refusal_probability.unknown = true;
  t.policies.push_back(p);
  const auto net = *nw::Network::build(t);
  auto with = plan(net, request(net, "JP"));
  ASSERT_TRUE(with && !with->routes.empty());
  const auto& a = with->routes.front();
  ASSERT_EQ(a.exposure.size(), 1u);
  EXPECT_TRUE(a.exposure[0].unknown);
  EXPECT_EQ(a.total.regime_time.value, 0.0);
}

}  // namespace
}  // namespace caravan::route
