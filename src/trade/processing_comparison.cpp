// The processing comparison: three route plans joined at the plant.
#include "trade/processing_comparison.h"

#include "core/text.h"
#include "network/locate.h"

namespace caravan::trade {
namespace nw = caravan::network;

namespace {

Error field_error(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::InvalidRequest, "field '" + field + "': " + message, field);
}

// Plans one leg and prices its best route.
Result<ProcessingLeg> plan_leg(const nw::Network& net, const ProcessingRequest& r, LocationId from,
                               LocationId to, const std::string& commodity, double tonnes) {
  route::PlanRequest plan = r.base;
  plan.query.from = from;
  plan.query.to = to;
  CARAVAN_TRY(shipment, cost::make_shipment(net, commodity, tonnes, std::nullopt, std::nullopt));
  plan.shipment = shipment;
  plan.query.hs = shipment.hs;
  if (!r.value_of_time_given)
    plan.query.value_of_time_usd_per_hour = cost::default_value_of_time_usd_per_hour(shipment);
  CARAVAN_TRY(result, route::plan(net, plan));
  if (result.routes.empty())
    return make_error(ErrorCode::NotFound, "no route for " + commodity + " from " +
                                               net.location(from).id + " to " +
                                               net.location(to).id + ": " + result.no_route_reason);
  ProcessingLeg leg{
      result.routes.front(),
      landed_cost(r.data->schedule, landed_input(net, result.routes.front(), shipment, r.options))};
  return leg;
}

Span costs_of(const LandedCost& lc) {
  return Span{(lc.seller + lc.buyer).value, (lc.seller_high + lc.buyer_high).value};
}

}  // namespace

Result<ProcessingResponse> run_processing_comparison(const nw::Network& net,
                                                     const ProcessingRequest& r) {
  const auto input_id = net.find_commodity(r.input);
  if (!input_id) return field_error("commodity", "unknown commodity '" + r.input + "'");
  if (!net.find_commodity(r.product))
    return field_error("product", "unknown commodity '" + r.product + "'");
  auto steps = r.data->schedule.processing;
  for (auto& s : steps)
    if (s.from == r.input) {
      if (r.input_grade && *r.input_grade > 0) s.input_grade.value = *r.input_grade;
      if (r.recovery && *r.recovery > 0) s.recovery.value = *r.recovery;
    }
  if (r.input == r.product)
    return field_error("commodity", "the commodity '" + r.input + "' is already the product '" +
                                        r.product +
                                        "': nothing to process; give the input as the commodity "
                                        "(e.g. rare-earth-concentrate) and the product");
  CARAVAN_TRY(ch, tariff::chain(steps, r.input, r.product));
  if (ch.steps.empty())
    return field_error("product",
                       "no processing step leads from '" + r.input + "' to '" + r.product + "'");
  if (ch.input_per_output < 1.0)
    return field_error("input_grade", "the mass ratio " + text::compact(ch.input_per_output) +
                                          " is below 1: processing cannot create mass");
  std::string plant = r.plant;
  if (plant.empty()) {
    const auto origin_country = net.location(r.from).country;
    for (const auto& id : ch.steps.front().plants)
      if (auto l = net.find_location(id); l && net.location(*l).country == origin_country) {
        plant = id;
        break;
      }
    if (plant.empty())
      return field_error("plant",
                         "no plant of step '" + ch.steps.front().id + "' in the origin's country");
  }
  CARAVAN_TRY(plant_id, nw::resolve_location(net, plant, "plant"));
  if (plant_id == r.to)
    return field_error("plant", "the plant '" + plant +
                                    "' is the destination, so both options would process there; "
                                    "give a plant on the origin's side");
  const double t = r.tonnes_product;
  const double input_t = t * ch.input_per_output;
  const double input_value = net.commodity(*input_id).value_usd_per_t * input_t;

  // A: ship the input to the destination, process there.
  CARAVAN_TRY(a, plan_leg(net, r, r.from, r.to, r.input, input_t));
  // B: bring the input to the plant (if it is not there already), process, ship the product.
  std::optional<ProcessingLeg> b1;
  if (plant_id != r.from) {
    CARAVAN_TRY(leg, plan_leg(net, r, r.from, plant_id, r.input, input_t));
    b1 = std::move(leg);
  }
  CARAVAN_TRY(b2, plan_leg(net, r, plant_id, r.to, r.product, t));

  const auto processing_cost = [&](const std::optional<double>& given) -> std::optional<Span> {
    if (given) return Span{*given, *given};
    if (!ch.usd_per_t_output) return std::nullopt;
    return Span{*ch.usd_per_t_output, ch.usd_per_t_output_high.value_or(*ch.usd_per_t_output)};
  };
  const auto option = [&](std::string id, std::string desc, std::string shipped_commodity,
                          double shipped, Span logistics, std::optional<Span> per_t,
                          LocationId where, std::vector<ProcessingLeg> legs) {
    ProcessingOption o;
    o.id = std::move(id);
    o.description = std::move(desc);
    o.shipped_commodity = std::move(shipped_commodity);
    o.shipped_tonnes = shipped;
    o.process_at = where;
    o.input_value_usd = input_value;
    o.logistics = logistics;
    for (const auto& l : legs)
      o.missing.insert(o.missing.end(), l.landed.missing.begin(), l.landed.missing.end());
    if (per_t)
      o.processing = Span{per_t->low * t, per_t->high * t};
    else
      o.missing.push_back("processing cost at " + net.location(where).id + " per tonne of " +
                          r.product);
    o.total = Span{input_value, input_value} + logistics + o.processing.value_or(Span{});
    o.legs = std::move(legs);
    return o;
  };
  const Span a_logistics = costs_of(a.landed);
  const Span b_logistics = (b1 ? costs_of(b1->landed) : Span{}) + costs_of(b2.landed);
  ProcessingResponse out;
  out.from = r.from;
  out.to = r.to;
  out.plant = plant_id;
  out.input = r.input;
  out.product = r.product;
  out.tonnes_product = t;
  out.chain = ch;
  out.at_destination = option(
      "process-at-destination", "ship " + r.input + " and process at " + net.location(r.to).name,
      r.input, input_t, a_logistics, processing_cost(r.cost_destination_usd_per_t), r.to, {a});
  std::vector<ProcessingLeg> b_legs;
  if (b1) b_legs.push_back(*b1);
  b_legs.push_back(b2);
  out.at_origin = option(
      "process-at-origin",
      "process to " + r.product + " at " + net.location(plant_id).name + " and ship it", r.product,
      t, b_logistics, processing_cost(r.cost_origin_usd_per_t), plant_id, std::move(b_legs));
  out.break_even_premium_usd_per_t = (a_logistics.low - b_logistics.low) / t;
  out.break_even_range = {(a_logistics.low - b_logistics.high) / t,
                          (a_logistics.high - b_logistics.low) / t};
  return out;
}

}  // namespace caravan::trade
