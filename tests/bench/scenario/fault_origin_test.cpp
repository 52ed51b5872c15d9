// Fault parameters the parser checks (pin_bridge's pins are choices among the modelled pins)
// and those only the model can judge (two pins that are not neighbours on the connector map):
// both are reported at the fault's line in the scenario file.
#include "bench/runner/simulation.h"
#include "bench/scenario/scenario.h"

#include <gtest/gtest.h>

using namespace bcmhil;

namespace {

std::string with_fault(const std::string& fault_line) {
  return "name: bridge\n"
         "duration: 2 s\n"
         "faults:\n"
         "  - {type: kline_wetted, at: 0 s}\n" +
         fault_line + "\n";
}

TEST(FaultOrigin, AnUnknownPinIsAParserErrorAtItsValue) {
  try {
    scenario::parse_scenario(with_fault("  - {type: pin_bridge, from: X330.4, to: X330.99}"), "b.yaml");
    FAIL() << "accepted";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.where().line, 5) << e.what();
    EXPECT_EQ(e.where().column, 42) << e.what();
    EXPECT_NE(e.message().find("pin_bridge.to: 'X330.99' is not one of: X330.1,"), std::string::npos) << e.what();
  }
}

TEST(FaultOrigin, PinsThatAreNotNeighboursAreReportedAtTheFaultsLine) {
  const auto s = scenario::parse_scenario(with_fault("  - {type: pin_bridge, from: X330.4, to: X330.6}"), "b.yaml");
  try {
    runner::Simulation sim(s, model::ClockMode::skip_idle);
    FAIL() << "accepted";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(e.where().file, "b.yaml");
    EXPECT_EQ(e.where().line, 5) << e.what();
    EXPECT_EQ(e.where().column, 5) << e.what();
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("b.yaml:5:5: fault pin_bridge: pins X330.4 and X330.6 are not adjacent", 0), 0u) << what;
    EXPECT_NE(what.find("neighbours of X330.4: X330.3, X330.5, X330.14"), std::string::npos) << what;
  }
}

// Adjacent pins are accepted and really bridged: the tailgate output X330.4 pulls the K-line
// X330.5 beside it from its ~12 V idle down through the hatch lock motor.
TEST(FaultOrigin, AdjacentPinsAreBridged) {
  const auto s = scenario::parse_scenario(
      "name: bridge\nduration: 2 s\nfaults:\n  - {type: pin_bridge, at: 0.5 s, from: X330.4, to: X330.5, growth_time: 0 s}\n",
      "b.yaml");
  runner::Simulation sim(s, model::ClockMode::skip_idle);
  sim.start();
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
  const auto* kline = sim.recorder()->find("V(bc1.kline)");
  ASSERT_TRUE(kline);
  EXPECT_GT(kline->value_at(400'000'000'000ULL), 10.0) << "before the onset the K-line idles high";
  EXPECT_LT(kline->value_at(900'000'000'000ULL), 2.0) << "bridged to the tailgate output";
}

}  // namespace
