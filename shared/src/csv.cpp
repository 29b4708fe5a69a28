#include "secap/core/csv.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace secap::core {

namespace {

std::string trim(std::string s) {
  const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

}  // namespace

bool CsvRecord::blank() const {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

bool CsvRecord::comment() const { return !fields.empty() && !fields[0].empty() && fields[0][0] == '#'; }

char guessCsvDelimiter(std::string_view text) {
  // The first line that is neither blank nor a comment.
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    return std::count(line.begin(), line.end(), ';') > std::count(line.begin(), line.end(), ',') ? ';' : ',';
  }
  return ',';
}

Result<std::vector<CsvRecord>> parseCsv(std::string_view s, std::string_view fileName, char delimiter) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  bool quoted = false, fieldWasQuoted = false, any = false;
  int line = 1;
  auto endField = [&] {
    record.fields.push_back(fieldWasQuoted ? field : trim(field));
    field.clear();
    fieldWasQuoted = false;
  };
  auto endRecord = [&] {
    endField();
    records.push_back(std::move(record));
    record = CsvRecord{};
    any = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!any) record.line = line;
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      quoted = true;
      fieldWasQuoted = true;
      field.clear();
    } else if (c == delimiter) {
      endField();
    } else if (c == '\n') {
      endRecord();
      ++line;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted)
    return invalidArgument(std::string(fileName) + ":" + std::to_string(record.line) + ": unterminated quoted field");
  if (any) endRecord();
  return records;
}

std::string csvField(std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (std::isspace(static_cast<unsigned char>(value.front())) ||
                                         std::isspace(static_cast<unsigned char>(value.back()))));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csvRow(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  return out;
}

Result<std::string> readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return notFound(path + ": cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  return s;
}

}  // namespace secap::core
