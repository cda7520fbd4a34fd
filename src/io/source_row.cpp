#include "io/source_row.h"

#include <algorithm>
#include <cctype>

namespace caravan::io {

bool is_date(std::string_view d) {
  auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(d.begin() + static_cast<long>(from), d.begin() + static_cast<long>(from + n),
                       [](unsigned char c) { return std::isdigit(c); });
  };
  auto number = [&](std::size_t from) { return (d[from] - '0') * 10 + (d[from + 1] - '0'); };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || !digits(5, 2) || number(5) < 1 || number(5) > 12) return false;
  if (d.size() == 7) return true;
  return d[7] == '-' && digits(8, 2) && number(8) >= 1 && number(8) <= 31;
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
