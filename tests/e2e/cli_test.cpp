// Runs the bcmhil executable as a user would and checks exit codes, messages and artefacts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_support.h"
#include "source_dir.h"

namespace {

namespace fs = std::filesystem;

using bcmhil::e2e::Outcome;
using bcmhil::e2e::run;
using bcmhil::e2e::scenario;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bcmhil_e2e_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }
  std::string write(const std::string& file, const std::string& text) const {
    std::ofstream(path(file)) << text;
    return path(file);
  }
  static std::string slurp(const std::string& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

}  // namespace

TEST_F(CliTest, FloodedScenarioPassesWithAllArtefacts) {
  const auto r = run("run " + scenario("flooded-bcm-hatch") + " --json " + path("r.json") + " --junit " +
                     path("r.xml") + " --trace " + path("r.vcd"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("verdict: PASS"), std::string::npos);

  const auto json = nlohmann::json::parse(slurp(path("r.json")));
  EXPECT_EQ(json["scenario"], "flooded-bcm-hatch");
  EXPECT_EQ(json["verdict"], "pass");
  EXPECT_DOUBLE_EQ(json["sim_time_s"].get<double>(), 60.0);
  EXPECT_GT(json["wall_time_s"].get<double>(), 0.0);  // the speed itself is measured by `bcmhil speed`
  ASSERT_EQ(json["expectations"].size(), 8u);
  for (const auto& e : json["expectations"]) {
    EXPECT_TRUE(e["passed"].get<bool>()) << e.dump();
    EXPECT_TRUE(e.contains("name") && e.contains("observed") && e.contains("expected"));
  }
  // The flooded module logged its luggage-release fault (0xC4, bc1_forttexte.csv).
  bool c4 = false;
  for (const auto& f : json["fault_memory"]) c4 |= f["code"] == "0xC4";
  EXPECT_TRUE(c4);

  const auto xml = slurp(path("r.xml"));
  EXPECT_NE(xml.find("<testsuites name=\"bcmhil\" tests=\"9\" failures=\"0\""), std::string::npos);  // runs + 8
  const auto vcd = slurp(path("r.vcd"));
  EXPECT_NE(vcd.find("$timescale 1 us $end"), std::string::npos);
  EXPECT_NE(vcd.find("V(hatch_lock.pin2)"), std::string::npos);
  EXPECT_NE(vcd.find("$enddefinitions $end"), std::string::npos);
  // The last press at 50 s: sync 2 ms + gap 0.7 ms + 47 bit periods + the last 0-bit's 300 us
  // high end the telegram at 50.050000 s; the synchroniser and publish add 3 cycles, so the
  // release command rises at 50 050 003 us.
  const auto var = vcd.find(" DOP_BOOT_RELEASE $end");
  ASSERT_NE(var, std::string::npos);
  const auto id_start = vcd.rfind(' ', var - 1) + 1;
  const auto id = vcd.substr(id_start, var - id_start);
  const auto block = vcd.find("\n#50050003\n");
  ASSERT_NE(block, std::string::npos);
  const auto block_end = vcd.find("\n#", block + 1);
  const auto changes = vcd.substr(block, block_end == std::string::npos ? std::string::npos : block_end - block);
  EXPECT_NE(changes.find("\n1" + id + "\n"), std::string::npos) << "id " << id << " in:" << changes;
}

TEST_F(CliTest, HtmlReportHasVerdictsAndTimingPictures) {
  const auto r = run("run -q " + scenario("flooded-bcm-hatch") + " --report " + path("r.html"));
  ASSERT_EQ(r.status, 0) << r.out;
  const auto html = slurp(path("r.html"));
  EXPECT_NE(html.find("<h1>flooded-bcm-hatch <span class='pass'>PASS</span></h1>"), std::string::npos);
  // The overview and one zoom per stretch the expectations look at (5 s, 25 s, 50 s).
  std::size_t pictures = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++pictures;
  EXPECT_EQ(pictures, 4u);
  EXPECT_NE(html.find("<h3>Zoom 49.800 - 52.200 s</h3>"), std::string::npos);
  EXPECT_NE(html.find(">V(hatch_lock.pin2)</text>"), std::string::npos);
  EXPECT_EQ(html.find("fill='#c62828' fill-opacity"), std::string::npos);  // no failed window to shade red
}

// CI runs the shipped scenarios the way a user runs a suite: through `campaign`, folders and all
// (scenarios/bench too), one JUnit file with a verdict case per scenario.
TEST_F(CliTest, EveryShippedScenarioPassesThroughCampaign) {
  const auto folder = bcmhil::testing::source_dir() + "/scenarios";
  std::size_t shipped = 0;
  for (const auto& e : fs::recursive_directory_iterator(folder)) shipped += e.path().extension() == ".yaml";
  const auto r = run("campaign " + folder + " -j 2 --junit " + path("shipped.xml"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(std::to_string(shipped) + " passed, 0 failed, 0 errors"), std::string::npos) << r.out;
  const auto xml = slurp(path("shipped.xml"));
  std::size_t suites = 0;
  for (auto at = xml.find("<testsuite "); at != std::string::npos; at = xml.find("<testsuite ", at + 1)) ++suites;
  EXPECT_EQ(suites, shipped) << xml.substr(0, 300);
}

TEST_F(CliTest, FailedExpectationExitsOneAndSaysWhy) {
  const auto file = write("wrong.yaml", R"(name: wrong-belief
duration: 5 s
faults:
  - {type: hinge_wire_open}
steps:
  - {at: 1 s, do: press_fob, button: trunk}
expect:
  - name: the hatch opens
    signal: hatch.open
    during: [1 s, 5 s]
    rising_edges: 1
)");
  const auto r = run("run " + file + " --json " + path("r.json") + " --junit " + path("r.xml"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("FAIL  the hatch opens"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("observed 0 rising edge(s), expected exactly 1"), std::string::npos) << r.out;
  EXPECT_EQ(nlohmann::json::parse(slurp(path("r.json")))["verdict"], "fail");
  EXPECT_NE(slurp(path("r.xml")).find("<failure type=\"rising_edges\" message=\"observed 0 rising edge(s), expected exactly 1\""),
            std::string::npos);
}

// --version names the build the way the reports do (version and commit), not a fixed string.
TEST_F(CliTest, VersionNamesTheVersionAndTheCommit) {
  const auto r = run("--version");
  ASSERT_EQ(r.status, 0) << r.out;
  std::ifstream cmake(bcmhil::testing::source_dir() + "/CMakeLists.txt");
  std::stringstream text;
  text << cmake.rdbuf();
  const auto at = text.str().find("project(bcmhil VERSION ");
  ASSERT_NE(at, std::string::npos);
  const auto version = text.str().substr(at + 23, text.str().find(' ', at + 23) - (at + 23));
  EXPECT_EQ(r.out.rfind("bcmhil " + version + " (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(")"), std::string::npos) << r.out;
}

TEST_F(CliTest, InvalidScenarioExitsTwoNamingFileLineColumn) {
  const auto bad_fault = write("bad_fault.yaml", "name: x\nduration: 5 s\nfaults:\n  - {type: waterr}\n");
  auto r = run("run " + bad_fault);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(bad_fault + ":4:12: unknown fault type 'waterr'"), std::string::npos) << r.out;

  const auto bad_signal =
      write("bad_signal.yaml", "name: x\nduration: 5 s\nexpect:\n  - {signal: V(hatch.pin9), at: 1 s, max_at_most: 1 V}\n");
  r = run("run " + bad_signal + " --junit " + path("e.xml"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(bad_signal + ":4:5: unknown signal 'V(hatch.pin9)'"), std::string::npos) << r.out;
  EXPECT_NE(slurp(path("e.xml")).find("errors=\"1\""), std::string::npos);  // CI sees the broken file too

  const auto bad_yaml = write("bad_yaml.yaml", "name: x\nduration: 5 s\nsteps: [\n");
  r = run("run " + bad_yaml);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(bad_yaml + ":"), std::string::npos);

  const auto outside = write("outside.yaml", "name: x\nduration: 5 s\nexpect:\n  - {signal: hatch.open, during: [1 s, 9 s], never: true}\n");
  r = run("run " + outside);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("after the run ends"), std::string::npos);

  r = run("run " + path("missing.yaml"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("cannot open"), std::string::npos);
}

TEST_F(CliTest, UnwritableArtefactIsAClearError) {
  const auto r = run("run -q " + scenario("hinge-wire-broken") + " --json /nonexistent-dir/r.json");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("cannot write /nonexistent-dir/r.json"), std::string::npos);
}

// Each car's block ends in its own verdict line: swapping two verdicts must fail.
TEST_F(CliTest, DemoTellsTheCasesApart) {
  const auto r = run("demo");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::pair<const char*, const char*> cases[] = {
      {"flooded-bcm-hatch - ", "=> water_ingress{region=tailgate_driver}"},
      {"hinge-wire-broken - ", "=> hinge_wire_open{wire=tailgate_feed}"},
      {"fuse-30cdl-blown - ", "=> blown_fuse{fuse=F9}"},
      {"actuator-seized - ", "=> actuator_failure{mode=seized}"},
      {"actuator-shorted - ", "=> actuator_failure{mode=shorted}"},
      {"bad-ground-hatch - ", "=> bad_ground{point=hatch}"},
  };
  std::size_t from = 0;
  for (const auto& [title, verdict] : cases) {
    const auto block = r.out.find(title, from);
    ASSERT_NE(block, std::string::npos) << title << " missing or out of order in:\n" << r.out;
    const auto arrow = r.out.find("  => ", block);
    ASSERT_NE(arrow, std::string::npos) << title;
    const auto line = r.out.substr(arrow, r.out.find('\n', arrow) - arrow);
    EXPECT_NE(line.find(verdict), std::string::npos) << title << "got: " << line;
    from = arrow;
  }
}

// The JSON the training product reads, exactly the issue's shape.
TEST_F(CliTest, AssistScenarioJsonHasTheIssuesShape) {
  const auto r = run("assist --quiet --json --scenario " + scenario("bad-ground-hatch"));
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  ASSERT_EQ(j.size(), 3u);
  ASSERT_TRUE(j.at("explained").is_boolean());
  EXPECT_TRUE(j["explained"].get<bool>());
  const auto& top = j.at("candidates").at(0);
  EXPECT_EQ(top.size(), 3u);
  EXPECT_EQ(top.at("fault"), "bad_ground");
  EXPECT_EQ(top.at("parameters"), (nlohmann::json{{"point", "hatch"}}));
  EXPECT_GE(top.at("probability").get<double>(), 0.95);
  EXPECT_GE(top["probability"].get<double>(), j["candidates"].at(1).at("probability").get<double>());
  ASSERT_FALSE(j.at("measurements").empty());
  for (const auto& m : j["measurements"]) {
    EXPECT_EQ(m.size(), 3u);
    EXPECT_TRUE(m.at("test").is_string());
    EXPECT_TRUE(m.at("reading").is_number() || m.at("reading").is_null());
    EXPECT_TRUE(m.at("cost_min").is_number());
  }
}

TEST_F(CliTest, AssistRefusesAReadingNoInstrumentShows) {
  const auto r = run("assist --json --reading hatch.bc1_pin.volts_trunk=1e9");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("1e+09 V is outside what hatch.bc1_pin.volts_trunk can show"), std::string::npos) << r.out;
  const auto ok = run("assist --json --reading \"hatch.bc1_pin.volts_trunk=11.8 V\"");
  ASSERT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("\"next\""), std::string::npos) << ok.out;
}

TEST_F(CliTest, HelpEverywhereAndBadArgumentsExitTwo) {
  for (const char* cmd : {"--help", "run --help", "demo --help", "assist --help", "signals --help", "faults --help", "campaign --help",
                          "serve --help", "speed --help", "diag --help"}) {
    const auto r = run(cmd);
    EXPECT_EQ(r.status, 0) << cmd << "\n" << r.out;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
  EXPECT_EQ(run("run").status, 2);
  EXPECT_EQ(run("run x.yaml --clock sometimes").status, 2);
  EXPECT_EQ(run("no-such-command").status, 2);
}

TEST_F(CliTest, CatalogsListSignalsAndFaults) {
  auto r = run("signals");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* s : {"DOP_BOOT_RELEASE", "V(hatch_lock.pin2)", "I(hatch_lock.motor)", "indicator_lh.lit", "hatch.open"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  r = run("faults");
  ASSERT_EQ(r.status, 0);
  for (const char* f : {"water_ingress", "hinge_wire_open", "blown_fuse", "actuator_failure"})
    EXPECT_NE(r.out.find(f), std::string::npos) << f;
}

TEST_F(CliTest, CampaignRunsFoldersInParallelAndReportsEveryScenario) {
  const auto folder = dir_ / "suite";
  fs::create_directories(folder);
  fs::copy_file(scenario("healthy-hatch"), folder / "a-healthy.yaml");
  fs::copy_file(scenario("hinge-wire-broken"), folder / "b-hinge.yaml");
  auto r = run("campaign " + folder.string() + " -j 2 --junit " + path("c.xml") + " --json " + path("c.json"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2 passed, 0 failed, 0 errors"), std::string::npos) << r.out;
  const auto xml = slurp(path("c.xml"));
  // One case per scenario verdict plus one per expectation: 1 + 11 and 1 + 5.
  EXPECT_NE(xml.find("tests=\"18\" failures=\"0\" errors=\"0\""), std::string::npos) << xml.substr(0, 300);
  EXPECT_EQ(nlohmann::json::parse(slurp(path("c.json"))).size(), 2u);

  // A failing and an invalid scenario: both reported, the worst decides the exit status.
  write("suite/c-wrong.yaml", "name: wrong\nduration: 2 s\nexpect:\n  - {signal: hatch.open, at: 1 s, always: true}\n");
  r = run("campaign " + folder.string() + " -j 2 --junit " + path("c.xml"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("FAIL         c-wrong.yaml"), std::string::npos) << r.out;
  write("suite/d-broken.yaml", "name: broken\nduration: 2 s\nfaults:\n  - {type: nope}\n");
  r = run("campaign " + folder.string() + " -j 2 --junit " + path("c.xml"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("d-broken.yaml:4:12: unknown fault type 'nope'"), std::string::npos) << r.out;
  EXPECT_NE(slurp(path("c.xml")).find("errors=\"1\""), std::string::npos);
  EXPECT_EQ(run("campaign /nonexistent").status, 2);
}

TEST_F(CliTest, ScenarioDiagnosesOverRealDs2Bytes) {
  const auto r = run("run " + scenario("flooded-bcm-diagnosed") + " --json " + path("d.json"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("observed 0xC4 active (read at 52.000000 s)"), std::string::npos) << r.out;
}

// bcmhil serve answers over a usable K-line only: once water has pulled the line to ground the
// served module is as silent as in a scenario's diagnose step (the same check, Bc1Module::
// hear_kline). The dry control shows the test can tell the two apart.
TEST_F(CliTest, ServeIsSilentOnceTheKlineIsWetted) {
  auto serve_and_ask = [this](const std::string& name, const std::string& faults) {
    const auto file = write(name + ".yaml", "name: " + name + "\nduration: 30 s\n" + faults);
    const auto link = path(name + ".kline");
    const auto pid_file = path(name + ".pid");
    const std::string serve = std::string(BCMHIL_CLI) + " serve " + file + " --kline " + link + " --forever > " +
                              path(name + ".log") + " 2>&1 & echo $! > " + pid_file;
    EXPECT_EQ(std::system(serve.c_str()), 0);
    for (int i = 0; i < 50 && !fs::exists(link); ++i) usleep(100'000);
    usleep(2'000'000);  // the film needs 0.5 s of the module's (real) time to wet the pin
    // The tester's default patience (1 s, two retries): a loaded CI machine must not make the dry
    // module look silent.
    const auto r = run("diag --port " + link + " ident");
    std::ifstream pid_in(pid_file);
    int pid = 0;
    pid_in >> pid;
    if (pid > 0) ::kill(pid, SIGTERM);
    return r;
  };
  const auto dry = serve_and_ask("dry", "");
  EXPECT_EQ(dry.status, 0) << dry.out;
  const auto wet = serve_and_ask("wet", "faults:\n  - {type: kline_wetted, at: 0 s, wetting_time: 0.5 s}\n");
  EXPECT_EQ(wet.status, 3) << wet.out;
}

// A scenario that expects nothing passes whatever happens: run refuses it unless --allow-empty,
// and campaign passes the flag on to each run.
TEST_F(CliTest, ScenarioWithoutExpectationsNeedsAllowEmpty) {
  fs::create_directories(path("empty"));
  const auto empty = write("empty/empty.yaml", "name: empty\nduration: 100 ms\n");
  auto r = run("run " + empty);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(empty + ":1:1: the scenario expects nothing"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--allow-empty"), std::string::npos) << r.out;
  EXPECT_EQ(run("run -q --allow-empty " + empty).status, 0);
  EXPECT_EQ(run("campaign " + path("empty")).status, 2);
  r = run("campaign --allow-empty " + path("empty"));
  EXPECT_EQ(r.status, 0) << r.out;

  const auto twice = write("twice.yaml", "name: x\nduration: 5 s\nduration: 50 s\n");
  r = run("run " + twice);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(twice + ":3:1: key 'duration' is given twice"), std::string::npos) << r.out;
  const auto latin1 = write("latin1.yaml", "name: caf\xE9\nduration: 5 s\n");
  r = run("run " + latin1);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(latin1 + ":1:10: byte \\xE9 is not UTF-8"), std::string::npos) << r.out;
}
