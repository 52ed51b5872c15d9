#include "diagnosis/variants.h"

#include <gtest/gtest.h>

#include <set>

namespace bcmhil::diagnosis {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_variants(text, "v.yaml");
  } catch (const VariantsError& e) {
    return e.what();
  }
  return "(accepted)";
}

const char* kHeader = "format: bcmhil-variants/1\nexamine_at: 20 s\ncandidates:\n";

TEST(Variants, SpreadMultipliesOutLastParameterFastest) {
  const auto file = parse_variants(std::string(kHeader) +
                                       "  - fault: bad_ground\n"
                                       "    where: {point: hatch}\n"
                                       "    prior: 4\n"
                                       "    spread: {resistance: [1 ohm, 20 ohm]}\n"
                                       "  - {fault: healthy, prior: 10}\n",
                                   "v.yaml");
  ASSERT_EQ(file.candidates.size(), 2u);
  EXPECT_EQ(file.candidates[0].key(), "bad_ground{point=hatch}");
  EXPECT_EQ(file.candidates[0].prior, 4);
  ASSERT_EQ(file.cars.size(), 3u);
  EXPECT_EQ(file.cars[0].variant.id, "bad_ground{point=hatch}#0");
  EXPECT_EQ(file.cars[1].variant.parameters.at("resistance"), "20 ohm");
  ASSERT_EQ(file.cars[1].faults.size(), 1u);
  EXPECT_DOUBLE_EQ(file.cars[1].faults[0].number("resistance"), 20.0);
  EXPECT_EQ(file.cars[1].faults[0].choice("point"), "hatch");
  EXPECT_EQ(file.cars[1].faults[0].origin, "v.yaml:4:5");
  EXPECT_EQ(file.cars[2].variant.id, "healthy#0");
  EXPECT_TRUE(file.cars[2].faults.empty());
  EXPECT_EQ(file.cars[2].examine_at, sc_core::sc_time(20, sc_core::SC_SEC));
  EXPECT_EQ(file.sha256.size(), 64u);
}

TEST(Variants, DefaultsFillEveryOtherParameter) {
  const auto file = parse_variants(std::string(kHeader) + "  - {fault: kline_wetted, prior: 1, examine_at: 5 s}\n", "v");
  ASSERT_EQ(file.cars.size(), 1u);
  EXPECT_EQ(file.cars[0].variant.parameters.at("wetting_time"), "5 s");  // the library's default text
  EXPECT_DOUBLE_EQ(file.cars[0].faults[0].number("wet_resistance"), 20.0);
  EXPECT_EQ(file.cars[0].examine_at, sc_core::sc_time(5, sc_core::SC_SEC));
}

TEST(Variants, ErrorsNameFileLineAndColumn) {
  const std::string h = kHeader;
  EXPECT_EQ(error_of(h + "  - {fault: flood, prior: 1}\n").substr(0, 28), "v.yaml:4:13: unknown fault t");
  EXPECT_EQ(error_of(h + "  - {fault: bad_ground, prior: 1, spread: {resistance: [1 ohm, 2 V]}}\n"),
            "v.yaml:4:64: bad_ground.resistance: expected a value in ohm, got '2 V'");
  EXPECT_EQ(error_of(h + "  - {fault: bad_ground, prior: 1, spread: {resistance: [1 ohm, 2 Mohm]}}\n"),
            "v.yaml:4:64: bad_ground.resistance must be between 0 and 1e+06, got '2 Mohm'");
  EXPECT_EQ(error_of(h + "  - {fault: bad_ground, prior: 1, where: {point: roof}}\n"),
            "v.yaml:4:50: bad_ground.point: 'roof' is not one of: bc1, hatch");
  EXPECT_EQ(error_of(h + "  - {fault: bad_ground, prior: 1, where: {resistance: 2 ohm}}\n"),
            "v.yaml:4:55: bad_ground.resistance is a quantity, not a place: it belongs in 'spread'");
  EXPECT_EQ(error_of(h + "  - {fault: healthy, prior: 0}\n"), "v.yaml:4:29: prior must be above 0");
  EXPECT_EQ(error_of(h + "  - {fault: healthy, prior: 1}\n  - {fault: healthy, prior: 2}\n"),
            "v.yaml:5:5: candidate healthy is listed twice");
  EXPECT_EQ(error_of(h + "  - {fault: healthy, prior: 1, colour: red}\n").substr(0, 40),
            "v.yaml:4:32: unknown key 'colour' in a c");
  EXPECT_EQ(error_of(h + "  - {fault: kline_wetted, prior: 1, spread: {seed: 1}}\n").substr(0, 40),
            "v.yaml:4:46: unknown key 'seed' in sprea");
  EXPECT_EQ(error_of("format: bcmhil-variants/1\nexamine_at: 7200 s\ncandidates: []\n"),
            "v.yaml:2:13: examine_at: '7200 s' is more than 1 h");
  EXPECT_EQ(error_of("format: x\n").substr(0, 10), "v.yaml:1:9");
  EXPECT_EQ(error_of(h + "  - {fault: healthy, prior: 1}\n  - {fault: healthy, prior: 1\n").substr(0, 9), "v.yaml:6:");
}

// The shipped file: every fault type of the library is simulated, and so is the healthy car.
TEST(Variants, ShippedFileCoversTheWholeLibraryAndTheHealthyCar) {
  const auto file = load_variants(shipped_variants_path());
  std::set<std::string> types;
  for (const auto& c : file.candidates) types.insert(c.fault);
  EXPECT_TRUE(types.count("healthy"));
  for (const auto& t : faults::fault_library()) EXPECT_TRUE(types.count(t.name)) << t.name << " is not simulated";
  std::set<std::string> ids;
  for (const auto& car : file.cars) EXPECT_TRUE(ids.insert(car.variant.id).second) << car.variant.id;
  EXPECT_GT(file.cars.size(), file.candidates.size());  // spreads give several cars behind some candidates
}

}  // namespace
}  // namespace bcmhil::diagnosis
