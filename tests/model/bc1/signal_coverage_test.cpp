// model/bc1/signal_coverage.csv against the reference tables and the model itself: every signal
// of bc1_bits.csv and every channel of bc1_analog.csv is listed once, modelled or not with a
// reason, and "modelled" is exactly what the DS2 server reports as available for a real car.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/diag/ds2_server.h"
#include "model/diag/reference_tables.h"
#include "source_dir.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace bcmhil::testing {
namespace {

struct Coverage {
  bool modelled = false;
  std::string reason;
};

std::map<std::string, Coverage> read_coverage() {
  std::ifstream in(source_dir() + "/model/bc1/signal_coverage.csv");
  std::stringstream text;
  text << in.rdbuf();
  const auto rows = diag::parse_csv(text.str());
  EXPECT_FALSE(rows.empty()) << "signal_coverage.csv missing";
  std::map<std::string, Coverage> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() == 1 && r[0].empty()) continue;
    EXPECT_EQ(r.size(), 3u) << "row " << i + 1;
    if (r.size() != 3) continue;
    EXPECT_TRUE(r[1] == "modelled" || r[1] == "not_modelled") << r[0] << ": " << r[1];
    EXPECT_FALSE(r[2].empty()) << r[0] << " gives no reason";
    EXPECT_TRUE(out.emplace(r[0], Coverage{r[1] == "modelled", r[2]}).second) << r[0] << " listed twice";
  }
  return out;
}

// bc1_bits.csv ends with the fallback row "XY ... Unbekannter Gegenstand", bc1_analog.csv with
// "Unbekannter Gegenstand": table sentinels, not signals.
bool sentinel(const std::string& name) { return name == "XY" || name == "Unbekannter Gegenstand"; }

TEST(SignalCoverage, ListsEveryNameOfTheReferenceTablesOnce) {
  const auto coverage = read_coverage();
  std::set<std::string> names;
  for (const auto& bit : diag::ReferenceTables::bc1().bits())
    if (!sentinel(bit.name)) names.insert(bit.name);
  for (const auto& ch : diag::ReferenceTables::bc1().analog())
    if (!sentinel(ch.name)) names.insert(ch.name);
  EXPECT_EQ(names.size(), 97u + 20u) << "bc1_bits.csv: 97 signals; bc1_analog.csv: 20 channels";
  for (const auto& n : names) EXPECT_TRUE(coverage.count(n)) << n << " is not in signal_coverage.csv";
  for (const auto& [n, c] : coverage) EXPECT_TRUE(names.count(n)) << n << " is in no reference table";
}

TEST(SignalCoverage, ModelledIsWhatTheModuleReports) {
  const auto coverage = read_coverage();
  CarUnderTest car;
  car.elaborate();
  model::Bc1DiagnosticBackend backend(car.car().bc1);
  for (const auto& bit : diag::ReferenceTables::bc1().bits()) {
    if (sentinel(bit.name)) continue;
    const auto group = diag::signal_group(bit.name);
    // STATUS_RF and STATUS_TILT_SENSOR are answered from the RF decoder and the tilt switch.
    const bool reported = group == diag::SignalGroup::kRf || group == diag::SignalGroup::kTilt ||
                          backend.digital(bit.name).has_value();
    EXPECT_EQ(coverage.at(bit.name).modelled, reported) << bit.name << ": " << coverage.at(bit.name).reason;
  }
  for (const auto& ch : diag::ReferenceTables::bc1().analog()) {
    if (sentinel(ch.name)) continue;
    EXPECT_EQ(coverage.at(ch.name).modelled, backend.analog_raw(ch.name).has_value())
        << ch.name << ": " << coverage.at(ch.name).reason;
  }
}

// The same over the wire: the availability block of each STATUS_* answer (model/diag/README.md
// "Not available") sets exactly the bits / channels the list calls modelled, so a modelled name
// whose function answers nullopt fails here as the tester would see it.
TEST(SignalCoverage, ModelledIsWhatTheDs2AnswersMarkAvailable) {
  const auto coverage = read_coverage();
  CarUnderTest car;
  car.elaborate();
  model::Bc1DiagnosticBackend backend(car.car().bc1);
  diag::Ds2Server server;
  const auto& tables = diag::ReferenceTables::bc1();
  auto ask = [&](uint8_t selector) {
    const auto answer = server.handle(diag::Frame{0x00, {0x0B, selector}}, backend, {});
    EXPECT_TRUE(answer && !answer->data.empty() && answer->data[0] == 0xA0);
    return answer ? answer->data : std::vector<uint8_t>{};
  };
  // Digital: answer data = [A0][selector][telegram bytes 4..11][availability 12..19].
  for (const auto& [selector, group] : {std::pair{uint8_t{0x01}, diag::SignalGroup::kDigitalInputs},
                                        std::pair{uint8_t{0x02}, diag::SignalGroup::kDigitalOutputs}}) {
    const auto a = ask(selector);
    ASSERT_EQ(a.size(), 2u + 16u);
    for (const auto& bit : tables.bits_in(group)) {
      const bool available = (a[2 + (bit.byte - 4) + 8] & bit.mask) == bit.mask;
      EXPECT_EQ(coverage.at(bit.name).modelled, available) << bit.name << " over DS2";
    }
  }
  // Analogue: [A0][selector][one raw byte per channel][availability, bit i = row i].
  for (const auto& [selector, prefix] : {std::pair{uint8_t{0x03}, "AIP_"}, std::pair{uint8_t{0x04}, "AOP_"}}) {
    const auto channels = tables.analog_with_prefix(prefix);
    const auto a = ask(selector);
    ASSERT_EQ(a.size(), 2 + channels.size() + (channels.size() + 7) / 8);
    for (std::size_t i = 0; i < channels.size(); ++i) {
      const bool available = a[2 + channels.size() + i / 8] & (1u << (i % 8));
      EXPECT_EQ(coverage.at(channels[i].name).modelled, available) << channels[i].name << " over DS2";
    }
  }
}

}  // namespace
}  // namespace bcmhil::testing
