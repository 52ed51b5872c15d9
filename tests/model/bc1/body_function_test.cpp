// A function registered with Bc1Module::add_function answers the module's diagnostics: its bits,
// its analog channels and its forcible outputs, with the module's own time limit on forcing.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "model/bc1/body_function.h"
#include "model/diag/ds2_server.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

// Owns one bit, one channel and one output, under names of bc1_bits.csv / bc1_analog.csv that no
// function of the model claims (model/bc1/signal_coverage.csv: not modelled).
class OneOfEach : public model::BodyFunction {
 public:
  std::optional<bool> signal(std::string_view name) const override {
    if (name == "DIP_POLICE_SW") return true;
    if (name == "DOP_AUX_RELAY") return output.read();
    return std::nullopt;
  }
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override {
    if (channel == "AOP_MAP_READ_LGT") return 42;
    return std::nullopt;
  }
  model::ForcibleOutput* forcible_output(std::string_view name) override {
    return name == "DOP_AUX_RELAY" ? &output : nullptr;
  }
  model::ForcibleOutput output{"one_of_each_output"};
};

struct CarWithFunction {
  CarWithFunction() {
    car.car().bc1.add_function(function);
    car.elaborate();
  }
  CarUnderTest car;
  OneOfEach function;
  model::Bc1DiagnosticBackend backend{car.car().bc1};
};

TEST(BodyFunction, ItsBitsAndChannelsReachDiagnostics) {
  CarWithFunction c;
  c.car.run_for(10 * kMs);
  EXPECT_EQ(c.backend.digital("DIP_POLICE_SW"), std::optional<bool>(true));
  EXPECT_EQ(c.backend.analog_raw("AOP_MAP_READ_LGT"), std::optional<std::uint8_t>(42));
  // The module's own names still come first, and a name nobody owns stays not available.
  EXPECT_TRUE(c.backend.analog_raw("AIP_BATT_VOLTS_MON").has_value());
  EXPECT_FALSE(c.backend.digital("DIP_KEY_IN_SW").has_value());
}

TEST(BodyFunction, ItsChannelIsReportedOverDs2AsAvailable) {
  CarWithFunction c;
  c.car.run_for(10 * kMs);
  diag::Ds2Server server;
  const auto answer = server.handle(diag::Frame{0x00, {0x0B, 0x04}}, c.backend, {});
  ASSERT_TRUE(answer);
  // STATUS_ANALOG_AUS: A0 04, the four AOP_ rows of bc1_analog.csv (MAP_READ_LGT first), one
  // availability byte: the function's 42 and its bit 0 set.
  const auto& a = answer->data;
  ASSERT_EQ(a.size(), 2u + 4u + 1u);
  EXPECT_EQ(a[2], 42);
  EXPECT_EQ(a[6] & 0x01, 0x01);
}

TEST(BodyFunction, AForcedOutputIsReleasedAfterTheModulesLimit) {
  CarWithFunction c;
  c.car.run_for(10 * kMs);
  ASSERT_TRUE(c.car.car().bc1.force_output("DOP_AUX_RELAY", true));
  c.car.run_for(1 * kMs);
  EXPECT_TRUE(c.function.output.read());
  c.car.run_for(static_cast<std::uint64_t>(model::Bc1Module::kForcedOnLimitS * 1e12));
  EXPECT_FALSE(c.function.output.read()) << "no tester can hold an output on for longer";
  EXPECT_FALSE(c.car.car().bc1.force_output("DOP_NOBODY_OWNS_THIS", true));
}

}  // namespace
}  // namespace bcmhil::testing
