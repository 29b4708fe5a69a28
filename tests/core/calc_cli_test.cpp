// secap-calc end to end: the worked examples of docs/CALC_INPUTS.md are run as
// written there and their output must contain the documented JSON excerpt;
// bad inputs give errors naming the file, the line and the problem.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

#include "calc_commands.h"
#include "calc_inputs.h"

namespace {

using nlohmann::json;

struct CliRun {
  int exitCode = -1;
  std::string out;
};

// Runs a shell command line in the test data directory, capturing stdout and stderr.
CliRun run(const std::string& args) {
  const std::string cmd = "cd '" SECAP_CALC_DATA "' && '" SECAP_CALC_BIN "' " + args + " 2>&1";
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every key of `expected` is in `actual` with an equal value (numbers to 1e-9 relative).
void expectSubset(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path;
    for (const auto& [k, v] : expected.items()) {
      ASSERT_TRUE(actual.contains(k)) << path << "/" << k << " missing";
      expectSubset(v, actual[k], path + "/" + k);
    }
  } else if (expected.is_array()) {
    ASSERT_TRUE(actual.is_array()) << path;
    ASSERT_LE(expected.size(), actual.size()) << path;
    for (size_t i = 0; i < expected.size(); ++i) expectSubset(expected[i], actual[i], path + "/" + std::to_string(i));
  } else if (expected.is_number()) {
    ASSERT_TRUE(actual.is_number()) << path;
    const double e = expected.get<double>(), a = actual.get<double>();
    EXPECT_NEAR(a, e, 1e-9 * std::max(1.0, std::abs(e))) << path;
  } else {
    EXPECT_EQ(expected, actual) << path;
  }
}

struct DocExample {
  std::string name, command;
  json expected;
};

// <!-- example:NAME command --> then a ```sh block whose secap-calc line is
// the command; <!-- example:NAME expected --> then a ```json block.
std::vector<DocExample> docExamples() {
  const std::string doc = readText(SECAP_CALC_DOC);
  std::vector<DocExample> out;
  const std::regex cmdRe(
      R"(<!-- example:(\w+) command -->\s*```sh\n(?:[^\n]*\n)*?secap-calc ([^\n]*(?:\\\n[^\n]*)*)\n)");
  for (std::sregex_iterator it(doc.begin(), doc.end(), cmdRe), end; it != end; ++it) {
    DocExample ex;
    ex.name = (*it)[1];
    ex.command = std::regex_replace(std::string((*it)[2]), std::regex(R"(\\\n\s*)"), " ");
    const std::string marker = "<!-- example:" + ex.name + " expected -->";
    const size_t at = doc.find(marker);
    if (at == std::string::npos) continue;
    const size_t open = doc.find("```json\n", at);
    const size_t close = doc.find("\n```", open + 8);
    ex.expected = json::parse(doc.substr(open + 8, close - open - 8));
    out.push_back(std::move(ex));
  }
  return out;
}

}  // namespace

TEST(CalcCli, ReproducesEveryWorkedExampleOfTheDocs) {
  const auto examples = docExamples();
  ASSERT_GE(examples.size(), 4u) << "docs/CALC_INPUTS.md lost its examples";
  for (const auto& ex : examples) {
    SCOPED_TRACE(ex.name + ": secap-calc " + ex.command);
    const CliRun r = run(ex.command);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    expectSubset(ex.expected, json::parse(r.out), ex.name);
  }
}

TEST(CalcCli, ANanReadingNamesTheFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / ("secap_calc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "r.csv") << "meter_id,taken_at,value\nsp1-gas,2023-01-01,100\nsp1-gas,2023-02-01,NaN\n";
  const CliRun r = run("consumption --meters meters.csv --readings '" + (dir / "r.csv").string() + "'");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("r.csv:3: value 'NaN' is not a finite number"), std::string::npos) << r.out;
}

TEST(CalcCli, AnUnknownMeterIdNamesTheFileAndLine) {
  const auto dir = std::filesystem::temp_directory_path() / ("secap_calc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "r.csv") << "meter_id,taken_at,value\n# a comment\nsp1-gas,2023-01-01,100\nsp9,2023-02-01,5\n";
  const CliRun r = run("consumption --meters meters.csv --readings '" + (dir / "r.csv").string() + "'");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("r.csv:4: unknown meter id 'sp9'"), std::string::npos) << r.out;
}

TEST(CalcCli, AMissingColumnIsNamed) {
  const auto dir = std::filesystem::temp_directory_path() / ("secap_calc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "f.csv") << "carrier,approach,country,year,source\nelectricity,ipcc,PL,2023,x\n";
  const CliRun r = run("inventory --year 2023 --country PL --factors '" + (dir / "f.csv").string() + "'");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("f.csv:1: missing column 't_per_mwh'"), std::string::npos) << r.out;
}

TEST(CalcInputs, JsonTablesGiveTheLineOfEachObject) {
  const auto dir = std::filesystem::temp_directory_path() / ("secap_calc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "a.json").string();
  std::ofstream(path) << "[\n  {\"year\": 2023, \"sector\": \"residential\", \"carrier\": \"coal\", \"mwh\": 10, "
                         "\"source\": \"s\"},\n  {\"year\": 2023, \"sector\": \"moon\", \"carrier\": \"coal\", "
                         "\"mwh\": 1, \"source\": \"s\"}\n]\n";
  auto a = secap::calc::loadActivity(path);
  ASSERT_FALSE(a.isOk());
  EXPECT_NE(a.status().message().find("a.json:3: unknown sector 'moon'"), std::string::npos) << a.status().message();
}

// Found by fuzz_calc_inputs: a number too large for a double, or a value of
// the wrong type, threw out of the JSON reader and ended secap-calc.
TEST(CalcInputs, AHugeNumberOrAWrongTypeInJsonIsAnInputError) {
  const auto dir = std::filesystem::temp_directory_path() / ("secap_calc_json_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const secap::core::Calendar cal;
  const auto write = [&](const std::string& name, const std::string& text) {
    const auto path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
  };
  for (const auto& [name, text] :
       std::vector<std::pair<std::string, std::string>>{{"huge.json", "202022e202022"},
                                                        {"code.json", R"({"code": 5, "meter_ids": ["m1"]})"},
                                                        {"ids.json", R"({"code": "A", "meter_ids": "m1"})"}}) {
    auto m = secap::calc::loadMeasure(write(name, text), cal);
    ASSERT_FALSE(m.isOk()) << name;
    EXPECT_EQ(m.status().code(), secap::core::StatusCode::kInvalidArgument) << name;
    EXPECT_NE(m.status().message().find(name), std::string::npos) << m.status().message();
  }
  auto table = secap::calc::loadActivity(write("rows.json", "[{\"year\": 1e999999}]"));
  ASSERT_FALSE(table.isOk());
  EXPECT_NE(table.status().message().find("not valid JSON"), std::string::npos) << table.status().message();
}

TEST(CalcInputs, InstantsInTheZoneOrWithAnOffset) {
  const auto cal = *secap::core::Calendar::forZone("Europe/Warsaw");
  EXPECT_EQ(secap::calc::formatUtc(*secap::calc::parseInstant("2025-03-15", cal)), "2025-03-14T23:00:00Z");
  EXPECT_EQ(secap::calc::formatUtc(*secap::calc::parseInstant("2025-07-01 10:15", cal)), "2025-07-01T08:15:00Z");
  EXPECT_EQ(secap::calc::formatUtc(*secap::calc::parseInstant("2025-07-01T10:15:30+02:00", cal)),
            "2025-07-01T08:15:30Z");
  EXPECT_EQ(secap::calc::formatUtc(*secap::calc::parseInstant("2025-07-01T10:15Z", cal)), "2025-07-01T10:15:00Z");
  EXPECT_FALSE(secap::calc::parseInstant("01.07.2025", cal).isOk());
  EXPECT_FALSE(secap::calc::parseInstant("2025-02-30", cal).isOk());
}
