// What the network and tariff readers share: the sources.csv row and its checks, and dates.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"

namespace caravan::io {

// YYYY, YYYY-MM or YYYY-MM-DD, with a month 01-12 and a day 01-31.
bool is_date(std::string_view d);

// One row of a sources.csv: id, title, url, date and reliability required; publisher and note
// optional.
struct SourceRow {
  std::string id, title, publisher, url, date, reliability, note;
};
inline const std::vector<std::string_view> kSourceColumns = {"id", "title", "url", "date",
                                                             "reliability"};
inline const std::vector<std::string_view> kSourceOptionalColumns = {"publisher", "note"};

// Reads the row; reliability must be P, S, W or D, a D source must say how it was derived in its
// note, and the date must be a date. Failures go to `r` (check r.ok()).
SourceRow read_source_row(RowReader& r);

}  // namespace caravan::io
