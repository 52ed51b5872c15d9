#include "bench/output/utf8.h"
#include "bench/report/json_report.h"
#include "bench/report/junit_report.h"
#include "run_fixture.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bcmhil::report {
namespace {

// One expectation holds, one fails (the hatch never opens: no step presses anything).
const char* const kFailing =
    "name: two-beliefs\nduration: 2 s\nexpect:\n"
    "  - name: the hatch stays shut\n    signal: hatch.open\n    during: [0 s, 2 s]\n    never: true\n"
    "  - name: the lock gets battery voltage\n    signal: V(hatch_lock.pin2)\n    during: [0 s, 2 s]\n"
    "    max_at_least: 9 V\n";

std::string junit_of(const std::vector<JunitSuite>& suites) {
  std::ostringstream out;
  write_junit(out, "bcmhil", suites);
  return out.str();
}

TEST(JunitReport, CountsTimesTimestampAndFailureTypes) {
  const auto run = testing::run_text(kFailing, "two.yaml");
  const auto suite = junit_suite(run->result, "2026-11-27T10:05:00Z", "bench-pc");
  const auto xml = junit_of({suite});
  EXPECT_NE(xml.find("<testsuites name=\"bcmhil\" tests=\"3\" failures=\"1\" errors=\"0\" time=\""), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"two-beliefs\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("timestamp=\"2026-11-27T10:05:00Z\" hostname=\"bench-pc\" file=\"two.yaml\">"), std::string::npos);
  EXPECT_NE(xml.find("name=\"scenario runs\" time=\""), std::string::npos);
  EXPECT_NE(xml.find("<failure type=\"max_at_least\" message=\"observed max 0.000 V"), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"the hatch stays shut\" time=\"0.000\" file=\"two.yaml\" line=\"4\"/>"), std::string::npos)
      << xml;
}

TEST(JunitReport, TotalsAddUpOverSuitesIncludingErrors) {
  const auto run = testing::run_text(kFailing, "two.yaml");
  const auto xml = junit_of({junit_suite(run->result, "t", "h"), junit_suite(run->result, "t", "h"),
                             junit_error_suite("bad.yaml", "invalid_scenario", "bad.yaml:4:12: unknown fault type",
                                               "details", 0.25, "t", "h")});
  EXPECT_NE(xml.find("<testsuites name=\"bcmhil\" tests=\"7\" failures=\"2\" errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"bad.yaml\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.250\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<error type=\"invalid_scenario\" message=\"bad.yaml:4:12: unknown fault type\">details</error>"),
            std::string::npos);
}

TEST(JunitReport, XmlTextIsValidUtf8WithoutForbiddenControls) {
  EXPECT_EQ(xml_escape("T\xFCr <\"&'>\x01"), "T\xEF\xBF\xBDr &lt;&quot;&amp;&apos;&gt;?");
  const auto xml = junit_of({junit_error_suite("caf\xE9.yaml", "invalid_scenario", "caf\xE9.yaml:1:7: bad byte \xFF",
                                               "", 0, "t", "h")});
  EXPECT_TRUE(output::is_valid_utf8(xml));
}

// A Latin-1 expectation name made --json an internal error (nlohmann refuses to dump it).
TEST(JsonReport, DumpsWhateverBytesTheScenarioHolds) {
  const auto run = testing::run_text(
      "name: caf\xE9\nduration: 1 s\nexpect:\n  - name: T\xFCr zu\n    signal: hatch.open\n    during: [0 s, 1 s]\n"
      "    never: true\n",
      "/tmp/caf\xE9.yaml");
  std::string text;
  ASSERT_NO_THROW(text = to_json(run->result).dump(2));
  const auto back = nlohmann::json::parse(text);
  EXPECT_EQ(back["scenario"], "caf\xEF\xBF\xBD");
  EXPECT_EQ(back["file"], "/tmp/caf\xEF\xBF\xBD.yaml");
  EXPECT_EQ(back["expectations"][0]["name"], "T\xEF\xBF\xBDr zu");
  EXPECT_EQ(back["expectations"][0]["line"], 4);
}

}  // namespace
}  // namespace bcmhil::report
