#pragma once
// The load generator (a benchmark, never a timed test): N students over real WebSockets against
// a running `bcmhil train`. Each creates a session (POST /api/sessions), opens its WebSocket,
// says hello, places a DVM across the battery (battery+ to ground), and then once a period
// changes the battery's charge (act set_battery, alternating 12.6 V and 11.8 V) and measures:
//   reading latency: from sending the act to the first state event whose DVM display has moved
//                    towards the new charge (the student's own model running in real time, the
//                    child's 50 ms event period, the relay through the server);
//   op round trip:   from sending the act to its answer.
// CPU is taken from /proc over the measuring window: the server process, its session children,
// this generator's own thread, and the whole machine.
#include <cstddef>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bcmhil::training::server {

struct LoadOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  int students = 30;
  double seconds = 30;           // measuring window, after every student has placed the meter
  double period_s = 1.0;         // one act per student per period (staggered)
  std::string exercise = "hatch-flashes-twice";
  pid_t server_pid = 0;          // whose children are the session cars (CPU); 0: not measured
};

struct Percentiles {
  std::size_t n = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

struct LoadReport {
  int students = 0;
  int connected = 0;             // reached the measuring loop
  Percentiles reading;
  Percentiles round_trip;
  std::size_t events = 0;        // state events received in the window
  std::size_t errors = 0;        // op answers with ok false, sockets lost
  std::size_t missed = 0;        // acts whose change never showed before the next act
  double window_s = 0;
  double server_cpu_pct = 0;     // of one core
  double children_cpu_pct = 0;
  int children = 0;
  double generator_cpu_pct = 0;
  double machine_busy_pct = 0;   // of all cores
  int cores = 0;
  double load_before = 0, load_after = 0;
  std::vector<std::string> problems;  // first few errors, in words
};

// Runs on the calling thread (its own io_context); throws std::runtime_error when the server
// cannot be reached.
LoadReport run_load(const LoadOptions& options);
std::string format_report(const LoadOptions& options, const LoadReport& report);

}  // namespace bcmhil::training::server
