// The bcmhil executable where a process of its own matters: SIGTERM in the middle of an actuator
// run (the relay is on: it must go off at once, the exit status says why), and dut mode end to end
// against simulated modules served by `bcmhil serve` on ptys (a flooded one must be flagged on its
// tailgate release and on nothing else; a healthy one must pass), plus its input errors.
#include "pty_emulator.h"

#include <gtest/gtest.h>

#include "child_process.h"
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "source_dir.h"

namespace bcmhil {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string temp(const std::string& name) {
  return "/tmp/bcmhil-modes-cli-" + std::to_string(::getpid()) + "-" + name;
}
std::string scenario(const std::string& name) { return testing::source_dir() + "/scenarios/" + name + ".yaml"; }

pid_t spawn(const std::vector<std::string>& args, const std::string& output) {
  return bcmhil::testing::spawn(BCMHIL_CLI, args, output);
}
using bcmhil::testing::wait_exit;

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

bool wait_for_path(const std::string& path, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  struct stat st {};
  while (Clock::now() < until) {
    if (::stat(path.c_str(), &st) == 0) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST(BenchActuatorCli, SigtermMidRunSwitchesTheEnergisedRelayOffAndSaysSo) {
  relay::PtyEmulator emu(relay::Family::kmtronic, temp("sig-link"), 2);
  const std::string bench = temp("sig.yaml");
  // The channel follows the hatch being open: on from the release (2 s) until someone shuts it
  // (6 s), so it is on when the signal comes and only the signal can switch it off early.
  std::ofstream(bench) << "boards: [{name: desk, family: kmtronic, device: '" << emu.link() << "', channels: 2}]\n"
                          "channels:\n"
                          "  - {name: open_lamp, board: desk, channel: 1, kind: load_feed, wired_to: a lamp,\n"
                          "     max_on: 10s, follows: hatch.open}\n";
  const std::string out = temp("sig.out");
  const pid_t pid = spawn({"bench", "actuator", "--bench", bench, scenario("healthy-hatch")}, out);
  ASSERT_TRUE(emu.wait_for_state(1, true, 8000ms)) << slurp(out);
  const auto on_at = Clock::now();
  std::this_thread::sleep_for(200ms);
  ASSERT_TRUE(emu.state(1));
  ::kill(pid, SIGTERM);
  const auto sent = Clock::now();
  ASSERT_TRUE(emu.wait_for_state(1, false, 1000ms)) << "SIGTERM left the relay on\n" << slurp(out);
  const auto off_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  EXPECT_LT(off_ms, 1000.0);
  EXPECT_LT(Clock::now() - on_at, 3000ms) << "off only when the model let go, not at the signal";
  EXPECT_EQ(wait_exit(pid, 5000ms), 128 + SIGTERM) << slurp(out);
  EXPECT_FALSE(emu.state(1));
  EXPECT_FALSE(emu.state(2));
  const std::string text = slurp(out);
  EXPECT_NE(text.find("every relay off"), std::string::npos) << text;
  EXPECT_NE(text.find("stopped by"), std::string::npos) << text;
}

// A simulated module served on a pty, as `bcmhil serve SCENARIO --kline L --forever` does in CI.
class ServedModule {
 public:
  ServedModule(const std::string& scenario_file, const std::string& name) : link_(temp(name + "-kline")) {
    pid_ = spawn({"serve", scenario_file, "--kline", link_, "--forever"}, temp(name + "-serve.out"));
    ready_ = wait_for_path(link_, 10000ms);
    // The scenario's story (water, then a last press of the fob at 0.5 s) is over by 1 s.
    std::this_thread::sleep_for(1200ms);
  }
  ~ServedModule() {
    ::kill(pid_, SIGTERM);
    wait_exit(pid_, 5000ms);
  }
  bool ready() const { return ready_; }
  const std::string& link() const { return link_; }

 private:
  std::string link_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

class BenchDutCli : public ::testing::Test {
 protected:
  void SetUp() override {
    emu_ = std::make_unique<relay::PtyEmulator>(relay::Family::numato, temp("io-link"), 8);
    bench_ = temp("dut.yaml");
    // What CI can wire: the module's supply through a relay. The emulated relays reach no module
    // input, so no input channel is wired here: those checks must say "not tested (not wired)".
    std::ofstream(bench_) << "name: ci-dut\n"
                             "boards: [{name: io, family: numato, device: '" << emu_->link() << "', channels: 8}]\n"
                             "channels:\n"
                             "  - {name: kl30, board: io, channel: 1, kind: supply, wired_to: KL30, max_on: 30min}\n";
  }

  nlohmann::json dut(const std::string& kline, int* exit_code, std::string* text) {
    const std::string json = temp("dut.json"), out = temp("dut.out");
    const pid_t pid = spawn({"bench", "dut", "--quiet", "--bench", bench_, "--kline", kline,
                             scenario("bench/healthy-bc1"), "--json", json},
                            out);
    *exit_code = wait_exit(pid, 30000ms);
    *text = slurp(out);
    try {
      return nlohmann::json::parse(slurp(json));
    } catch (const std::exception&) {
      return {};
    }
  }

  std::unique_ptr<relay::PtyEmulator> emu_;
  std::string bench_;
};

TEST_F(BenchDutCli, FloodedModuleFailsOnItsTailgateReleaseAndNothingElse) {
  ServedModule module(scenario("bench/flooded-bc1"), "flooded");
  ASSERT_TRUE(module.ready());
  int code = 0;
  std::string text;
  const auto j = dut(module.link(), &code, &text);
  EXPECT_EQ(code, 1) << text;
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["failed_functions"], nlohmann::json::array({"tailgate release"})) << text;
  EXPECT_EQ(j["overall"], "FAILED: tailgate release");
  ASSERT_EQ(j["evidence"].size(), 1u);
  const std::string evidence = j["evidence"][0];
  EXPECT_NE(evidence.find("monitor DIP_BOOT_RELEASE_MONITOR stays OFF on the module (reference ON)"), std::string::npos)
      << evidence;
  EXPECT_NE(evidence.find("fault 0xC4 active"), std::string::npos) << evidence;
  EXPECT_NE(text.find("verdict: FAILED: tailgate release"), std::string::npos) << text;
  // The assistant, from what the bench read (0xC4 as found, the readback low while forced), names
  // the water on the tailgate driver first among the module's own faults.
  EXPECT_EQ(j["diagnosis"]["candidates"][0]["fault"], "water_ingress{region=tailgate_driver}") << text;
  EXPECT_FALSE(emu_->state(1)) << "the supply relay must be off at the end";
  EXPECT_TRUE(emu_->history().size() >= 1u);
}

TEST_F(BenchDutCli, AnOpenIndicatorDriverFailsTheLeftIndicatorAndNothingElse) {
  // Issue 11: the readback the model gives is the reference. Forced on, the healthy model's left
  // indicator status reads ON; the module's open driver leaves its pin (and the status) low.
  ServedModule module(scenario("bench/indicator-open-bc1"), "indicator");
  ASSERT_TRUE(module.ready());
  int code = 0;
  std::string text;
  const auto j = dut(module.link(), &code, &text);
  EXPECT_EQ(code, 1) << text;
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["failed_functions"], nlohmann::json::array({"left indicator"})) << text;
  ASSERT_EQ(j["evidence"].size(), 1u) << text;
  const std::string evidence = j["evidence"][0];
  EXPECT_NE(evidence.find("monitor DIP_LH_DIR_IND_STATUS stays OFF on the module (reference ON)"), std::string::npos)
      << evidence;
  EXPECT_NE(evidence.find("fault 0xAA active"), std::string::npos) << evidence;
  for (const auto& c : j["checks"]) {
    if (c["function"] == "right indicator") {
      EXPECT_EQ(c["verdict"], "pass") << c.dump();
    }
  }  // Issue 10: the assistant names the fault from what the bench read.
  ASSERT_TRUE(j["diagnosis"].is_object()) << text;
  EXPECT_EQ(j["diagnosis"]["candidates"][0]["fault"], "driver_failure{mode=open,output=indicator_lh}") << text;
  EXPECT_NE(text.find("verdict (assistant): driver_failure{mode=open,output=indicator_lh}"), std::string::npos) << text;
}

TEST_F(BenchDutCli, HealthyModulePassesAndUnwiredInputsAreNotPassed) {
  ServedModule module(scenario("bench/healthy-bc1"), "healthy");
  ASSERT_TRUE(module.ready());
  int code = 0;
  std::string text;
  const auto j = dut(module.link(), &code, &text);
  EXPECT_EQ(code, 0) << text;
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["overall"], "healthy") << text;
  EXPECT_TRUE(j["failed_functions"].empty());
  EXPECT_EQ(j["diagnosis"]["candidates"][0]["fault"], "healthy") << text;
  int not_wired = 0, passed = 0;
  for (const auto& c : j["checks"]) {
    const std::string fn = c["function"];
    if (fn.find("input") != std::string::npos) {
      EXPECT_EQ(c["verdict"], "not tested (not wired)") << c.dump();
      ++not_wired;
    }
    passed += c["verdict"] == "pass";
  }
  EXPECT_EQ(not_wired, 2);
  EXPECT_GE(passed, 10);
  EXPECT_FALSE(emu_->state(1));
}

TEST_F(BenchDutCli, AnInputTheRelayCannotReachIsFlaggedAgainstTheModelsHandle) {
  // The relay is wired on paper but reaches nothing (as a broken input would): the module keeps
  // reading the handle released while the reference model, its handle pin grounded through the
  // same relay, reads it pressed.
  std::ofstream(bench_) << "name: ci-dut-input\n"
                           "boards: [{name: io, family: numato, device: '" << emu_->link() << "', channels: 8}]\n"
                           "channels:\n"
                           "  - {name: handle, board: io, channel: 3, kind: input_to_ground, wired_to: handle input,\n"
                           "     follows: DIP_BOOT_HANDLE_SW}\n";
  ServedModule module(scenario("bench/healthy-bc1"), "input");
  ASSERT_TRUE(module.ready());
  int code = 0;
  std::string text;
  const auto j = dut(module.link(), &code, &text);
  EXPECT_EQ(code, 1) << text;
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["failed_functions"], nlohmann::json::array({"tailgate handle input"})) << text;
  ASSERT_EQ(j["evidence"].size(), 1u);
  const std::string evidence = j["evidence"][0];
  EXPECT_NE(evidence.find("grounded through relay handle, DIP_BOOT_HANDLE_SW reads off on the module (reference ON)"),
            std::string::npos)
      << evidence;
  // The reference is the model's handle pin grounded the same way, not a fixed "ON".
  bool referenced = false;
  for (const auto& c : j["checks"])
    referenced = referenced || std::string(c["note"]).find("the model's pin grounded") != std::string::npos;
  EXPECT_TRUE(referenced) << text;
  bool switched_on = false;
  for (const auto& e : emu_->history()) switched_on = switched_on || (e.channel == 3 && e.on);
  EXPECT_TRUE(switched_on) << "the input relay was never switched";
  EXPECT_FALSE(emu_->state(3));
}

TEST_F(BenchDutCli, ASensePointThatStaysLowWhileForcedFailsTheFunctionItFollows) {
  // A dummy load connected while the tailgate output is forced, and a GPIO that should see the
  // output come up: the emulated GPIO stays low (nothing drives it), so the bench senses what the
  // DS2 readback does not, and the tailgate release is flagged on that evidence alone.
  std::ofstream(bench_) << "name: ci-dut-sense\n"
                           "boards: [{name: io, family: numato, device: '" << emu_->link() << "', channels: 8}]\n"
                           "channels:\n"
                           "  - {name: dummy_load, board: io, channel: 2, kind: load_feed, wired_to: 6.8 ohm,\n"
                           "     max_on: 2s, follows: DOP_BOOT_RELEASE}\n"
                           "sense:\n"
                           "  - {name: release_out, board: io, pin: 0, mode: digital, wired_to: divider,\n"
                           "     follows: DOP_BOOT_RELEASE}\n";
  emu_->set_gpio(0, false);
  ServedModule module(scenario("bench/healthy-bc1"), "sense");
  ASSERT_TRUE(module.ready());
  int code = 0;
  std::string text;
  const auto j = dut(module.link(), &code, &text);
  EXPECT_EQ(code, 1) << text;
  ASSERT_TRUE(j.is_object()) << text;
  EXPECT_EQ(j["failed_functions"], nlohmann::json::array({"tailgate release"})) << text;
  ASSERT_EQ(j["evidence"].size(), 1u);
  EXPECT_NE(std::string(j["evidence"][0]).find("the bench senses off at release_out (reference ON)"), std::string::npos)
      << j["evidence"][0];
  // The load was connected for the force only, and is off at the end.
  int load_on = 0;
  for (const auto& e : emu_->history()) load_on += e.channel == 2 && e.on;
  EXPECT_EQ(load_on, 1);
  EXPECT_FALSE(emu_->state(2));
}

TEST_F(BenchDutCli, NoPortIsADeviceProblemAndABadBenchFileIsInvalidInput) {
  int code = 0;
  std::string text;
  dut(temp("no-such-kline"), &code, &text);
  EXPECT_EQ(code, 3) << text;
  EXPECT_NE(text.find("no K-line at"), std::string::npos) << text;

  std::ofstream(bench_) << "boards: [{name: io, family: numato, device: '" << emu_->link() << "', channels: 8}]\n"
                           "channels:\n"
                           "  - {name: handle, board: io, channel: 3, kind: input_to_ground, wired_to: handle,\n"
                           "     follows: \"V(bc1.boot_handle_in) > 3 V\"}\n";
  dut(temp("no-such-kline"), &code, &text);
  EXPECT_EQ(code, 2) << text;
  EXPECT_NE(text.find("dut.yaml:4:15: error: channel 'handle': dut mode reads the module over DS2"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace bcmhil
