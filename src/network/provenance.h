// Where the figures of a table row come from: its place in the files and its sources.
#pragma once
#include <string>
#include <vector>

#include "core/ids.h"

namespace caravan::network {

// Which source backs which figure of a row: field "*" covers every figure not named otherwise.
struct SourceRef {
  std::string field;
  SourceId source;
};

struct Provenance {
  std::string where;  // "links.csv:12", for error messages
  std::vector<SourceRef> sources;
};

struct Source {
  std::string id, title, publisher, url, date, reliability, note;
};

// A source row for figures Caravan derives itself (reliability D), the method in its note.
inline Source derived_source(std::string id, std::string title, std::string note) {
  return {std::move(id),       std::move(title),
          "Caravan (derived)", "derived here; method in note",
          "2026-12",           "D",
          std::move(note)};
}

}  // namespace caravan::network
