#pragma once
// SafeBench: the only way to switch a relay on the bench. Every caller (CLI, scenario runner,
// actuator and dut modes) goes through it, so the safety rules hold whatever the caller says:
//  - no relay stays energised past its channel's max_on: a timer switches it off, records a
//    SafetyEvent and latches the channel off until the caller switches it off itself;
//  - every exit path switches every relay off and reads back where the board can: destructor
//    (normal exit, exceptions), SignalGuard (SIGINT/SIGTERM), a board that vanishes (the bench
//    halts: every other board is switched off and each later call throws BenchHalted);
//  - a guard process (Watchdog) holds its own connection and switches everything off if this
//    process dies hard (SIGKILL, crash);
//  - dry_run prints what would be switched and opens no device.
//
// For a paced scenario runner: resolve names once with channel(), then call set(id, on) every
// tick. A set() to the state the channel is already in costs no I/O (a mutex and a compare), so it
// is fine to call it at every step; a real switch costs one command and its read-back (see
// latency()).
#include "bench_config.h"
#include "latency_stats.h"
#include "relay_board.h"
#include "watchdog.h"

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bcmhil::rig {

// The bench stopped after a fault (a board vanished or misbehaved); every relay was switched off
// as far as possible. Nothing more can be switched on this SafeBench.
class BenchHalted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SenseId {
  int index = -1;  // into BenchConfig::sense
  bool valid() const { return index >= 0; }
};

struct SenseReading {
  bool high = false;  // digital: the pin reads 1; analog: raw > half scale
  int raw = 0;        // digital: 0/1; analog: ADC counts
  int full_scale = 1; // digital: 1; analog: the board's maximum count (1023)
};

struct ChannelId {
  int index = -1;  // into BenchConfig::channels
  bool valid() const { return index >= 0; }
};

enum class SetOutcome {
  switched,         // the relay was switched (and confirmed where the board reads back)
  unchanged,        // already in that state: nothing sent
  refused_latched,  // max on-time tripped earlier; switch the channel off to clear the latch
};
const char* to_string(SetOutcome o);

struct SafetyEvent {
  enum class Kind { max_on_tripped, board_failed, all_off, guard_lost, signal };
  std::chrono::steady_clock::time_point at;
  Kind kind;
  std::string channel;  // logical channel name, or board name, or empty
  std::string detail;
};
const char* to_string(SafetyEvent::Kind k);

struct BenchOptions {
  bool dry_run = false;
  std::ostream* dry_run_out = &std::cout;
  // The guard process. Off only for tests of other parts and for dry runs.
  bool watchdog = true;
  // How long after a channel's max_on the guard steps in if this process has not switched it off.
  std::chrono::milliseconds watchdog_grace{1000};
};

struct ChannelStatus {
  bool on = false;          // logical state as last commanded (inversion applied)
  bool energised = false;   // relay coil state as last commanded
  bool latched_off = false; // max on-time tripped
  std::chrono::milliseconds on_for{0};  // how long the coil has been energised now
};

struct AllOffReport {
  bool ok = true;  // every board switched off; every readable board read back off
  std::vector<std::string> lines;
};

class SafeBench {
 public:
  // Forks the guard (before any thread), opens every board (or dry-run stand-ins), switches
  // everything off. Throws relay::RelayError naming the device on a bad or missing board.
  explicit SafeBench(BenchConfig config, BenchOptions options = {});
  // Over boards opened by the caller (one per config board, same order): the seam for mocks and
  // fakes. No guard process (it could not reopen them); everything else applies.
  struct OpenedBoards {
    std::vector<std::unique_ptr<relay::RelayBoard>> boards;
  };
  SafeBench(BenchConfig config, OpenedBoards opened, BenchOptions options = {});
  // Switches every relay off and reads back; then releases the guard.
  ~SafeBench();
  SafeBench(const SafeBench&) = delete;
  SafeBench& operator=(const SafeBench&) = delete;

  const BenchConfig& config() const { return config_; }
  bool dry_run() const { return options_.dry_run; }

  // Throws std::invalid_argument naming the known channels if `name` is not one.
  ChannelId channel(std::string_view name) const;
  // Logical on/off (inversion applied). Throws BenchHalted once the bench has halted.
  SetOutcome set(ChannelId id, bool on);
  SetOutcome set(std::string_view name, bool on) { return set(channel(name), on); }
  ChannelStatus status(ChannelId id) const;
  // Asks the board (Readback::hardware) where it can, else the tracked state; logical (inverted).
  relay::ChannelReading read(ChannelId id);
  // Sense points (dut mode: the module's outputs). Throws std::invalid_argument if unknown,
  // BenchHalted if the board fails (the bench halts as for a relay command).
  SenseId sense_point(std::string_view name) const;
  SenseReading sense(SenseId id);
  SenseReading sense(std::string_view name) { return sense(sense_point(name)); }
  // Every relay off, read back. Safe to call from any thread, any number of times.
  AllOffReport all_off();

  bool halted() const;
  std::vector<SafetyEvent> events() const;
  void record(SafetyEvent::Kind kind, std::string channel, std::string detail);
  relay::LatencySummary latency() const;
  relay::RelayBoard& board(int index) { return *boards_.at(static_cast<std::size_t>(index)); }
  Watchdog* watchdog() { return watchdog_.get(); }

 private:
  void timer_loop();
  void start();
  [[noreturn]] void halt_locked(const std::string& board, const std::string& what);
  AllOffReport all_off_locked(const char* why);
  void record_locked(SafetyEvent::Kind kind, std::string channel, std::string detail);

  BenchConfig config_;
  BenchOptions options_;
  std::unique_ptr<Watchdog> watchdog_;
  std::vector<std::unique_ptr<relay::RelayBoard>> boards_;

  struct Live {
    bool energised = false;
    bool latched = false;
    std::chrono::steady_clock::time_point since;
    std::optional<std::chrono::steady_clock::time_point> deadline;
  };
  mutable std::mutex mutex_;
  std::condition_variable timer_cv_;
  std::vector<Live> live_;
  std::vector<SafetyEvent> events_;
  relay::LatencyStats latency_;
  bool halted_ = false;
  bool stopping_ = false;
  std::thread timer_;
};

}  // namespace bcmhil::rig
