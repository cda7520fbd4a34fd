// The HS classifier's files: the labelled examples it is trained from, the model file (read
// once, re-read when it changes), and batch files of descriptions to classify.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "classify/model.h"
#include "classify/train.h"
#include "core/result.h"

namespace caravan::io {

// examples.csv: text,hs6,lang,source_id (file:line: field on error).
Result<std::vector<classify::Example>> read_hs_examples(const std::string& path);

// lexicon.csv: term,adds,source_id; a term must be one word as the classifier splits words.
Result<classify::Lexicon> read_hs_lexicon(const std::string& path);

// A model file; NotFound names it and says how to build one, InvalidData names the line.
Result<std::shared_ptr<const classify::Model>> load_hs_model(const std::string& path);
Status write_hs_model(const classify::Model& model, const std::string& path);

// The split as files for another learner (fastText's format: "__label__850511 word word"), with
// the classifier's words and the same nomenclature documents (twice: their weight is 2), and the
// test descriptions as a batch file (train.txt, test.txt, test.csv in `dir`).
Status write_split(const std::vector<classify::Example>& rows, const tariff::Nomenclature& nom,
                   std::uint64_t seed, const std::string& dir);

// $CARAVAN_HS_MODEL, else the model the build trained; data/hs/examples.csv.
std::string default_hs_model();
std::string default_hs_examples();
std::string default_hs_check_set();  // data/hs/catalogue_check.csv
std::string default_hs_lexicon();    // data/hs/lexicon.csv

// One row of a batch file: a description, or why the row cannot be read.
struct DescriptionRow {
  int line = 0;
  std::string id;
  std::string text;
  std::string error;  // "file:line: description: ..." when the row is bad
};
// A CSV with a `description` column (and an optional `id`); a bad row is kept with its error
// so that the others are still classified.
Result<std::vector<DescriptionRow>> read_descriptions(const std::string& path);

}  // namespace caravan::io
