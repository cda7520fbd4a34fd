// The flagship query on the embedded network, shared by the benchmark and the profiling driver.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "cost/shipment.h"
#include "io/network_reader.h"
#include "route/planner.h"

namespace caravan::bench {

enum class Variant { Single, AvoidCnRuIr, Alternatives5, Pareto };

// The embedded Eurasia network, loaded once.
inline const network::Network& eurasia() {
  static const network::Network net = [] {
    auto n = io::load_network(CARAVAN_DATA_DIR "/eurasia");
    if (!n) {
      std::fprintf(stderr, "cannot load %s: %s\n", CARAVAN_DATA_DIR "/eurasia",
                   n.error().message.c_str());
      std::exit(1);
    }
    return std::move(*n);
  }();
  return net;
}

// 1000 t of rare-earth oxide from Stepnogorsk (KZ-STEPNOGORSK) to Yokohama (JPYOK), objective cost.
inline route::PlanRequest flagship_request(const network::Network& net, Variant variant) {
  auto need = [](auto opt, const char* what) {
    if (!opt) {
      std::fprintf(stderr, "embedded network lacks %s\n", what);
      std::exit(1);
    }
    return *opt;
  };
  route::PlanRequest r;
  auto shipment = cost::make_shipment(net, "rare-earth-oxide", 1000.0, std::nullopt, std::nullopt);
  if (!shipment) {
    std::fprintf(stderr, "shipment: %s\n", shipment.error().message.c_str());
    std::exit(1);
  }
  r.shipment = *shipment;
  r.query.from = need(net.find_location("KZ-STEPNOGORSK"), "KZ-STEPNOGORSK");
  r.query.to = need(net.find_location("JPYOK"), "JPYOK");
  r.query.hs = r.shipment.hs;
  r.query.objective = route::Objective::Cost;
  r.params.carrying_rate_per_year = net.tables().carrying_rate_per_year;  // as the API does
  if (variant == Variant::AvoidCnRuIr)
    for (const char* c : {"CN", "RU", "IR"})
      r.query.constraints.avoid_countries.push_back(need(net.find_country(c), c));
  if (variant == Variant::Alternatives5) r.alternatives = 5;
  if (variant == Variant::Pareto) r.pareto = true;
  return r;
}

inline std::optional<Variant> parse_variant(const std::string& s) {
  if (s == "single") return Variant::Single;
  if (s == "avoid") return Variant::AvoidCnRuIr;
  if (s == "alternatives") return Variant::Alternatives5;
  if (s == "pareto") return Variant::Pareto;
  return std::nullopt;
}

}  // namespace caravan::bench
