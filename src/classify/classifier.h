// The classify use-case: a goods description in, the likeliest HS 2022 subheadings out, each
// with a calibrated confidence, its heading and chapter, and the words that made it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "classify/model.h"
#include "core/result.h"
#include "tariff/hs_code.h"

namespace caravan::classify {

struct ClassifyRequest {
  std::string text;
  std::size_t k = 5;  // candidates to return (1 to 20)
  // A confidence from which the best answer is taken without asking; < 0: the model's own
  // (set from its calibration table).
  float threshold = -1;
};

struct Level {
  std::string code;  // digits
  std::string description;
  float confidence = 0;
};

struct Candidate {
  Level subheading, heading, chapter;
  // Why: the description's words that weigh most for this code, strongest first.
  std::vector<std::string> matched;
  std::string
      nomenclature;  // the nomenclature's text for the code (subheading | heading | chapter)
};

struct ClassifyResponse {
  std::string text;
  std::vector<Candidate> candidates;  // best first
  bool confident = false;             // the best candidate's confidence reaches the threshold
  float threshold = 0;
  std::string script;  // the writing system seen
  std::size_t words = 0, known_words = 0;
  std::string note;  // when not confident: why, in a sentence
};

// Errors: an empty description, one with no letters, one in a script the model was not trained
// on (saying which it was trained on), or one with no word the model knows.
Result<ClassifyResponse> classify(const Model& model, const tariff::Nomenclature& nomenclature,
                                  const ClassifyRequest& request);

// The code to use for a description (the `describe` of a shipment): the best candidate when its
// confidence reaches the threshold (< 0: the model's); below it an InvalidRequest error on field
// "describe" that lists the candidates.
struct Choice {
  Candidate best;
  std::optional<Candidate> runner_up;
  float threshold = 0;
};
Result<Choice> choose_code(const Model& model, const tariff::Nomenclature& nomenclature,
                           const std::string& text, float threshold);

// "850511" -> "8505.11" (how codes are written for people).
std::string dotted(const std::string& digits);

}  // namespace caravan::classify
