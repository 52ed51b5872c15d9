// libFuzzer target: the bench description parser (bench/rig/bench_config) fed arbitrary bytes.
// Built with clang (-fsanitize=fuzzer,address,undefined) beside the g++ build; see CMakeLists.txt.
// Every input must end in a BenchConfig that keeps the format's safety promises or in a
// BenchConfigError with a printable message; anything else is a bug.
#include "bench_config.h"

#include "bench/yaml/utf8_text.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

namespace {

using namespace bcmhil::rig;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// What SafeBench relies on: channels on existing boards, in range, used once, a bounded on-time,
// and only inputs inverted (a board without power must leave loads and supplies off).
void check_accepted(const BenchConfig& cfg) {
  check(!cfg.boards.empty() && !cfg.channels.empty());
  std::set<std::pair<int, int>> used;
  for (const auto& ch : cfg.channels) {
    check(ch.board_index >= 0 && ch.board_index < static_cast<int>(cfg.boards.size()));
    check(ch.channel >= 1 && ch.channel <= cfg.boards[static_cast<std::size_t>(ch.board_index)].spec.channels);
    check(used.insert({ch.board_index, ch.channel}).second);
    check(ch.max_on.count() > 0 && ch.max_on <= std::chrono::hours(24));
    check(!ch.inverted || ch.kind == WiringKind::input_to_ground);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_accepted(parse_bench_config(text, "fuzz.yaml"));
  } catch (const BenchConfigError& e) {
    const std::string what = e.what();
    check(bcmhil::yaml::printable(what) == what);
    check(what.rfind("fuzz.yaml", 0) == 0);
  }
  return 0;
}
