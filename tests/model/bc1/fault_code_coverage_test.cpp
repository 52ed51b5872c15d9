// model/bc1/fault_code_coverage.csv against the reference table (bc1_forttexte.csv, embedded in the
// build) and the model's own fault codes (model/bc1/fault_memory.h): every code of the table is
// listed exactly once with its text, whether the model logs it, under what condition and on what
// source; and "logged" is exactly the set of codes the model has a constant for.
#include "model/diag/reference_tables.h"
#include "source_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace bcmhil::testing {
namespace {

struct Row {
  std::string text;
  bool logged = false;
  std::string detection;
  std::string source;
};

std::string read_file(const std::string& relative) {
  std::ifstream in(source_dir() + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<int, Row> read_coverage() {
  const auto rows = diag::parse_csv(read_file("model/bc1/fault_code_coverage.csv"));
  EXPECT_FALSE(rows.empty()) << "fault_code_coverage.csv missing";
  if (!rows.empty()) {
    EXPECT_EQ(rows[0], (std::vector<std::string>{"CODE", "TEXT", "LOGGED", "DETECTION", "SOURCE"}));
  }
  std::map<int, Row> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() == 1 && r[0].empty()) continue;
    EXPECT_EQ(r.size(), 5u) << "row " << i + 1;
    if (r.size() != 5) continue;
    const int code = std::stoi(r[0], nullptr, 16);
    EXPECT_TRUE(r[2] == "yes" || r[2] == "no") << r[0] << ": LOGGED is " << r[2];
    EXPECT_FALSE(r[3].empty()) << r[0] << " gives no detection condition or reason";
    EXPECT_FALSE(r[4].empty()) << r[0] << " gives no source";
    if (r[2] == "yes") {
      EXPECT_NE(r[4], "-") << r[0] << " is logged: say on what source (or CHOSEN)";
    }
    EXPECT_TRUE(out.emplace(code, Row{r[1], r[2] == "yes", r[3], r[4]}).second) << r[0] << " listed twice";
  }
  return out;
}

// The codes the model can log: the constants of namespace fault_code in fault_memory.h.
std::set<int> model_codes() {
  const std::string header = read_file("model/bc1/fault_memory.h");
  const std::regex constant(R"(constexpr\s+std::uint8_t\s+k\w+\s*=\s*0x([0-9A-Fa-f]{2}))");
  std::set<int> codes;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), constant); it != std::sregex_iterator(); ++it)
    codes.insert(std::stoi((*it)[1].str(), nullptr, 16));
  return codes;
}

TEST(FaultCodeCoverage, ListsEveryCodeOfTheReferenceTableOnceWithItsText) {
  const auto coverage = read_coverage();
  const auto& tables = diag::ReferenceTables::bc1();
  std::map<int, std::string> reference;
  for (const auto& c : tables.fault_codes()) reference[c.code] = c.text;
  reference[0xFF] = tables.fault_text(0xFF);  // the table's "unknown fault" row
  EXPECT_EQ(reference.size(), 58u) << "bc1_forttexte.csv: 57 codes and the 0xFF row";
  for (const auto& [code, text] : reference) {
    const auto it = coverage.find(code);
    if (it == coverage.end()) {
      ADD_FAILURE() << "0x" << std::hex << code << " (" << text << ") is not in fault_code_coverage.csv";
      continue;
    }
    EXPECT_EQ(it->second.text, text) << "0x" << std::hex << code;
  }
  for (const auto& [code, row] : coverage)
    EXPECT_TRUE(reference.count(code)) << "0x" << std::hex << code << " is in no reference table";
}

TEST(FaultCodeCoverage, LoggedIsExactlyWhatTheModelHasACodeFor) {
  const auto coverage = read_coverage();
  const auto codes = model_codes();
  EXPECT_FALSE(codes.empty()) << "no fault_code constants found in fault_memory.h";
  for (int code : codes) {
    const auto it = coverage.find(code);
    EXPECT_TRUE(it != coverage.end() && it->second.logged)
        << "the model logs 0x" << std::hex << code << ": mark it LOGGED yes with its condition";
  }
  for (const auto& [code, row] : coverage)
    if (row.logged) {
      EXPECT_TRUE(codes.count(code)) << "0x" << std::hex << code << " is marked logged but fault_memory.h has no constant for it";
    }
}

}  // namespace
}  // namespace bcmhil::testing
