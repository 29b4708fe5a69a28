#pragma once
// CSV as spreadsheets and the Covenant of Mayors exports write it (RFC 4180:
// comma-separated, double quotes around fields that hold a comma, quote or
// line break, "" for a quote inside them), and text files read whole. One
// reader and writer for secap-calc's inputs, the Covenant tables and the
// server's imports. Pure functions (readTextFile reads the disk); thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "secap/core/status.h"

namespace secap::core {

// One record (row) and the line it starts on (1-based).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;     // unquoted fields are trimmed of surrounding spaces
  [[nodiscard]] bool blank() const;    // no field holds anything
  [[nodiscard]] bool comment() const;  // the first field starts with '#'
};

// Every record of the text, blank and comment lines included. Fails (naming
// `fileName` and the line) on a quoted field that never ends.
Result<std::vector<CsvRecord>> parseCsv(std::string_view text, std::string_view fileName, char delimiter = ',');

// ';' when the first line that is not blank or a comment holds more
// semicolons than commas (a spreadsheet in a locale with a decimal comma, as
// in Poland and Germany), else ','.
char guessCsvDelimiter(std::string_view text);

// A field as CSV writes it: quoted when it holds a comma, quote, line break
// or surrounding space.
std::string csvField(std::string_view value);
// Fields joined by commas, each through csvField.
std::string csvRow(const std::vector<std::string>& fields);

// The whole file, without a UTF-8 byte-order mark (spreadsheet exports write
// one). kNotFound when it cannot be opened.
Result<std::string> readTextFile(const std::string& path);

}  // namespace secap::core
