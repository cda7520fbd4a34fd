// Training an HS classifier from labelled descriptions and the nomenclature, reproducibly: the
// same examples and seed give the same model, byte for byte.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classify/model.h"
#include "core/result.h"
#include "tariff/hs_code.h"

namespace caravan::classify {

// A labelled description: a public example of goods and its HS 2022 subheading.
struct Example {
  std::string text;
  std::string hs6;       // 6 digits
  std::string lang;      // ISO 639-1
  std::string source;    // a source id
  std::size_t line = 0;  // in the examples file
};

// Which part of the data an example belongs to, from a hash of its text and the seed (80% train,
// 10% calibration, 10% test); identical texts fall in the same part.
enum class Split { Train, Calibration, Test };
Split split_of(std::string_view text, std::uint64_t seed);

struct TrainOptions {
  std::uint64_t seed = 1;
  int epochs = 4;                    // perceptron passes after the centroids; 0: centroids only
  float nomenclature_weight = 2.0F;  // of a subheading's own text against one example
  float target_precision = 0.9F;     // of answers taken without asking (sets the threshold)
  // Features in more than this share of the documents (and more than 100) are dropped (grammar
  // words of any language: "の", "и"); they say nothing of the goods and cost the most to score.
  float max_document_share = 0.03F;
};

struct TrainRequest {
  std::vector<Example> examples;
  const tariff::Nomenclature* nomenclature = nullptr;  // the classes and their texts
  TrainOptions options;
  Lexicon lexicon;  // broader terms for known words (data/hs/lexicon.csv)
};

struct TrainResponse {
  Model model;
  std::size_t features = 0;
  std::size_t weights = 0;
};

Result<TrainResponse> train(const TrainRequest& request);

// The nomenclature's own words for a subheading: its text, its heading's and its chapter's.
std::string nomenclature_text(const tariff::Nomenclature& n, std::string_view hs6);

}  // namespace caravan::classify
