// RFC 4180 CSV reading with line numbers, and typed field access that reports file:line: field.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace caravan::io {

struct CsvRow {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;  // name used in messages, e.g. "links.csv"
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  int column(std::string_view name) const;  // -1 if absent
};

// Parses CSV text; lines that are blank or start with '#' are skipped. Errors (an unterminated
// quote, a row with the wrong number of fields) name the file and line.
Result<CsvTable> parse_csv(std::string_view text, std::string file);
Result<CsvTable> read_csv(const std::string& path, std::string file_label);
Result<std::string> read_file(const std::string& path);

// Quotes a field for CSV output when needed.
std::string csv_escape(std::string_view s);

// Checks a table's header: every `required` column present, no column outside required+optional.
Status check_header(const CsvTable& t, const std::vector<std::string_view>& required,
                    const std::vector<std::string_view>& optional);

// read_csv, then check_header.
Result<CsvTable> read_table(const std::string& path, const std::string& name,
                            const std::vector<std::string_view>& required,
                            const std::vector<std::string_view>& optional);

// Typed access to one row; remembers the first error.
class RowReader {
 public:
  RowReader(const CsvTable& table, const CsvRow& row) : table_(table), row_(row) {}
  std::string where() const;
  std::string_view raw(std::string_view column) const;  // "" if the column is absent
  std::string text(std::string_view column, bool required = true);
  std::optional<double> number(std::string_view column, double min, double max, bool required);
  // A number, or an uncertain one written "low..high" (low <= high, both in [min, max]).
  struct Range {
    double low, high;
  };
  std::optional<Range> number_range(std::string_view column, double min, double max, bool required);
  std::vector<std::string> list(std::string_view column);
  void fail(std::string_view column, const std::string& message);
  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }

 private:
  const CsvTable& table_;
  const CsvRow& row_;
  std::optional<Error> error_;
};

}  // namespace caravan::io
