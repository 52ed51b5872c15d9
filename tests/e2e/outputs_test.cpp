// Issue 9, "nothing lost silently", and issue 12's JUnit: every output file of run and campaign
// is whole or absent (exit 3 naming it), valid whatever bytes the scenario holds, and readable by
// parsers someone else wrote (Python's expat, junitparser).
#include "bench/output/utf8.h"
#include "e2e_support.h"

#include <nlohmann/json.hpp>
#include <sys/mount.h>

#include <regex>

namespace bcmhil::e2e {
namespace {

const std::string kE2eDir = BCMHIL_E2E_DIR;

nlohmann::json junitparser_view(const std::string& xml_path) {
  const auto r = python(kE2eDir + "/junit_check.py", xml_path);
  EXPECT_EQ(r.status, 0) << r.out;
  return r.status == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

class Outputs : public TempDirTest {};

TEST_F(Outputs, EveryFileToAFullDeviceExitsThreeNamingIt) {
  for (const char* option : {"--json", "--junit", "--report", "--trace"}) {
    const auto r = run("run -q " + scenario("hinge-wire-broken") + " " + option + " /dev/full");
    EXPECT_EQ(r.status, 3) << option << "\n" << r.out;
    EXPECT_NE(r.out.find("cannot write /dev/full"), std::string::npos) << option << "\n" << r.out;
  }
  for (const char* option : {"--junit", "--json"}) {
    const auto r = run("campaign " + scenario("hinge-wire-broken") + " " + option + " /dev/full");
    EXPECT_EQ(r.status, 3) << option << "\n" << r.out;
    EXPECT_NE(r.out.find("bcmhil campaign: cannot write /dev/full"), std::string::npos) << option << "\n" << r.out;
  }
  // The other files of the same run are still written whole.
  const auto r = run("run -q " + scenario("hinge-wire-broken") + " --junit /dev/full --json " + path("r.json"));
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(nlohmann::json::parse(slurp(path("r.json")))["verdict"], "pass");
}

// A real full disk: a 32 KiB tmpfs. The trace does not fit; what was under its name before stays,
// no temporary file is left, and every file that is there is complete.
TEST_F(Outputs, AFullDiskLeavesNoTruncatedFile) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root; run the suite as root to check a full disk";
  const std::string disk = path("disk");
  fs::create_directories(disk);
  if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=32k") != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << ")";
  struct Unmount {
    std::string at;
    ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
  } unmount{disk};
  std::ofstream(disk + "/flood.vcd") << "the previous trace, complete\n";
  const auto r = run("run -q " + scenario("flooded-bcm-hatch") + " --trace " + disk + "/flood.vcd --report " + disk +
                     "/flood.html --json " + disk + "/flood.json");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_NE(r.out.find("cannot write " + disk + "/flood.vcd"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("No space left on device"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(disk + "/flood.vcd"), "the previous trace, complete\n");
  for (const auto& name : entries(disk)) {
    EXPECT_EQ(name.find(".tmp."), std::string::npos) << "temporary file left: " << name;
    if (name == "flood.json") {
      EXPECT_NO_THROW(nlohmann::json::parse(slurp(disk + "/" + name)));
    }
    if (name == "flood.html") {
      EXPECT_NE(slurp(disk + "/" + name).find("</html>\n"), std::string::npos);
    }
  }
}

// Latin-1 bytes in the file name, the scenario name and an expectation name; a YAML error that
// echoes a raw byte. JSON parses, the XML parses with expat and junitparser, the HTML is UTF-8.
TEST_F(Outputs, ValidJsonXmlAndHtmlWhateverBytesTheInputsHold) {
  const auto file = write("caf\xE9.yaml",
                          "name: caf\xE9-hatch\nduration: 2 s\nexpect:\n  - name: T\xFCr bleibt zu\n"
                          "    signal: hatch.open\n    during: [0 s, 2 s]\n    never: true\n"
                          "  - name: Spannung am Schlo\xDF\n    signal: V(hatch_lock.pin2)\n    during: [0 s, 2 s]\n"
                          "    max_at_least: 9 V\n");
  auto r = run("run -q '" + file + "' --json " + path("r.json") + " --junit " + path("r.xml") + " --report " +
               path("r.html"));
  ASSERT_EQ(r.status, 1) << r.out;  // the second expectation fails: nothing pressed the release
  const auto json = nlohmann::json::parse(slurp(path("r.json")));
  EXPECT_EQ(json["scenario"], "caf\xEF\xBF\xBD-hatch");
  EXPECT_EQ(json["expectations"][0]["name"], "T\xEF\xBF\xBDr bleibt zu");
  EXPECT_EQ(python(kE2eDir + "/xml_check.py", path("r.xml")).out, "testsuites\n");
  const auto view = junitparser_view(path("r.xml"));
  EXPECT_EQ(view["suites"][0]["name"], "caf\xEF\xBF\xBD-hatch");
  EXPECT_TRUE(output::is_valid_utf8(slurp(path("r.html"))));

  const auto broken = write("w\xE4sser.yaml", "name: nass\nduration: 2 s\nfaults:\n  - {type: w\xE4sser}\n");
  r = run("run -q '" + broken + "' --junit " + path("e.xml"));
  ASSERT_EQ(r.status, 2) << r.out;
  EXPECT_EQ(python(kE2eDir + "/xml_check.py", path("e.xml")).out, "testsuites\n");
  EXPECT_EQ(junitparser_view(path("e.xml"))["errors"], 1);

  r = run("campaign " + dir_.string() + " --junit " + path("c.xml") + " --json " + path("c.json") + " --report " +
          path("reports"));
  ASSERT_EQ(r.status, 2) << r.out;
  EXPECT_EQ(python(kE2eDir + "/xml_check.py", path("c.xml")).out, "testsuites\n");
  const auto campaign = junitparser_view(path("c.xml"));
  EXPECT_EQ(campaign["errors"], 1);
  EXPECT_EQ(campaign["failures"], 1);
  EXPECT_EQ(nlohmann::json::parse(slurp(path("c.json"))).size(), 2u);
  for (const auto& name : entries(path("reports")))
    EXPECT_TRUE(output::is_valid_utf8(slurp(path("reports/" + name)))) << name;
}

// A campaign's JUnit as junitparser reads it: totals at both levels, times, timestamps, the
// machine, failure and error types.
TEST_F(Outputs, JunitparserReadsCountsTimesAndTypes) {
  fs::create_directories(path("suite"));
  fs::copy_file(scenario("hinge-wire-broken"), path("suite/a-hinge.yaml"));
  write("suite/b-wrong.yaml",
        "name: wrong\nduration: 2 s\nexpect:\n  - {name: open at once, signal: hatch.open, at: 1 s, always: true}\n"
        "  - {name: shut, signal: hatch.open, during: [0 s, 2 s], never: true}\n");
  write("suite/c-broken.yaml", "name: broken\nduration: 2 s\nfaults:\n  - {type: nope}\n");
  const auto r = run("campaign " + path("suite") + " -j 2 --junit " + path("c.xml"));
  ASSERT_EQ(r.status, 2) << r.out;
  const auto x = junitparser_view(path("c.xml"));
  // a-hinge: runs + 5 expectations; b-wrong: runs + 2 (one fails); c-broken: one error.
  EXPECT_EQ(x["tests"], 6 + 3 + 1);
  EXPECT_EQ(x["failures"], 1);
  EXPECT_EQ(x["errors"], 1);
  ASSERT_EQ(x["suites"].size(), 3u);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::regex iso8601(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  double suite_times = 0;
  for (const auto& s : x["suites"]) {
    EXPECT_TRUE(std::regex_match(s["timestamp"].get<std::string>(), iso8601)) << s["timestamp"];
    EXPECT_EQ(s["hostname"], host);
    EXPECT_GT(s["time"].get<double>(), 0.0);
    suite_times += s["time"].get<double>();
    for (const auto& c : s["cases"]) EXPECT_GE(c["time"].get<double>(), 0.0);
  }
  EXPECT_NEAR(x["time"].get<double>(), suite_times, 0.01);
  const auto& hinge = x["suites"][0];
  EXPECT_EQ(hinge["name"], "hinge-wire-broken");
  EXPECT_EQ(hinge["tests"], 6);
  EXPECT_EQ(hinge["failures"], 0);
  EXPECT_EQ(hinge["cases"][0]["name"], "scenario runs");
  EXPECT_NEAR(hinge["cases"][0]["time"].get<double>(), hinge["time"].get<double>(), 0.001);
  const auto& wrong = x["suites"][1];
  EXPECT_EQ(wrong["tests"], 3);
  EXPECT_EQ(wrong["failures"], 1);
  EXPECT_EQ(wrong["errors"], 0);
  EXPECT_EQ(wrong["cases"][1]["results"][0]["kind"], "Failure");
  EXPECT_EQ(wrong["cases"][1]["results"][0]["type"], "always");
  EXPECT_EQ(wrong["cases"][2]["results"].size(), 0u);
  const auto& broken = x["suites"][2];
  EXPECT_EQ(broken["tests"], 1);
  EXPECT_EQ(broken["errors"], 1);
  EXPECT_EQ(broken["cases"][0]["results"][0]["kind"], "Error");
  EXPECT_EQ(broken["cases"][0]["results"][0]["type"], "invalid_scenario");
  EXPECT_NE(broken["cases"][0]["results"][0]["message"].get<std::string>().find("c-broken.yaml:4:12: unknown fault type"),
            std::string::npos);
}

TEST_F(Outputs, RunJunitHasTheSameShape) {
  const auto r = run("run -q " + scenario("flooded-bcm-hatch") + " --junit " + path("r.xml"));
  ASSERT_EQ(r.status, 0) << r.out;
  const auto x = junitparser_view(path("r.xml"));
  EXPECT_EQ(x["tests"], 9);  // scenario runs + 8 expectations
  EXPECT_EQ(x["failures"], 0);
  EXPECT_EQ(x["suites"][0]["cases"][0]["name"], "scenario runs");
  EXPECT_GT(x["suites"][0]["cases"][0]["time"].get<double>(), 0.0);
}

// campaign --report DIR: each run's own report and an index linking them with their verdicts.
TEST_F(Outputs, CampaignReportFolderIndexesEveryRun) {
  fs::create_directories(path("suite"));
  fs::copy_file(scenario("healthy-hatch"), path("suite/a-healthy.yaml"));
  write("suite/b-wrong.yaml", "name: wrong\nduration: 2 s\nexpect:\n  - {signal: hatch.open, at: 1 s, always: true}\n");
  write("suite/c-broken.yaml", "name: broken\nduration: 2 s\nfaults:\n  - {type: nope}\n");
  const auto reports = path("out/reports");  // made, parents too
  const auto r = run("campaign " + path("suite") + " -j 2 --report " + reports);
  ASSERT_EQ(r.status, 2) << r.out;
  EXPECT_EQ(entries(reports), (std::vector<std::string>{"a-healthy.html", "b-wrong.html", "index.html"}));
  const auto index = slurp(reports + "/index.html");
  EXPECT_NE(index.find("<h1>bcmhil campaign: 1 of 3 passed</h1>"), std::string::npos) << index;
  EXPECT_NE(index.find("<td class='pass'>pass</td><td><a href='a-healthy.html'>healthy-hatch</a>"), std::string::npos)
      << index;
  EXPECT_NE(index.find("<td class='bad'>FAIL</td><td><a href='b-wrong.html'>wrong</a>"), std::string::npos) << index;
  EXPECT_NE(index.find("<td class='bad'>ERROR</td><td>" + path("suite/c-broken.yaml")), std::string::npos) << index;
  EXPECT_NE(index.find("unknown fault type &apos;nope&apos;"), std::string::npos) << index;
  EXPECT_NE(slurp(reports + "/b-wrong.html").find("<h1>wrong <span class='fail'>FAIL</span></h1>"), std::string::npos);
}

TEST_F(Outputs, RunReportLinksItsTrace) {
  fs::create_directories(path("traces"));
  const auto r = run("run -q " + scenario("hinge-wire-broken") + " --report " + path("r.html") + " --trace " +
                     path("traces/r.vcd"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(slurp(path("r.html")).find("<a href='traces/r.vcd'>"), std::string::npos);
}

}  // namespace
}  // namespace bcmhil::e2e
