// A trained HS classifier: a linear model over description features (TF-IDF weighted, one
// weight vector per 6-digit subheading, stored by feature), the temperature that turns scores
// into probabilities, and the calibration maps that make a confidence mean what it says.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "classify/text_features.h"
#include "core/result.h"

namespace caravan::classify {

// A monotone map from a raw probability to the share of answers that were right (isotonic
// regression on the calibration split); piecewise linear between its points.
struct Calibration {
  std::vector<std::pair<float, float>> points;  // (raw, calibrated), raw increasing
  float apply(float raw) const;
};

// A description as model input: feature ids with TF-IDF values, L2-normalised.
struct Vector {
  std::vector<std::pair<std::uint32_t, float>> entries;
  std::size_t words = 0;        // words in the description
  std::size_t known_words = 0;  // of which the model knows
};

struct Model {
  std::string method;  // how it was trained ("centroid", "centroid+perceptron")
  std::uint64_t seed = 0;
  std::vector<std::string> classes;  // 6-digit codes, sorted
  std::vector<std::string> feature_keys;
  std::unordered_map<std::string, std::uint32_t> feature_index;
  std::vector<float> idf;
  // Weights by feature: entries first[f] .. first[f+1] of (class, weight).
  std::vector<std::uint32_t> first{0};
  std::vector<std::uint32_t> post_class;
  std::vector<float> post_weight;
  float temperature = 1;  // probabilities = softmax(temperature * score)
  Calibration six, four, two;
  float threshold = 0.5F;  // the confidence from which an answer is taken without asking
  std::map<std::string, std::size_t> languages;  // training rows by language (ISO 639-1)
  std::size_t train_rows = 0, calibration_rows = 0, test_rows = 0;
  std::string data_digest;  // of the examples the model was trained from
  Lexicon lexicon;          // broader terms added to known words (text_features.h)

  Vector vectorize(std::string_view text) const;
  // Scores of every class (the dot product of the vector with its weights).
  void score(const Vector& v, std::vector<float>& out) const;
  // Softmax of temperature * score over every class.
  void probabilities(const std::vector<float>& scores, std::vector<float>& out) const;
};

// The model as text (one file), and back; `name` is the file named in errors.
std::string serialize(const Model& m);
Result<Model> parse_model(std::string_view text, std::string_view name);

}  // namespace caravan::classify
