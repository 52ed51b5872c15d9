// Relay command latency on the emulators, per family:
//   "seen":      from just before the driver writes to the moment the emulator decoded the command
//                (what the hardware would see);
//   "confirmed": from the same start until set() returned, i.e. after the read-back where the board
//                has one (KMTronic, Numato, an LCUS that answers its status query FF, as the
//                emulated 2-relay one does); for a write-only LCUS, once the bytes are written.
//   "bench":     the same through SafeBench (guard process on), as a scenario runner calls it.
// Prints p50 / p99 / max; with --max-p99-ms, exits 1 if any p99 is above it.
#include "latency_stats.h"
#include "pty_emulator.h"
#include "safe_bench.h"
#include "serial_boards.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace relay = bcmhil::relay;
namespace rig = bcmhil::rig;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int iterations = 1000;
  int interval_ms = 2;
  double max_p99_ms = 0;
};

bool report(const char* family, const char* what, const relay::LatencyStats& s, const Options& o) {
  const auto sum = s.summary();
  std::printf("%-9s %-10s %s\n", family, what, sum.to_string().c_str());
  return o.max_p99_ms <= 0 || sum.p99.count() / 1000.0 <= o.max_p99_ms;
}

bool measure(relay::Family family, const Options& o) {
  const std::string link = "/tmp/bcmhil-relay-latency-" + std::to_string(::getpid()) + "-" + relay::to_string(family);
  relay::PtyEmulator emu(family, link, 2);
  relay::LatencyStats seen, confirmed, bench_stats;
  {
    auto board = relay::open_board({family, link, 2});
    for (int i = 0; i < o.iterations; ++i) {
      const bool on = (i % 2) == 0;
      const std::size_t before = emu.history().size();
      const auto t0 = Clock::now();
      board->set(1, on);
      const auto t1 = Clock::now();
      if (!emu.wait_for_events(before + 1, std::chrono::seconds(2))) {
        std::fprintf(stderr, "%s: the emulator never saw command %d\n", relay::to_string(family), i);
        return false;
      }
      seen.add(emu.history()[before].at - t0);
      confirmed.add(t1 - t0);
      std::this_thread::sleep_for(std::chrono::milliseconds(o.interval_ms));
    }
    board->all_off();
  }
  {
    const auto config = rig::parse_bench_config(
        "boards: [{name: desk, family: " + std::string(relay::to_string(family)) + ", device: '" + link +
            "', channels: 2}]\n"
            "channels: [{name: feed, board: desk, channel: 1, kind: load_feed, wired_to: x, max_on: 1h}]\n",
        "latency");
    rig::SafeBench bench(config);
    const auto feed = bench.channel("feed");
    for (int i = 0; i < o.iterations; ++i) {
      const auto t0 = Clock::now();
      bench.set(feed, (i % 2) == 0);
      bench_stats.add(Clock::now() - t0);
      std::this_thread::sleep_for(std::chrono::milliseconds(o.interval_ms));
    }
  }
  const char* f = relay::to_string(family);
  bool ok = report(f, "seen", seen, o);
  ok = report(f, "confirmed", confirmed, o) && ok;
  ok = report(f, "bench", bench_stats, o) && ok;
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--iterations")) o.iterations = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--interval-ms")) o.interval_ms = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--max-p99-ms")) o.max_p99_ms = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--iterations N] [--interval-ms M] [--max-p99-ms X]\n", argv[0]);
      return 2;
    }
  }
  std::printf("relay command latency on the pty emulators, %d commands per family, %d ms apart\n", o.iterations,
              o.interval_ms);
  bool ok = true;
  try {
    for (auto f : {relay::Family::lcus, relay::Family::kmtronic, relay::Family::numato}) ok = measure(f, o) && ok;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 3;
  }
  return ok ? 0 : 1;
}
