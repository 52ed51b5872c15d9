// libFuzzer target: the scenario parser (bench/scenario) fed arbitrary bytes as a scenario file.
// Built with clang (-fsanitize=fuzzer,address,undefined) beside the g++ build; see CMakeLists.txt.
// Every input must end in a Scenario that keeps the format's promises or in a ScenarioError
// whose message is printable; any other exception, a crash or a sanitizer report is a bug.
#include "bench/scenario/scenario.h"
#include "bench/yaml/utf8_text.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace bcmhil::scenario;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// What an accepted scenario promises the runner: every time inside a run of at most an hour.
void check_accepted(const Scenario& s) {
  check(s.duration > sc_core::SC_ZERO_TIME && s.duration <= sc_core::sc_time(3600, sc_core::SC_SEC));
  for (const auto& step : s.steps) check(step.at <= s.duration);
  for (const auto& e : s.expectations) check(e.from <= e.to && e.to <= s.duration);
  for (const auto& f : s.faults) check(f.onset <= s.duration);
  // Names reach JSON, JUnit and HTML: only UTF-8 gets through the parser.
  check(!bcmhil::yaml::first_bad_byte(s.name));
  for (const auto& e : s.expectations) check(!bcmhil::yaml::first_bad_byte(e.name));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_accepted(parse_scenario(text, "fuzz.yaml"));
  } catch (const ScenarioError& e) {
    // One printable line: no raw byte of the input, no newline.
    const std::string what = e.what();
    check(bcmhil::yaml::printable(what) == what);
    check(what.rfind("fuzz.yaml", 0) == 0);
  }
  return 0;
}
