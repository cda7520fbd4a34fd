// Measuring a model on the test split it never saw: accuracy at 6, 4 and 2 digits, the
// calibration table, and the confusion among chosen groups of codes (the catalogue's ores,
// oxides, metals, magnets).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "classify/model.h"
#include "classify/train.h"

namespace caravan::classify {

struct Accuracy {
  double top1 = 0, top3 = 0;
};

struct CalibrationBin {
  double low = 0, high = 0;  // confidence range [low, high)
  std::size_t answers = 0;
  double mean_confidence = 0;
  double accuracy = 0;  // share right
};

// A named group of codes (prefixes of digits), for the confusion table.
struct CodeGroup {
  std::string name;
  std::vector<std::string> prefixes;
};

struct Evaluation {
  std::size_t rows = 0;
  Accuracy six, four, two;
  std::map<std::string, std::pair<std::size_t, double>> by_language;  // rows, top-1 at 6 digits
  std::vector<CalibrationBin> bins;  // of the best answer's confidence, tenths
  double expected_calibration_error = 0;
  double threshold = 0, coverage = 0, precision = 0;  // answers at or above the threshold
  std::vector<std::string> groups;                    // confusion: rows are truth, columns answers
  std::vector<std::vector<std::size_t>> confusion;    // last column: "elsewhere"
};

// The catalogue's goods as groups of codes: rare-earth ores and concentrates, oxides and
// compounds, metals, ferro-alloys, magnets (for the confusion table).
const std::vector<CodeGroup>& catalogue_groups();

// `rows` are evaluated as given (pass the test split); groups may be empty.
Evaluation evaluate(const Model& m, const std::vector<const Example*>& rows,
                    const std::vector<CodeGroup>& groups);

}  // namespace caravan::classify
