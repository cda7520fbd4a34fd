// CSV parsing and typed row access.
#include "io/csv.h"

#include <fstream>
#include <sstream>

#include "core/text.h"

namespace caravan::io {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::NotFound, path + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return make_error(ErrorCode::Io, path + ": read error");
  return ss.str();
}

Result<CsvTable> parse_csv(std::string_view text, std::string file) {
  CsvTable t;
  t.file = std::move(file);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  std::size_t i = 0;
  int line = 1;
  bool have_header = false;
  while (i < text.size()) {
    // Skip blank and comment lines.
    if (text[i] == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (text[i] == '\r') {
      ++i;
      continue;
    }
    if (text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    CsvRow row;
    row.line = line;
    std::string field;
    bool in_quotes = false, was_quoted = false;
    for (;;) {
      if (i >= text.size()) {
        if (in_quotes)
          return make_error(ErrorCode::InvalidData, t.file + ":" + std::to_string(row.line) +
                                                        ": unterminated quoted field");
        row.fields.push_back(was_quoted ? field : std::string(text::trim(field)));
        break;
      }
      const char c = text[i++];
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field += '"';
            ++i;
          } else
            in_quotes = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
        continue;
      }
      if (c == '"') {
        if (!text::trim(field).empty())
          return make_error(ErrorCode::InvalidData, t.file + ":" + std::to_string(line) +
                                                        ": a quote inside an unquoted field");
        field.clear();
        in_quotes = was_quoted = true;
      } else if (c == ',') {
        row.fields.push_back(was_quoted ? field : std::string(text::trim(field)));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        ++line;
        row.fields.push_back(was_quoted ? field : std::string(text::trim(field)));
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    if (!have_header) {
      t.header = std::move(row.fields);
      have_header = true;
      for (std::size_t a = 0; a < t.header.size(); ++a)
        for (std::size_t b = a + 1; b < t.header.size(); ++b)
          if (t.header[a] == t.header[b])
            return make_error(ErrorCode::InvalidData, t.file + ":" + std::to_string(row.line) +
                                                          ": duplicate column '" + t.header[a] +
                                                          "'");
      continue;
    }
    if (row.fields.size() != t.header.size())
      return make_error(ErrorCode::InvalidData,
                        t.file + ":" + std::to_string(row.line) + ": expected " +
                            std::to_string(t.header.size()) + " fields (as in the header), found " +
                            std::to_string(row.fields.size()));
    t.rows.push_back(std::move(row));
  }
  if (!have_header)
    return make_error(ErrorCode::InvalidData, t.file + ":1: empty file, expected a header line");
  return t;
}

Result<CsvTable> read_csv(const std::string& path, std::string file_label) {
  auto text = read_file(path);
  if (!text) return text.error();
  return parse_csv(*text, std::move(file_label));
}

std::string csv_escape(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status check_header(const CsvTable& t, const std::vector<std::string_view>& required,
                    const std::vector<std::string_view>& optional) {
  for (auto r : required)
    if (t.column(r) < 0)
      return make_error(ErrorCode::InvalidData,
                        t.file + ":1: missing column '" + std::string(r) + "'", std::string(r));
  for (const auto& h : t.header) {
    bool known = false;
    for (auto r : required) known = known || r == h;
    for (auto o : optional) known = known || o == h;
    if (!known) {
      std::string all;
      for (auto r : required) all += (all.empty() ? "" : ", ") + std::string(r);
      for (auto o : optional) all += ", " + std::string(o);
      return make_error(ErrorCode::InvalidData,
                        t.file + ":1: unknown column '" + h + "' (expected: " + all + ")", h);
    }
  }
  return Ok{};
}

std::string RowReader::where() const { return table_.file + ":" + std::to_string(row_.line); }

std::string_view RowReader::raw(std::string_view column) const {
  const int c = table_.column(column);
  return c < 0 ? std::string_view{} : std::string_view(row_.fields[c]);
}

void RowReader::fail(std::string_view column, const std::string& message) {
  if (error_) return;
  error_ = make_error(ErrorCode::InvalidData,
                      where() + ": field '" + std::string(column) + "': " + message,
                      std::string(column));
}

std::string RowReader::text(std::string_view column, bool required) {
  std::string v(raw(column));
  if (required && v.empty()) fail(column, "is required");
  return v;
}

std::optional<double> RowReader::number(std::string_view column, double min, double max,
                                        bool required) {
  const auto s = raw(column);
  if (s.empty()) {
    if (required) fail(column, "is required (a number)");
    return std::nullopt;
  }
  const auto v = text::parse_double(s);
  if (!v) {
    fail(column, "expected a number, found '" + std::string(s) + "'");
    return std::nullopt;
  }
  if (*v < min || *v > max) {
    fail(column, "value " + std::string(s) + " is out of range [" + text::compact(min) + ", " +
                     text::compact(max) + "]");
    return std::nullopt;
  }
  return v;
}

std::optional<RowReader::Range> RowReader::number_range(std::string_view column, double min,
                                                        double max, bool required) {
  const auto s = raw(column);
  const auto dots = s.find("..");
  if (dots == std::string_view::npos) {
    const auto v = number(column, min, max, required);
    return v ? std::optional<Range>(Range{*v, *v}) : std::nullopt;
  }
  const auto lo = text::parse_double(text::trim(s.substr(0, dots)));
  const auto hi = text::parse_double(text::trim(s.substr(dots + 2)));
  if (!lo || !hi) {
    fail(column, "expected a number or a range low..high, found '" + std::string(s) + "'");
    return std::nullopt;
  }
  if (*lo < min || *hi > max || *lo > *hi) {
    fail(column, "range " + std::string(s) + " must have low <= high within [" +
                     text::compact(min) + ", " + text::compact(max) + "]");
    return std::nullopt;
  }
  return Range{*lo, *hi};
}

std::vector<std::string> RowReader::list(std::string_view column) {
  const auto s = raw(column);
  if (text::trim(s).empty()) return {};
  auto parts = text::split(s, '|');
  for (const auto& p : parts)
    if (p.empty()) fail(column, "empty entry in the '|'-separated list '" + std::string(s) + "'");
  return parts;
}

Result<CsvTable> read_table(const std::string& path, const std::string& name,
                            const std::vector<std::string_view>& required,
                            const std::vector<std::string_view>& optional) {
  auto t = read_csv(path, name);
  if (!t) return t.error();
  if (auto s = check_header(*t, required, optional); !s) return s.error();
  return t;
}

}  // namespace caravan::io
