// `bcmhil relay set CHANNEL on` as a person runs it: a process of its own, a real SIGINT (what
// Ctrl-C sends), the board an emulator on a pty in this test process. Without --for it holds until
// Ctrl-C (everything off, read back, exit 130) or the channel's max_on (the planned end, exit 0);
// a --for longer than max_on is cut by the safety layer (exit 1). The same with --dry-run.
#include "pty_emulator.h"

#include <gtest/gtest.h>

#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace bcmhil::relay {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// One mkdtemp folder per test process: parallel runs never share a link or a file.
std::string temp(const std::string& name) {
  static const std::string folder = [] {
    char pattern[] = "/tmp/bcmhil-relay-cli-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    return std::string(made ? made : "/tmp");
  }();
  return folder + "/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A two-relay LCUS board at `link` (it answers the status query, so everything is read back).
std::string write_bench(const std::string& name, const std::string& link, const std::string& max_on) {
  const std::string path = temp(name + ".yaml");
  std::ofstream(path) << "boards:\n"
                         "  - {name: desk, family: lcus, device: '" << link << "', channels: 2}\n"
                         "channels:\n"
                         "  - {name: feed, board: desk, channel: 1, kind: load_feed,\n"
                         "     wired_to: test load, max_on: " << max_on << "}\n";
  return path;
}

pid_t spawn(const std::vector<std::string>& args, const std::string& output) {
  return bcmhil::testing::spawn(BCMHIL_CLI, args, output);
}
using bcmhil::testing::wait_exit;

bool wait_for_text(const std::string& path, const std::string& text, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (Clock::now() < until) {
    if (slurp(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST(RelayCliSet, HoldsUntilCtrlCThenEverythingOffReadBackExit130) {
  PtyEmulator emu(Family::lcus, temp("desk-int"), 2);
  const std::string out = temp("int.out");
  const pid_t pid = spawn({"relay", "--bench", write_bench("int", emu.link(), "10s"), "set", "feed", "on"}, out);
  ASSERT_TRUE(emu.wait_for_state(1, true, 10s)) << slurp(out);
  ASSERT_TRUE(wait_for_text(out, "holding until Ctrl-C", 5s)) << slurp(out);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(emu.state(1)) << "it must hold, not end by itself: " << slurp(out);
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit(pid, 10s), 130) << slurp(out);
  EXPECT_FALSE(emu.state(1));
  const std::string text = slurp(out);
  EXPECT_NE(text.find("Interrupt: every relay switched off"), std::string::npos) << text;
  EXPECT_NE(text.find("desk: all off, read back off"), std::string::npos) << text;
  EXPECT_EQ(text.find("max-on-tripped"), std::string::npos) << text;
}

TEST(RelayCliSet, MaxOnWithoutForIsThePlannedEndExit0) {
  PtyEmulator emu(Family::lcus, temp("desk-max"), 2);
  const std::string out = temp("max.out");
  const pid_t pid = spawn({"relay", "--bench", write_bench("max", emu.link(), "400ms"), "set", "feed", "on"}, out);
  EXPECT_EQ(wait_exit(pid, 15s), 0) << slurp(out);
  const std::string text = slurp(out);
  EXPECT_NE(text.find("feed reached its max_on (400ms): switched off, as planned"), std::string::npos) << text;
  EXPECT_EQ(text.find("safety:"), std::string::npos) << text;
  // On once, then off by the max on-time timer (not before it).
  std::optional<Clock::time_point> on_at, off_at;
  for (const auto& e : emu.history())
    if (e.channel == 1 && e.on) on_at = e.at;
    else if (e.channel == 1 && on_at && !off_at) off_at = e.at;
  ASSERT_TRUE(on_at && off_at);
  EXPECT_GE(*off_at - *on_at, 350ms);
  EXPECT_FALSE(emu.state(1));
}

TEST(RelayCliSet, ForLongerThanMaxOnIsASafetyTripExit1) {
  PtyEmulator emu(Family::lcus, temp("desk-trip"), 2);
  const std::string out = temp("trip.out");
  const pid_t pid =
      spawn({"relay", "--bench", write_bench("trip", emu.link(), "300ms"), "set", "feed", "on", "--for", "5s"}, out);
  EXPECT_EQ(wait_exit(pid, 15s), 1) << slurp(out);
  EXPECT_NE(slurp(out).find("safety: max-on-tripped feed"), std::string::npos) << slurp(out);
  EXPECT_FALSE(emu.state(1));
}

TEST(RelayCliSet, DryRunHoldsUntilCtrlC) {
  const std::string out = temp("dry-int.out");
  const pid_t pid = spawn(
      {"relay", "--bench", write_bench("dry-int", temp("nothing-here"), "10s"), "--dry-run", "set", "feed", "on"}, out);
  ASSERT_TRUE(wait_for_text(out, "holding until Ctrl-C", 10s)) << slurp(out);
  std::this_thread::sleep_for(300ms);
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit(pid, 10s), 130) << slurp(out);
  const std::string text = slurp(out);
  EXPECT_NE(text.find("would switch desk (lcus " + temp("nothing-here") + ") channel 1 on"), std::string::npos) << text;
  EXPECT_NE(text.find("would switch every channel of desk"), std::string::npos) << text;
}

TEST(RelayCliSet, DryRunMaxOnIsThePlannedEnd) {
  const std::string out = temp("dry-max.out");
  const pid_t pid = spawn(
      {"relay", "--bench", write_bench("dry-max", temp("nothing-here"), "300ms"), "--dry-run", "set", "feed", "on"},
      out);
  EXPECT_EQ(wait_exit(pid, 15s), 0) << slurp(out);
  EXPECT_NE(slurp(out).find("switched off, as planned"), std::string::npos) << slurp(out);
}

}  // namespace
}  // namespace bcmhil::relay
