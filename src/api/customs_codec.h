// The customs features' codec: classify a description (one, a batch file, or a list), train and
// evaluate the classifier, and `describe` on route, compare and landed-cost.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "api/feature.h"
#include "classify/classifier.h"
#include "core/result.h"

namespace caravan::api {

std::vector<Feature> customs_features();  // classify, train-classifier, evaluate-classifier, flows
Feature flows_feature();                  // flows_codec.cpp

// When the request has "describe": classifies it and, if the best code passes the threshold
// ("describe_threshold", default the model's), replaces it by "hs"; returns what was chosen
// (code, confidence, runner-up) for the answer. Below the threshold: an error listing the
// candidates. Removes "describe", "describe_threshold" and "model" from the request.
Result<std::optional<nlohmann::json>> take_describe(nlohmann::json& request);

nlohmann::json candidate_json(const classify::Candidate& c);

// The valuation check of a shipment's declared value (the answer's "query": commodity, hs,
// tonnes, value_usd) against the reference prices of the tariff folder (default: embedded);
// null when the query lacks those fields.
Result<nlohmann::json> valuation_json(const nlohmann::json& query, const std::string& tariffs_dir);

// One line for the text renderings: the code chosen from a description, and the value check.
std::string classification_line(const nlohmann::json& answer);

}  // namespace caravan::api
