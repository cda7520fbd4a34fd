// The CLI option lists the feature table shares: a shipment's options, the landed-cost and
// reliability options, and the converters of options whose text is not the field's value.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/feature.h"

namespace caravan::api {

std::vector<Option> operator+(std::vector<Option> a, const std::vector<Option>& b);

// --from, --to, --commodity, --tonnes ... (and --via unless `with_via` is false).
std::vector<Option> shipment_options(bool with_via = true);
// --reliability N on route-like commands, --samples N on the reliability command, with --seed,
// --deadline-days and --penalty-per-day.
std::vector<Option> reliability_options(bool command);

extern const std::vector<Option> kAlternatives, kPareto;
extern const std::vector<Option> kLandedTerms;  // --incoterm, --vat-recoverable, --tariffs ...
extern const std::vector<Option> kLanded;       // --landed-cost and the terms
extern const Option kAvoidSets;

// "none;CN;CN,RU,IR" -> ["none", "CN", "CN|RU|IR"]: the sets to compare.
Result<nlohmann::json> avoid_sets(const std::string& text);
// --best: the best route only, not each corridor.
Result<nlohmann::json> best_only(const std::string&);

}  // namespace caravan::api
