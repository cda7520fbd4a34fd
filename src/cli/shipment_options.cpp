// Shared shipment options of the command line.
#include "cli/shipment_options.h"

namespace caravan::cli {

void add_shipment_options(CLI::App* cmd, ShipmentOptions& o, bool with_via) {
  cmd->add_option("--from", o.from, "origin: name, alias or UN/LOCODE")->required();
  cmd->add_option("--to", o.to, "destination: name, alias or UN/LOCODE")->required();
  cmd->add_option(
      "--commodity", o.commodity,
      "catalogue id, e.g. rare-earth-oxide (default general-container; see 'network info')");
  cmd->add_option("--tonnes", o.tonnes, "quantity in tonnes");
  cmd->add_option("--teu", o.teu, "quantity in TEU (containerised commodities)");
  cmd->add_option("--value-usd", o.value_usd,
                  "value of the goods (default: catalogue value per tonne)");
  cmd->add_option("--objective", o.objective, "cost|time|co2|risk|generalized (default cost)");
  cmd->add_option("--avoid", o.avoid,
                  "comma list of countries (ISO), locations, modes or chokepoints")
      ->delimiter(',');
  if (with_via)
    cmd->add_option("--via", o.via, "comma list of locations to pass, in order")->delimiter(',');
  cmd->add_option("--max-transshipments", o.max_transshipments,
                  "cap on transshipments (changes of mode or gauge, hub transshipments)");
  cmd->add_option("--forbid-transit", o.forbid_transit,
                  "comma list of HS_PREFIX:COUNTRY rules, e.g. 2846:CN");
  cmd->add_option("--month", o.month,
                  "departure month 1..12 (links closed that month are not used)");
  cmd->add_option("--value-of-time", o.value_of_time, "USD per hour for --objective generalized");
  cmd->add_option("--carrying-rate", o.carrying_rate,
                  "annual cost of capital on goods in transit (default from the network)");
  cmd->add_flag("--ignore-network-rules", o.ignore_rules, "do not apply the network's rules.csv");
}

nlohmann::json shipment_request(const ShipmentOptions& o) {
  nlohmann::json r = {{"from", o.from}, {"to", o.to}};
  if (!o.commodity.empty()) r["commodity"] = o.commodity;
  if (o.tonnes) r["tonnes"] = *o.tonnes;
  if (o.teu) r["teu"] = *o.teu;
  if (o.value_usd) r["value_usd"] = *o.value_usd;
  if (!o.objective.empty()) r["objective"] = o.objective;
  if (!o.avoid.empty()) r["avoid"] = o.avoid;
  if (!o.via.empty()) r["via"] = o.via;
  if (o.max_transshipments) r["max_transshipments"] = *o.max_transshipments;
  if (!o.forbid_transit.empty()) r["forbid_transit"] = o.forbid_transit;
  if (o.month) r["month"] = *o.month;
  if (o.value_of_time) r["value_of_time_usd_per_hour"] = *o.value_of_time;
  if (o.carrying_rate) r["carrying_rate"] = *o.carrying_rate;
  if (o.alternatives) r["alternatives"] = *o.alternatives;
  if (o.pareto) r["pareto"] = true;
  if (o.ignore_rules) r["ignore_network_rules"] = true;
  return r;
}

}  // namespace caravan::cli
