#include "io/source_row.h"

#include <algorithm>
#include <cctype>

namespace caravan::io {

bool is_date(std::string_view d) {
  return d.size() >= 4 &&
         std::all_of(d.begin(), d.begin() + 4, [](unsigned char c) { return std::isdigit(c); });
}

SourceRow read_source_row(RowReader& r) {
  SourceRow s{r.text("id"),   r.text("title"),       r.text("publisher", false), r.text("url"),
              r.text("date"), r.text("reliability"), r.text("note", false)};
  if (r.ok() && s.reliability != "P" && s.reliability != "S" && s.reliability != "W" &&
      s.reliability != "D")
    r.fail("reliability", "expected P, S, W or D, found '" + s.reliability + "'");
  if (r.ok() && s.reliability == "D" && s.note.empty())
    r.fail("note", "a derived (D) source must say how it was derived");
  if (r.ok() && !is_date(s.date))
    r.fail("date", "expected YYYY, YYYY-MM or YYYY-MM-DD, found '" + s.date + "'");
  return s;
}

}  // namespace caravan::io
