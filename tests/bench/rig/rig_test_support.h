#pragma once
// Builds a one-board bench description around an emulator link.
#include "bench_config.h"

#include <unistd.h>

#include <atomic>
#include <string>

namespace bcmhil::rig::test {

inline std::string link_path() {
  static std::atomic<int> n{0};
  return "/tmp/bcmhil-rig-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

inline BenchConfig one_board(const std::string& family, const std::string& link, int channels,
                             const std::string& feed_max_on = "10s") {
  return parse_bench_config("boards:\n"
                            "  - {name: desk, family: " + family + ", device: '" + link + "', channels: " +
                                std::to_string(channels) + ", timeout: 500ms}\n"
                            "channels:\n"
                            "  - {name: hatch_actuator_feed, board: desk, channel: 1, kind: load_feed,\n"
                            "     wired_to: tailgate lock actuator, max_on: " + feed_max_on + "}\n"
                            "  - {name: boot_handle_sw, board: desk, channel: 2, kind: input_to_ground,\n"
                            "     wired_to: handle switch input, inverted: true, max_on: 10s}\n",
                            "test-bench.yaml");
}

}  // namespace bcmhil::rig::test
