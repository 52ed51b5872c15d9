#include "bench/report/html_report.h"

#include "bench/output/utf8.h"
#include "bench/report/provenance.h"
#include "run_fixture.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bcmhil::report {
namespace {

class HtmlReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { flooded_ = testing::run_shipped("flooded-bcm-hatch").release(); }
  static void TearDownTestSuite() { delete flooded_; }
  static std::string page(const HtmlOptions& options = {}) {
    std::ostringstream out;
    write_html(out, flooded_->scenario, flooded_->result, options);
    return out.str();
  }
  static testing::Run* flooded_;
};
testing::Run* HtmlReport::flooded_ = nullptr;

// Issue 12 saw "0x4CFCC20 active" (an integer through a double format) where FS_LESEN reads 0xC4.
TEST_F(HtmlReport, FaultMemoryShowsTheCodeWithItsReferenceText) {
  const auto html = page();
  EXPECT_NE(html.find("<td class='memory'>0xC4 GEP\xC3\x84" "CKR. ENTRIEG. AUS FEHLER (luggage (tailgate) release "
                      "OFF fault)</td><td>active</td>"),
            std::string::npos)
      << html.substr(html.find("Fault memory"), 400);
  // At one writing time: each page stamps the second it is written, which may tick between two calls.
  HtmlOptions at;
  at.written = std::chrono::system_clock::from_time_t(1795773900);
  EXPECT_EQ(page(at), page(at)) << "the same run must give the same page";
}

TEST_F(HtmlReport, FaultsAndStepsAreListedAndMarkedOnTheTimeAxis) {
  const auto html = page();
  const auto fault_row = html.find("<td>0.000 s</td><td class='fault'>fault</td><td>water_ingress: ");
  ASSERT_NE(fault_row, std::string::npos);
  const auto row = html.substr(fault_row, html.find("</tr>", fault_row) - fault_row);
  for (const char* parameter : {"region tailgate_driver", "wetting_time 30 s", "corrosion_time 40 s", "salt 0.2"})
    EXPECT_NE(row.find(parameter), std::string::npos) << parameter << " in " << row;
  EXPECT_NE(html.find("<td>50.000 s</td><td class='step'>step</td><td>press_fob trunk (key 1)</td>"), std::string::npos);
  // On the pictures: the fault onset at 0 s and the press at 50 s as labelled markers.
  EXPECT_NE(html.find("<title>0.000 s: fault water_ingress: "), std::string::npos);
  EXPECT_NE(html.find("<title>50.000 s: press_fob trunk (key 1)</title>"), std::string::npos);
  EXPECT_NE(html.find("font-size='10'>press_fob trunk (key 1)</text>"), std::string::npos);
  EXPECT_NE(html.find("font-size='10'>water_ingress</text>"), std::string::npos);
  EXPECT_NE(html.find("font-size='10'>0xC4</text>"), std::string::npos);
}

TEST_F(HtmlReport, SaysWhichBuildWroteItAndWhen) {
  HtmlOptions options;
  options.written = std::chrono::system_clock::from_time_t(1795773900);  // 2026-11-27T10:05:00Z
  const auto html = page(options);
  EXPECT_EQ(tool_version(), "0.1.0");  // PROJECT_VERSION in CMakeLists.txt
  EXPECT_FALSE(git_commit().empty());
  EXPECT_NE(html.find("bcmhil 0.1.0, commit " + git_commit() + ", report written 2026-11-27T10:05:00Z"),
            std::string::npos);
  EXPECT_EQ(html.find(".vcd"), std::string::npos) << "no trace link without a trace";
}

TEST_F(HtmlReport, LinksTheTraceOfTheSameRunRelatively) {
  EXPECT_EQ(relative_href("out/run.html", "out/run.vcd"), "run.vcd");
  EXPECT_EQ(relative_href("out/run.html", "out/traces/run.vcd"), "traces/run.vcd");
  EXPECT_EQ(relative_href("reports/run.html", "traces/my run.vcd"), "../traces/my%20run.vcd");
  HtmlOptions options;
  options.trace_href = "traces/run.vcd";
  EXPECT_NE(page(options).find("<a href='traces/run.vcd'>traces/run.vcd</a>"), std::string::npos);
}

TEST_F(HtmlReport, ShowsTheOverviewAndOneZoomPerStretchTheExpectationsLookAt) {
  const auto html = page();
  std::size_t pictures = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++pictures;
  EXPECT_EQ(pictures, 4u);  // the whole run, then 5 s, 25 s, 50 s
  EXPECT_NE(html.find("<h3>Zoom 49.800 - 52.200 s</h3>"), std::string::npos);
  EXPECT_NE(html.find(">50.0 s</text>"), std::string::npos);
  EXPECT_EQ(html.find("fill='#c62828' fill-opacity"), std::string::npos);  // no failed window to shade red
}

// Latin-1 bytes in the scenario's name, file and expectation name: the page stays UTF-8.
TEST(HtmlReportText, StaysValidUtf8WhateverBytesTheScenarioHolds) {
  const auto run = testing::run_text(
      "name: cafe\ndescription: door shut\nduration: 2 s\nexpect:\n  - name: door\n"
      "    signal: hatch.open\n    during: [0 s, 1 s]\n    never: true\n",
      "/tmp/cafe.yaml");
  testing::give_latin1_names(*run, "caf\xE9", "/tmp/caf\xE9.yaml", "T\xFCr <offen>");
  std::ostringstream out;
  write_html(out, run->scenario, run->result);
  EXPECT_TRUE(output::is_valid_utf8(out.str()));
  EXPECT_NE(out.str().find("T\xEF\xBF\xBDr &lt;offen&gt;"), std::string::npos);
}

}  // namespace
}  // namespace bcmhil::report
