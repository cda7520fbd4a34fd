// Ranking the subheadings, headings and chapters for one description: the shared step of
// classifying, calibrating and evaluating.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classify/model.h"

namespace caravan::classify {

struct Ranked {
  Vector vector;
  std::vector<std::pair<std::uint32_t, float>> six;  // (class, raw probability), best first
  std::vector<std::pair<std::string, float>> four;   // headings, summed probability, best first
  std::vector<std::pair<std::string, float>> two;    // chapters
  std::vector<float> scores;                         // every class's score
};

// The best k of each level (raw probabilities: calibrate with model.six/four/two).
Ranked rank(const Model& m, std::string_view text, std::size_t k);

}  // namespace caravan::classify
