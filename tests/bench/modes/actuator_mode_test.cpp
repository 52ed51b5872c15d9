// Actuator mode in process, on a relay emulator: a healthy module's release clicks the relay at the
// model's instant (within a bound a loaded 2-core machine keeps), a flooded one never does, a dry
// run sends nothing, and a bad mapping is invalid input with file:line:col.
#include "actuator_mode.h"
#include "pty_emulator.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "source_dir.h"

namespace bcmhil::modes {
namespace {

using namespace std::chrono_literals;

std::string temp(const std::string& name) {
  return "/tmp/bcmhil-modes-test-" + std::to_string(::getpid()) + "-" + name;
}

std::string write_bench(const std::string& name, const std::string& device, const std::string& follows,
                        const std::string& family = "lcus") {
  const std::string path = temp(name + ".yaml");
  std::ofstream(path) << "name: test-desk\n"
                         "boards:\n"
                         "  - {name: desk, family: " << family << ", device: '" << device << "', channels: 2}\n"
                         "channels:\n"
                         "  - name: hatch_actuator_feed\n"
                         "    board: desk\n"
                         "    channel: 1\n"
                         "    kind: load_feed\n"
                         "    wired_to: tailgate lock actuator\n"
                         "    max_on: 1500ms\n"
                         "    follows: \"" << follows << "\"\n";
  return path;
}

std::string scenario(const std::string& name) { return testing::source_dir() + "/scenarios/bench/" + name + ".yaml"; }

ActuatorOptions options(const std::string& bench, const std::string& sc) {
  ActuatorOptions o;
  o.bench_path = bench;
  o.scenario_path = sc;
  o.watchdog = false;        // the guard has its own tests (tests/bench/rig); the CLI test runs with it
  o.handle_signals = false;  // the CLI test covers SIGTERM
  o.realtime_priority = 10;  // as the CLI does (best effort)
  return o;
}

std::vector<relay::SwitchEvent> ons(const relay::PtyEmulator& emu) {
  std::vector<relay::SwitchEvent> v;
  for (const auto& e : emu.history())
    if (e.channel == 1 && e.on) v.push_back(e);
  return v;
}

TEST(ActuatorMode, HealthyReleaseClicksTheRelayForThePulseAtTheModelsTime) {
  relay::PtyEmulator emu(relay::Family::kmtronic, temp("healthy-link"), 2);
  const auto bench = write_bench("healthy", emu.link(), "V(hatch_lock.pin2) > 6 V", "kmtronic");
  std::ostringstream out;
  auto o = options(bench, scenario("healthy-bc1"));
  o.out = &out;
  const auto r = run_actuator(o);
  ASSERT_EQ(r.exit_code, kExitOk) << r.error << format_actuator(r);
  ASSERT_EQ(r.switches.size(), 2u) << format_actuator(r);
  // The fob press at 0.5 s, its telegram decoded some tens of ms later, a 0.6 s pulse.
  EXPECT_TRUE(r.switches[0].on);
  EXPECT_NEAR(r.switches[0].model_s, 0.55, 0.1);
  EXPECT_FALSE(r.switches[1].on);
  EXPECT_NEAR(r.switches[1].model_s - r.switches[0].model_s, 0.6, 0.01);
  // Confirmed by the board soon after the model's instant: well under a human's notice even on a
  // loaded box (the README quotes the measured p99 against the 1 ms / 5 ms targets).
  for (const auto& s : r.switches) {
    EXPECT_LT(s.late_ms, 100.0) << "switch at " << s.model_s;
    EXPECT_EQ(s.outcome, "switched");
  }
  // The emulated board saw exactly one click, as long as the pulse in wall time.
  const auto clicks = ons(emu);
  ASSERT_EQ(clicks.size(), 1u);
  std::chrono::steady_clock::time_point off_at{};
  for (const auto& e : emu.history())
    if (e.channel == 1 && !e.on && e.at > clicks[0].at && off_at == std::chrono::steady_clock::time_point{}) off_at = e.at;
  const double held_ms = std::chrono::duration<double, std::milli>(off_at - clicks[0].at).count();
  EXPECT_NEAR(held_ms, 600.0, 100.0);
  EXPECT_FALSE(emu.state(1));
  EXPECT_TRUE(r.final_off.ok);
  EXPECT_EQ(r.relay_latency.count, 2u);
  EXPECT_GT(r.lateness.events, 10u);
  EXPECT_LT(r.lateness.p50_ms, 20.0);
}

TEST(ActuatorMode, FloodedModuleNeverClicksTheActuator) {
  relay::PtyEmulator emu(relay::Family::lcus, temp("flooded-link"), 2);
  const auto bench = write_bench("flooded", emu.link(), "V(hatch_lock.pin2) > 6 V");
  auto o = options(bench, scenario("flooded-bc1"));
  std::ostringstream out;
  o.out = &out;
  const auto r = run_actuator(o);
  ASSERT_EQ(r.exit_code, kExitOk) << r.error;
  EXPECT_TRUE(r.switches.empty()) << format_actuator(r);
  EXPECT_TRUE(ons(emu).empty()) << "the desk actuator clicked for a flooded module";
  EXPECT_NE(format_actuator(r).find("nothing: no mapped model output came on"), std::string::npos);
  EXPECT_NEAR(r.simulated_s, 2.5, 1e-9);
}

TEST(ActuatorMode, DryRunTouchesNoDeviceAndPrintsTheSwitches) {
  relay::PtyEmulator emu(relay::Family::lcus, temp("dry-link"), 2);
  const auto bench = write_bench("dry", emu.link(), "DOP_BOOT_RELEASE");
  std::ostringstream out;
  auto o = options(bench, scenario("healthy-bc1"));
  o.dry_run = true;
  o.out = &out;
  const auto r = run_actuator(o);
  ASSERT_EQ(r.exit_code, kExitOk) << r.error;
  EXPECT_TRUE(r.dry_run);
  EXPECT_EQ(r.switches.size(), 2u);
  EXPECT_TRUE(emu.history().empty()) << "a dry run sent bytes to the board";
  EXPECT_NE(out.str().find("dry-run: would switch"), std::string::npos) << out.str();
}

TEST(ActuatorMode, UnknownOrUnthresholdedSignalIsInvalidInputAtItsLine) {
  relay::PtyEmulator emu(relay::Family::lcus, temp("bad-link"), 2);
  auto r = run_actuator(options(write_bench("bad1", emu.link(), "V(no_such.node) > 6 V"), scenario("healthy-bc1")));
  EXPECT_EQ(r.exit_code, kExitInvalid);
  EXPECT_NE(r.error.find("bad1.yaml:11:14: error: channel 'hatch_actuator_feed': the model has no signal 'V(no_such.node)'"),
            std::string::npos)
      << r.error;
  r = run_actuator(options(write_bench("bad2", emu.link(), "V(hatch_lock.pin2)"), scenario("healthy-bc1")));
  EXPECT_EQ(r.exit_code, kExitInvalid);
  EXPECT_NE(r.error.find("give a threshold"), std::string::npos) << r.error;
  EXPECT_FALSE(emu.state(1));
}

TEST(ActuatorMode, MissingBoardIsADeviceProblem) {
  const auto r = run_actuator(options(write_bench("missing", temp("no-such-board"), "DOP_BOOT_RELEASE"),
                                      scenario("healthy-bc1")));
  EXPECT_EQ(r.exit_code, kExitDevice);
  EXPECT_NE(r.error.find("no-such-board"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace bcmhil::modes
