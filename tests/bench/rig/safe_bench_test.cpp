// SafeBench against pty emulators: max on-time, idempotent sets, inversion, vanished boards,
// dry run, bad devices, and SIGINT/SIGTERM.
#include "pty_emulator.h"
#include "rig_test_support.h"
#include "safe_bench.h"
#include "signal_guard.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <sstream>

namespace bcmhil::rig {
namespace {

using namespace std::chrono_literals;
using relay::Family;
using relay::PtyEmulator;
using test::link_path;
using test::one_board;

constexpr auto kWait = 3000ms;

bool has_event(const SafeBench& b, SafetyEvent::Kind kind, const std::string& channel = "") {
  for (const auto& e : b.events())
    if (e.kind == kind && (channel.empty() || e.channel == channel)) return true;
  return false;
}

TEST(SafeBench, MaxOnTimeSwitchesOffRecordsAndLatches) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SafeBench bench(one_board("lcus", emu.link(), 2, "200ms"), {.watchdog = false});
  const auto feed = bench.channel("hatch_actuator_feed");
  const auto asked_at = std::chrono::steady_clock::now();
  ASSERT_EQ(bench.set(feed, true), SetOutcome::switched);
  ASSERT_TRUE(emu.wait_for_state(1, true, kWait));
  ASSERT_TRUE(emu.wait_for_state(1, false, kWait)) << "max on-time was not enforced";
  // Off no earlier than max_on after the command (the on-time counts from before the write), and
  // not absurdly later (generous for a loaded box).
  const auto h = emu.history();
  std::chrono::steady_clock::time_point on_at, off_at;
  for (const auto& e : h)
    if (e.channel == 1) (e.on ? on_at : off_at) = e.at;
  EXPECT_GE(off_at - asked_at, 200ms);
  EXPECT_LT(off_at - on_at, 1500ms);
  for (int i = 0; i < 100 && !has_event(bench, SafetyEvent::Kind::max_on_tripped); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(has_event(bench, SafetyEvent::Kind::max_on_tripped, "hatch_actuator_feed"));
  EXPECT_TRUE(bench.status(feed).latched_off);
  // The caller keeps asking for on: refused until it acknowledges with an off.
  EXPECT_EQ(bench.set(feed, true), SetOutcome::refused_latched);
  EXPECT_FALSE(emu.state(1));
  EXPECT_EQ(bench.set(feed, false), SetOutcome::unchanged);
  EXPECT_EQ(bench.set(feed, true), SetOutcome::switched);
  EXPECT_TRUE(emu.wait_for_state(1, true, kWait));
}

TEST(SafeBench, RepeatedSetsCostNothingAndExitSwitchesOff) {
  PtyEmulator emu(Family::kmtronic, link_path(), 2);
  {
    SafeBench bench(one_board("kmtronic", emu.link(), 2), {.watchdog = false});
    const auto feed = bench.channel("hatch_actuator_feed");
    const auto before = emu.history().size();
    EXPECT_EQ(bench.set(feed, true), SetOutcome::switched);
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(bench.set(feed, true), SetOutcome::unchanged);
    EXPECT_EQ(emu.history().size(), before + 1);
    EXPECT_TRUE(emu.state(1));
    const auto r = bench.read(feed);
    EXPECT_TRUE(r.on);
    EXPECT_EQ(r.source, relay::Readback::hardware);
    EXPECT_EQ(bench.latency().count, 1u);
  }
  EXPECT_FALSE(emu.state(1)) << "destructor must switch everything off";
  EXPECT_FALSE(emu.state(2));
}

TEST(SafeBench, InvertedChannelDrivesTheCoilTheOtherWay) {
  PtyEmulator emu(Family::numato, link_path(), 4);
  SafeBench bench(one_board("numato", emu.link(), 4), {.watchdog = false});
  const auto sw = bench.channel("boot_handle_sw");
  EXPECT_EQ(bench.set(sw, false), SetOutcome::switched);  // logical off = coil energised
  EXPECT_TRUE(emu.state(2));
  EXPECT_FALSE(bench.read(sw).on);
  EXPECT_EQ(bench.set(sw, true), SetOutcome::switched);
  EXPECT_FALSE(emu.state(2));
}

TEST(SafeBench, SensePointsReadTheNumatoGpioAndAdc) {
  PtyEmulator emu(Family::numato, link_path(), 4);
  auto config = parse_bench_config("boards: [{name: io, family: numato, device: '" + emu.link() + "', channels: 4}]\n"
                                   "channels: [{name: kl15, board: io, channel: 1, kind: supply, wired_to: KL15, max_on: 1min}]\n"
                                   "sense:\n"
                                   "  - {name: release_out, board: io, pin: 2, mode: digital, wired_to: divider}\n"
                                   "  - {name: lamp_out, board: io, pin: 5, mode: analog, wired_to: divider}\n",
                                   "sense.yaml");
  SafeBench bench(config, {.watchdog = false});
  emu.set_gpio(2, true);
  emu.set_adc(5, 760);
  EXPECT_TRUE(bench.sense("release_out").high);
  const auto lamp = bench.sense("lamp_out");
  EXPECT_EQ(lamp.raw, 760);
  EXPECT_EQ(lamp.full_scale, 1023);
  EXPECT_TRUE(lamp.high);
  emu.set_gpio(2, false);
  EXPECT_FALSE(bench.sense(bench.sense_point("release_out")).high);
  EXPECT_THROW(bench.sense_point("nope"), std::invalid_argument);
}

TEST(SafeBench, UnknownChannelNamesTheKnownOnes) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SafeBench bench(one_board("lcus", emu.link(), 2), {.watchdog = false});
  try {
    bench.channel("kl15");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("hatch_actuator_feed, boot_handle_sw"), std::string::npos);
  }
}

TEST(SafeBench, VanishedBoardHaltsTheBench) {
  PtyEmulator emu(Family::kmtronic, link_path(), 2);
  SafeBench bench(one_board("kmtronic", emu.link(), 2), {.watchdog = false});
  const auto feed = bench.channel("hatch_actuator_feed");
  bench.set(feed, true);
  emu.vanish();
  EXPECT_THROW(bench.set(feed, false), BenchHalted);
  EXPECT_TRUE(bench.halted());
  EXPECT_TRUE(has_event(bench, SafetyEvent::Kind::board_failed, "desk"));
  EXPECT_THROW(bench.set(feed, true), BenchHalted);
  EXPECT_FALSE(bench.all_off().ok);
}

TEST(SafeBench, SilentBoardTimesOutInsteadOfHanging) {
  PtyEmulator emu(Family::kmtronic, link_path(), 2);
  SafeBench bench(one_board("kmtronic", emu.link(), 2), {.watchdog = false});
  emu.set_silent(true);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(bench.set("hatch_actuator_feed", true), BenchHalted);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
}

TEST(SafeBench, DryRunPrintsAndOpensNothing) {
  std::ostringstream out;
  {
    SafeBench bench(one_board("kmtronic", "/nonexistent/ttyUSB7", 2), {.dry_run = true, .dry_run_out = &out});
    bench.set("hatch_actuator_feed", true);
    bench.set("hatch_actuator_feed", false);
  }
  EXPECT_NE(out.str().find("would switch desk (kmtronic /nonexistent/ttyUSB7) channel 1 on"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("channel 1 off"), std::string::npos);
}

TEST(SafeBench, MissingDeviceIsAClearErrorWithOrWithoutGuard) {
  for (bool guard : {false, true}) {
    try {
      SafeBench bench(one_board("lcus", "/nonexistent/ttyUSB7", 2), {.watchdog = guard});
      FAIL();
    } catch (const relay::RelayError& e) {
      EXPECT_NE(std::string(e.what()).find("/nonexistent/ttyUSB7"), std::string::npos) << e.what();
    }
  }
}

// A controller in a child process, caught by SIGTERM: all off before it dies of the signal.
TEST(SafeBench, SigtermSwitchesEverythingOffBeforeExit) {
  PtyEmulator emu(Family::kmtronic, link_path(), 2);
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int code = 0;
    try {
      SafeBench bench(one_board("kmtronic", emu.link(), 2), {.watchdog = false});
      SignalGuard guard(bench, SignalGuard::Action::off_then_exit);
      bench.set("hatch_actuator_feed", true);
      (void)!::write(ready[1], "x", 1);
      std::this_thread::sleep_for(60s);  // bounded: a failed test never leaves this behind
    } catch (const std::exception& e) {
      code = 9;
    }
    ::_exit(code);
  }
  ::close(ready[1]);
  struct Reaper {
    pid_t pid;
    ~Reaper() {
      if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
  } reaper{child};
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ::close(ready[0]);
  ASSERT_TRUE(emu.wait_for_state(1, true, kWait));
  ::kill(child, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  reaper.pid = -1;
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_FALSE(emu.state(1)) << "SIGTERM left the load on";
}

TEST(SafeBench, SigintWithFlagLetsTheRunnerWindDown) {
  PtyEmulator emu(Family::lcus, link_path(), 2);
  SafeBench bench(one_board("lcus", emu.link(), 2), {.watchdog = false});
  SignalGuard guard(bench, SignalGuard::Action::off_then_flag);
  bench.set("hatch_actuator_feed", true);
  ASSERT_TRUE(emu.wait_for_state(1, true, kWait));
  ::raise(SIGINT);
  ASSERT_TRUE(guard.wait(kWait));
  EXPECT_EQ(guard.signal_number(), SIGINT);
  EXPECT_TRUE(emu.wait_for_state(1, false, kWait));
  EXPECT_TRUE(has_event(bench, SafetyEvent::Kind::signal));
}

}  // namespace
}  // namespace bcmhil::rig
