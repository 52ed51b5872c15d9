#pragma once
// A relay board of a serial family emulated on a pseudo-terminal: the driver opens `link` (a
// symlink to the pty's peer) exactly as it would open /dev/ttyUSB0, and the emulator answers with
// the family's bytes, quirks included (LCUS answers only its status query FF, in ASCII lines, or
// not at all like many LCUS-1 boards; KMTronic answers status queries, per board size; Numato runs
// the modules' whole command set, echoes, answers in "\n\r" lines and prompts with '>').
// Formats and their sources: relay_protocols.h.
//
// It runs on its own thread, records every switching command with a timestamp (tests use the
// history to check what the hardware would have done), and can misbehave on request: go silent
// (a hung board: bytes are swallowed, nothing switches, nothing is answered) or vanish (the pty
// closes, as when the USB cable is pulled).
#include "board_factory.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bcmhil::transport {
class LinkClaim;
}

namespace bcmhil::relay {

struct SwitchEvent {
  std::chrono::steady_clock::time_point at;
  int channel;  // 1-based, whatever the wire numbering
  bool on;
};

class PtyEmulator {
 public:
  // Throws RelayError if the pty or the link cannot be made, or if another live process holds
  // `link` (link_claim.h). An existing symlink at `link` left by a dead one is replaced; any other
  // file there is an error.
  PtyEmulator(Family family, std::string link, int channels);
  ~PtyEmulator();
  PtyEmulator(const PtyEmulator&) = delete;
  PtyEmulator& operator=(const PtyEmulator&) = delete;

  Family family() const { return family_; }
  const std::string& link() const { return link_; }
  const std::string& pty_name() const { return pty_name_; }
  int channel_count() const { return channels_; }

  bool state(int channel) const;
  std::vector<SwitchEvent> history() const;
  // Blocks until `channel` is in state `on` or `timeout` passes; true if it got there.
  bool wait_for_state(int channel, bool on, std::chrono::milliseconds timeout) const;
  // Blocks until the history holds at least `count` events.
  bool wait_for_events(std::size_t count, std::chrono::milliseconds timeout) const;
  // Called on the emulator thread after each switching command (the CLI prints with it).
  void set_listener(std::function<void(const SwitchEvent&)> listener);

  void set_silent(bool silent);
  void vanish();
  bool vanished() const;

  // LCUS: whether the board answers the status query FF. By default a board of two or more relays
  // answers and a single-relay one (LCUS-1) stays silent, as most of them do (chosen default).
  void set_lcus_status_answers(bool answers);
  bool lcus_status_answers() const;

  // Numato extras: what "gpio read N" / "adc read N" answer (index 0-based as on the wire): the
  // level something outside drives on a pin. "gpio set|clear N" drive the pin themselves; the last
  // of the two (the module's output or the outside) wins (chosen: the emulator has no wiring).
  void set_gpio(int index0, bool high);
  bool gpio(int index0) const;
  void set_adc(int index0, int value);
  std::string numato_id = "BCMHIL01";
  std::string numato_version = "00000008";

 private:
  void run();
  void process(const std::uint8_t* data, std::size_t size);
  void process_lcus();
  void process_kmtronic();
  void answer_lcus_status();
  void process_numato(const std::uint8_t* data, std::size_t size);
  std::string numato_answer(const std::string& line);
  std::string numato_relay(const std::string& verb, const std::string& arg);
  std::string numato_io(const std::string& what, const std::string& verb, const std::string& arg);
  std::optional<int> numato_index(const std::string& token, int count) const;
  void apply(int channel, bool on);
  void reply(const std::string& bytes);

  Family family_;
  std::string link_;
  std::unique_ptr<transport::LinkClaim> claim_;  // link_claim.h: one emulator per link
  std::string pty_name_;
  int channels_;
  int master_ = -1;
  int slave_ = -1;  // held open so the master never sees a hang-up between driver opens
  int wake_[2] = {-1, -1};
  std::vector<std::uint8_t> buffer_;
  std::string line_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<bool> states_;
  std::vector<bool> gpio_;
  std::vector<int> adc_;
  std::vector<SwitchEvent> history_;
  std::function<void(const SwitchEvent&)> listener_;
  bool silent_ = false;
  bool lcus_status_answers_ = true;
  bool vanish_requested_ = false;
  bool vanished_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace bcmhil::relay
