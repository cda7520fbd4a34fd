// The shared CLI option lists.
#include "api/feature_options.h"

#include <algorithm>

#include "core/text.h"

namespace caravan::api {
using nlohmann::json;
using K = Option::Kind;

std::vector<Option> operator+(std::vector<Option> a, const std::vector<Option>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<Option> shipment_options(bool with_via) {
  std::vector<Option> o = {
      {"--from", "from", K::Text,
       "origin: name, alias or UN/LOCODE of the network, or any UN/LOCODE place or lat,lon "
       "(joined by estimated access legs)",
       true},
      {"--to", "to", K::Text, "destination: as --from", true},
      {"--commodity", "commodity", K::Text,
       "catalogue id, e.g. rare-earth-oxide (default general-container; see 'network info')"},
      {"--tonnes", "tonnes", K::Number, "quantity in tonnes"},
      {"--teu", "teu", K::Number, "quantity in TEU (containerised commodities)"},
      {"--value-usd", "value_usd", K::Number,
       "value of the goods (default: catalogue value per tonne); checked against reference "
       "prices"},
      {"--hs", "hs", K::Text, "HS code instead of a catalogue commodity, e.g. 2846.90"},
      {"--describe", "describe", K::Text,
       "the goods in words: the HS code is classified from it (see classify)"},
      {"--describe-threshold", "describe_threshold", K::Number,
       "confidence needed to take the classified code (default: the model's)"},
      {"--objective", "objective", K::Text, "cost|time|co2|risk|generalized (default cost)"},
      {"--avoid", "avoid", K::List,
       "comma list of countries (ISO), locations, modes or chokepoints"}};
  if (with_via) o.push_back({"--via", "via", K::List, "comma list of locations to pass, in order"});
  return o +
         std::vector<Option>{
             {"--max-transshipments", "max_transshipments", K::Integer,
              "cap on transshipments (changes of mode or gauge, hub transshipments)"},
             {"--forbid-transit", "forbid_transit", K::Text,
              "comma list of HS_PREFIX:COUNTRY rules, e.g. 2846:CN"},
             {"--month", "month", K::Integer,
              "departure month 1..12: a departure on the 1st of the coming month M"},
             {"--depart", "depart", K::Text,
              "departure date YYYY-MM-DD: closures, seasonal times and regimes are taken on the "
              "day the cargo reaches each link; it may wait for a link to reopen"},
             {"--seller", "seller", K::Text, "seller's country, ISO 3166 (default: the origin's)"},
             {"--buyer", "buyer", K::Text,
              "buyer's country, ISO 3166 (default: the destination's)"},
             {"--carrier", "carrier", K::Text, "carrier's country or vessel's flag, ISO 3166"},
             {"--waive", "waive", K::List,
              "comma list of regime ids (policies.csv) not to apply: what if they ended"},
             {"--ignore-policies", "ignore_policies", K::Flag,
              "do not apply the network's policies.csv (sanctions, permits, war risk)"},
             {"--value-of-time", "value_of_time_usd_per_hour", K::Number,
              "USD per hour for --objective generalized"},
             {"--carrying-rate", "carrying_rate", K::Number,
              "annual cost of capital on goods in transit (default from the network)"},
             {"--ignore-network-rules", "ignore_network_rules", K::Flag,
              "do not apply the network's rules.csv"}};
}

const std::vector<Option> kAlternatives = {
    {"--alternatives", "alternatives", K::Integer, "k distinct good routes"}};
const std::vector<Option> kPareto = {
    {"--pareto", "pareto", K::Flag, "the exact non-dominated set over cost, time, CO2 and risk"}};

const std::vector<Option> kLandedTerms = {
    {"--incoterm", "incoterm", K::Text, "EXW|FCA|FOB|CFR|CIF|DAP|DDP (default DAP)"},
    {"--vat-recoverable", "vat_recoverable", K::Flag,
     "the importer recovers import VAT: shown, not counted in the landed cost"},
    {"--tariffs", "tariffs", K::Text, "tariff folder (default: the embedded schedules)"},
    {"--hs-nomenclature", "hs_nomenclature", K::Text,
     "HS nomenclature CSV (default: ../shared/data/hs/harmonized-system.csv if present)"}};
const std::vector<Option> kLanded =
    std::vector<Option>{{"--landed-cost", "landed_cost", K::Flag,
                         "rank routes by landed cost (duties, taxes, insurance, transit; see "
                         "landed-cost)"}} +
    kLandedTerms;

std::vector<Option> reliability_options(bool command) {
  std::vector<Option> o;
  if (command)
    o.push_back({"--samples", "reliability_samples", K::Integer,
                 "journeys sampled per route (default 10000)"});
  else
    o.push_back({"--reliability", "reliability_samples", K::Integer,
                 "add Monte Carlo reliability with N samples per route"});
  return o + std::vector<Option>{{"--seed", "seed", K::Number,
                                  "random seed: the same seed gives the same output (default 1)"},
                                 {"--deadline-days", "deadline_days", K::Number,
                                  "deadline for the on-time probability"},
                                 {"--penalty-per-day", "penalty_usd_per_day", K::Number,
                                  "USD per day late past the deadline"}};
}

// "none;CN;CN,RU,IR" -> ["none", "CN", "CN|RU|IR"]: the sets to compare.
Result<json> avoid_sets(const std::string& text) {
  json sets = json::array();
  for (const auto& s : text::split(text, ';')) {
    std::string set = s;
    std::replace(set.begin(), set.end(), ',', '|');
    sets.push_back(set);
  }
  return sets;
}
const Option kAvoidSets = {
    "--avoid-sets",
    "avoid_sets",
    K::Text,
    "';'-separated country sets to compare instead of the corridors, e.g. \"none;CN;CN,RU,IR\"",
    false,
    avoid_sets};

Result<json> best_only(const std::string&) { return json(false); }

}  // namespace caravan::api
