// The customs features' codec: classify a description (one, a batch file, or a list), train and
// evaluate the classifier, and `describe` on route, compare and landed-cost.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/feature.h"
#include "classify/classifier.h"
#include "core/result.h"
#include "tariff/trade_data.h"

namespace caravan::api {

std::vector<Feature> customs_features();     // classify, the two below, flows
std::vector<Feature> classifier_features();  // train-/evaluate-classifier (classifier_codec.cpp)
Feature flows_feature();                     // flows_codec.cpp

// The classifier's model with the nomenclature that names its codes (both cached by io).
struct LoadedClassifier {
  std::shared_ptr<const classify::Model> model;
  std::shared_ptr<const tariff::TradeData> data;
  std::string model_file;
};
// `model`, `nomenclature`: files, or the defaults (the model the build trained, the shared HS).
Result<LoadedClassifier> load_classifier(const std::optional<std::string>& model,
                                         const std::optional<std::string>& nomenclature);
// The HS nomenclature alone; NotFound with `why` when there is none.
Result<std::shared_ptr<const tariff::TradeData>> load_nomenclature(
    const std::optional<std::string>& nomenclature, const std::string& why);
nlohmann::json model_json(const LoadedClassifier& l);  // what the answers say of the model
int pct(double x);                                     // 0.834 -> 83

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
