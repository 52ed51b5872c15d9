#pragma once
// The guard that outlives its controller. A forked process holds its own connection to every
// board and watches the controller through a socket: when the controller dies in any way
// (SIGKILL included) the kernel closes the controller's end, the guard sees the hang-up and
// switches every relay off (reading back where the board can). The controller also tells the
// guard, before each switch-on, which relay it energises and for how long it may stay on, so the
// guard enforces the maximum on-time from its own record even if the controller hangs.
//
// While the controller lives the guard stays quiet on the wire (serial boards are shared by two
// file descriptors; only one may read), except when a deadline passes: the controller's own timer
// should have switched the relay off `grace` earlier, so by then it is considered wedged.
#include "board_factory.h"

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace bcmhil::rig {

class Watchdog {
 public:
  // Forks the guard and returns once it has opened every board (throws relay::RelayError naming
  // the board if it could not). Call before the controller opens its own connections and before
  // it starts threads.
  Watchdog(std::vector<relay::BoardSpec> boards, std::chrono::milliseconds grace,
           std::chrono::milliseconds ready_timeout = std::chrono::seconds(10));
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Each returns false if the guard is gone (the caller must then stop: nobody guards the loads).
  bool arm(int board, int channel, std::chrono::milliseconds max_on);
  bool disarm(int board, int channel);
  bool disarm_all();
  // The controller has switched everything off itself: the guard exits without touching boards.
  void stop();
  // Something is still on that this process could not switch off: close the socket without STOP,
  // as a dying controller would, so the guard switches everything off with its own connection.
  void hand_over();
  bool alive();
  pid_t pid() const { return pid_; }

 private:
  bool send(std::uint8_t type, int board, int channel, std::uint32_t ms);
  void reap();
  int sock_ = -1;
  pid_t pid_ = -1;
};

}  // namespace bcmhil::rig
