// bench dut's readings go to the assistant as the catalogue tests that are the same measurement,
// and the assistant ranks the faults a module carries by itself (diagnosis/bench_diagnosis.h).
// The readings below are what `bcmhil bench dut` reads from each served module
// (tests/bench/modes/cli_modes_test.cpp runs it end to end).
#include "diagnosis/bench_diagnosis.h"
#include "diagnosis/dictionary_cache.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace bcmhil::diagnosis {
namespace {

const Catalogue& catalogue() {
  static const Catalogue c = load_catalogue(shipped_catalogue_path());
  return c;
}

const Dictionary& dictionary() {
  static const Dictionary d = load_or_build_dictionary();
  return d;
}

// The bench's DS2 readings of a module: ident, the three forced outputs' readbacks, and what the
// fault memory held as found.
std::vector<BenchReading> bench(bool release_up, bool left_up, bool right_up, std::vector<BenchReading> faults = {}) {
  std::vector<BenchReading> r{
      {"ident", "ident", "", "", 1.0},
      {"release readback", "inputs", "DIP_BOOT_RELEASE_MONITOR", "force DOP_BOOT_RELEASE", release_up ? 1.0 : 0.0},
      {"left readback", "inputs", "DIP_LH_DIR_IND_STATUS", "force DOP_LH_INDICATOR_LGT", left_up ? 1.0 : 0.0},
      {"right readback", "inputs", "DIP_RH_DIR_IND_STATUS", "force DOP_RH_INDICATOR_LGT", right_up ? 1.0 : 0.0},
      {"a sense point", "", "", "", 0.0},
  };
  r.insert(r.end(), faults.begin(), faults.end());
  return r;
}

TEST(BenchDiagnosis, OpenLeftIndicatorDriverIsNamedFirst) {
  const auto d = diagnose_bench(dictionary(), catalogue(), bench(true, false, true, {{"0xAA", "faults", "0xAA", "", 2.0}}));
  ASSERT_FALSE(d.candidates.empty());
  EXPECT_EQ(d.candidates.front().key, "driver_failure{mode=open,output=indicator_lh}") << d.verdict;
  EXPECT_TRUE(d.explained);
  EXPECT_NE(d.verdict.find("driver_failure{mode=open,output=indicator_lh}"), std::string::npos);
}

TEST(BenchDiagnosis, DeadTailgateOutputPointsAtTheModulesTailgateSide) {
  const auto d = diagnose_bench(dictionary(), catalogue(), bench(false, true, true, {{"0xC4", "faults", "0xC4", "", 2.0}}));
  ASSERT_FALSE(d.candidates.empty());
  const auto& top = d.candidates.front().key;
  EXPECT_TRUE(top.find("tailgate") != std::string::npos || top.find("X330.4") != std::string::npos) << top;
}

TEST(BenchDiagnosis, AHealthyModuleComesOutHealthy) {
  const auto d = diagnose_bench(dictionary(), catalogue(), bench(true, true, true));
  ASSERT_FALSE(d.candidates.empty());
  EXPECT_EQ(d.candidates.front().key, "healthy") << d.verdict;
}

TEST(BenchDiagnosis, OnlyTheSameMeasurementIsEntered) {
  const auto d = diagnose_bench(dictionary(), catalogue(), bench(true, true, true, {{"0xC4 absent", "faults", "0xC4", "", 0.0}}));
  std::vector<std::string> tests;
  for (const auto& e : d.entered) tests.push_back(e.test);
  EXPECT_EQ(tests, (std::vector<std::string>{"kline.ds2.ident", "hatch.ds2.force_release.monitor",
                                             "indicators.ds2.force_lh.status", "indicators.ds2.force_rh.status"}));
  // A code absent from a salvaged module's memory says nothing about a trunk press it never had.
  EXPECT_EQ(d.not_mapped, std::vector<std::string>{"a sense point"});
}

TEST(BenchDiagnosis, AGroundedHandleInputIsTheHandlePressedOnTheCar) {
  const auto d = diagnose_bench(dictionary(), catalogue(),
                                {{"grounded", "inputs", "DIP_BOOT_HANDLE_SW", "ground", 1.0},
                                 {"released", "inputs", "DIP_BOOT_HANDLE_SW", "release", 0.0}});
  ASSERT_EQ(d.entered.size(), 2u);
  EXPECT_EQ(d.entered[0].test, "hatch.ds2.handle_input");
  EXPECT_EQ(d.entered[0].outcome, "seen");
  EXPECT_EQ(d.entered[1].test, "hatch.ds2.handle_input_at_rest");
  EXPECT_EQ(d.entered[1].outcome, "released");
}

TEST(BenchDiagnosis, OnlyFaultsOfTheModuleItselfAreCandidates) {
  const auto module = module_dictionary(dictionary());
  const auto& types = module_fault_types();
  bool healthy = false;
  for (const auto& c : module.candidates) {
    healthy = healthy || c.fault == "healthy";
    EXPECT_TRUE(c.fault == "healthy" || std::find(types.begin(), types.end(), c.fault) != types.end()) << c.key();
  }
  EXPECT_TRUE(healthy);
  EXPECT_EQ(module.variants.size(), module.readings.size());
  EXPECT_LT(module.candidates.size(), dictionary().candidates.size());
}

}  // namespace
}  // namespace bcmhil::diagnosis
