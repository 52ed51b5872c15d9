// libFuzzer target: the fault dictionary's JSON reader (diagnosis/dictionary_io.h), what
// `bcmhil assist --dictionary` and the cache load, fed arbitrary bytes. Built with clang
// (-fsanitize=fuzzer,address,undefined) beside the g++ build; see CMakeLists.txt.
// Every input must end in a dictionary the assistant can use (it is built and asked for two
// steps) or in DictionaryError: one printable line starting with the file's name. A dictionary of
// another model version than the one expected must be refused. Any other exception, a crash or a
// sanitizer report is a bug.
#include "diagnosis/assistant.h"
#include "diagnosis/dictionary_io.h"

#include "bench/yaml/utf8_text.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace bcmhil::diagnosis;

// The version the fuzzed files must carry; the seeds are the shipped dictionary's shape with it.
constexpr const char* kExpected = "fuzz-model-version";

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void check_message(const std::string& what) {
  check(bcmhil::yaml::printable(what) == what);
  check(what.rfind("fuzz.json", 0) == 0);
}

// What the assistant relies on, then the assistant itself for two steps.
void check_dictionary(const Dictionary& d) {
  check(d.model_version == kExpected);
  check(!d.variants.empty() && d.readings.size() == d.variants.size());
  for (const auto& c : d.candidates) check(std::isfinite(c.prior) && c.prior > 0);
  for (const auto& t : d.tests) check(std::isfinite(t.cost_min) && t.cost_min >= 0 && !t.classes.empty());
  Assistant a(d);  // throws std::invalid_argument on what the loader should have refused
  for (int step = 0; step < 2 && !a.done(); ++step) {
    const auto next = a.next_test();
    check(next.has_value());
    a.observe({next->test, 0});
  }
  const auto ranking = a.ranking();
  check(!ranking.empty() && std::isfinite(ranking.front().probability));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_dictionary(parse_dictionary(text, "fuzz.json", kExpected));
  } catch (const DictionaryError& e) {
    check_message(e.what());
  }
  return 0;
}
