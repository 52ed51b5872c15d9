// The guard process: a controller that dies hard (SIGKILL) or hangs (SIGSTOP) must not leave a
// load energised. The emulator lives in this process; the controller is a forked child; the
// guard is the controller's child (re-parented to us: we are a subreaper).
#include "pty_emulator.h"
#include "rig_test_support.h"
#include "safe_bench.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <optional>
#include <thread>

namespace bcmhil::rig {
namespace {

using namespace std::chrono_literals;
using relay::Family;
using relay::PtyEmulator;

// Owns the controller process: whatever happens in the test (a failed ASSERT returns early), it
// is killed and reaped, so no controller or guard outlives the test holding ctest's output pipe.
struct Controller {
  pid_t pid = -1;
  Controller() = default;
  explicit Controller(pid_t p) : pid(p) {}
  Controller(Controller&& o) noexcept : pid(o.pid) { o.pid = -1; }
  ~Controller() { kill_and_reap(); }
  void kill_and_reap() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

// Forks a controller that opens the bench with its guard, switches the feed on and then waits.
Controller start_controller(const std::string& family, const std::string& link, const std::string& max_on,
                            std::chrono::milliseconds grace) {
  int ready[2];
  if (::pipe(ready) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(ready[0]);
    int code = 0;
    try {
      SafeBench bench(test::one_board(family, link, 2, max_on), {.watchdog = true, .watchdog_grace = grace});
      bench.set("hatch_actuator_feed", true);
      (void)!::write(ready[1], "x", 1);
      // Bounded, so a test that went wrong can never leave a controller (and its guard) behind.
      std::this_thread::sleep_for(60s);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "controller: %s\n", e.what());
      code = 9;
    }
    ::_exit(code);
  }
  ::close(ready[1]);
  char c = 0;
  const bool ok = ::read(ready[0], &c, 1) == 1;
  ::close(ready[0]);
  if (!ok) {
    ::waitpid(pid, nullptr, 0);
    return {};
  }
  return Controller(pid);
}

// When the emulator decoded "channel 1 on" (a write-only board's set() may return before).
std::optional<std::chrono::steady_clock::time_point> on_event(const PtyEmulator& emu) {
  if (!emu.wait_for_state(1, true, 3000ms)) return std::nullopt;
  for (const auto& e : emu.history())
    if (e.channel == 1 && e.on) return e.at;
  return std::nullopt;
}

// Reaps whatever children are left (the guard, re-parented to us), without hanging.
void reap_all() {
  for (int i = 0; i < 500; ++i) {
    const pid_t p = ::waitpid(-1, nullptr, WNOHANG);
    if (p < 0) return;  // no children left
    if (p == 0) std::this_thread::sleep_for(10ms);
  }
}

class GuardTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override { ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0); }
  // The guard is reaped before the emulator goes, so it finishes its all-off on a live board.
  void TearDown() override { reap_all(); }
  PtyEmulator& make_emulator() {
    emu_ = std::make_unique<PtyEmulator>(relay::parse_family(GetParam()).value(), test::link_path(), 2);
    return *emu_;
  }
  std::unique_ptr<PtyEmulator> emu_;
};

TEST_P(GuardTest, SigkilledControllerLeavesNothingEnergised) {
  PtyEmulator& emu = make_emulator();
  auto c = start_controller(GetParam(), emu.link(), "1h", 1000ms);
  ASSERT_GT(c.pid, 0) << "controller did not start";
  ASSERT_TRUE(on_event(emu)) << "the controller's switch-on never reached the board";
  const auto killed_at = std::chrono::steady_clock::now();
  c.kill_and_reap();
  // Bound: the guard reacts to the hang-up at once; 3 s leaves room for a loaded 2-core machine.
  ASSERT_TRUE(emu.wait_for_state(1, false, 3000ms)) << "the load stayed energised after SIGKILL";
  const auto h = emu.history();
  const auto off_after = h.back().at - killed_at;
  EXPECT_LT(off_after, 3000ms);
  std::printf("[          ] %s: guard switched off %.1f ms after SIGKILL\n", GetParam(),
              std::chrono::duration<double, std::milli>(off_after).count());
}

TEST_P(GuardTest, HungControllerIsOverruledAtMaxOnTime) {
  PtyEmulator& emu = make_emulator();
  auto c = start_controller(GetParam(), emu.link(), "300ms", 200ms);
  ASSERT_GT(c.pid, 0) << "controller did not start";
  ::kill(c.pid, SIGSTOP);  // wedged: its own timer cannot run (SIGKILL still works on it)
  const auto on_at = on_event(emu);
  ASSERT_TRUE(on_at) << "the controller's switch-on never reached the board";
  ASSERT_TRUE(emu.wait_for_state(1, false, 3000ms)) << "the guard did not enforce max on-time";
  const auto h = emu.history();
  std::optional<std::chrono::steady_clock::time_point> off_at;
  for (const auto& e : h)
    if (e.channel == 1 && !e.on && e.at > *on_at) off_at = off_at ? off_at : e.at;
  ASSERT_TRUE(off_at);
  // The guard steps in at max_on (300 ms) + grace (200 ms) after it heard of the switch-on, which
  // was sent before the write: so at least 300 ms after the board saw it unless the emulator lagged
  // by more than the grace; 250 ms leaves room for a loaded machine and still proves it waited.
  EXPECT_GE(*off_at - *on_at, 250ms);
}

INSTANTIATE_TEST_SUITE_P(SerialFamilies, GuardTest, ::testing::Values("lcus", "kmtronic", "numato"));

}  // namespace
}  // namespace bcmhil::rig
