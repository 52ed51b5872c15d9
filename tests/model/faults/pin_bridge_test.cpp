// pin_bridge: a dendrite between two neighbouring connector pins. It grows geometrically from
// 1 MΩ to its end resistance, accepts only adjacent modelled pins of the connector map, and
// shows its symptoms: tailgate output to ground makes the driver current-limit and the hatch
// stay shut; the 30CDL feed to ground blows F9; the K-line to the tailgate output silences it.
#include "model/faults/pin_bridge.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;

constexpr std::uint64_t kOnset = 500 * kMs;
const sc_core::sc_time kOnsetTime = sc_core::sc_time::from_value(kOnset);

bcmhil::faults::FaultSpec bridge(const std::string& from, const std::string& to, double ohms, double growth_s) {
  return default_spec("pin_bridge", kOnsetTime, {{"resistance", ohms}, {"growth_time", growth_s}},
                      {{"from", from}, {"to", to}});
}

double bridge_ohm(FaultyCar& f) {
  return static_cast<bcmhil::faults::PinBridge&>(*f.fault).resistance();
}

TEST(PinBridge, DefaultsBridgeTheTailgateOutputToTheGroundBesideIt) {
  const auto spec = default_spec("pin_bridge", kOnsetTime);
  EXPECT_EQ(spec.choice("from"), "X330.4");
  EXPECT_EQ(spec.choice("to"), "X330.3");
  EXPECT_DOUBLE_EQ(spec.number("resistance"), 50.0);
  EXPECT_DOUBLE_EQ(spec.number("growth_time"), 10.0);
}

TEST(PinBridge, GrowsGeometricallyFromOneMegohmToItsEndValue) {
  FaultyCar f(default_spec("pin_bridge", kOnsetTime));
  f.run_until(kOnset - 1 * kMs);
  EXPECT_TRUE(std::isinf(bridge_ohm(f)));  // nothing before the onset
  f.run_until(kOnset + 1 * kMs);
  EXPECT_NEAR(bridge_ohm(f), 1e6, 1e-3);
  f.run_until(kOnset + 5 * kS + 1 * kMs);  // half-way: the geometric mean
  EXPECT_NEAR(bridge_ohm(f), std::sqrt(1e6 * 50.0), 1e-6);
  f.run_until(kOnset + 11 * kS);
  EXPECT_NEAR(bridge_ohm(f), 50.0, 1e-9);
  // The bridge is a branch between the two pin nodes, read like any probe.
  const auto& net = f.car().circuit.network();
  const auto b = static_cast<bcmhil::faults::PinBridge&>(*f.fault).branch();
  EXPECT_EQ(net.node_name(net.branch_a(b)), "bc1.tailgate_out");
  EXPECT_EQ(net.node_name(net.branch_b(b)), "bc1.ground");
}

void expect_rejected(const std::string& from, const std::string& to, const std::string& fragment) {
  CarUnderTest t;
  const auto spec = bridge(from, to, 50.0, 1.0);
  try {
    bcmhil::faults::find_fault_type("pin_bridge")->create(spec, t.car());
    FAIL() << from << "-" << to << " accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(PinBridge, OnlyAdjacentModelledPinsCanBeBridged) {
  expect_rejected("X330.4", "X330.6", "not adjacent");   // two apart in the row
  expect_rejected("X331.18", "X331.19", "not modelled");  // adjacent, but the model has no X331.19
  expect_rejected("X330.4", "X9.1", "not on the BC1's connector map");
  expect_rejected("X330.4", "X330.4", "two different pins");
  expect_rejected("X330.10", "X331.1", "not adjacent");  // different connectors
}

TEST(PinBridge, ParametersOfferOnlyModelledPins) {
  const auto* type = bcmhil::faults::find_fault_type("pin_bridge");
  ASSERT_TRUE(type);
  for (const auto& p : type->params) {
    if (p.name != "from" && p.name != "to") continue;
    EXPECT_NE(std::find(p.choices.begin(), p.choices.end(), "X330.4"), p.choices.end());
    EXPECT_EQ(std::find(p.choices.begin(), p.choices.end(), "X331.19"), p.choices.end());
  }
}

TEST(PinBridge, TailgateOutputToGroundTripsTheDriverAndTheHatchStaysShut) {
  FaultyCar f(bridge("X330.4", "X330.3", 0.2, 2.0));
  f.run_until(3 * kS);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(5 * kS);
  const auto r = rises(f.sig("DOP_BOOT_RELEASE"));
  ASSERT_EQ(r.size(), 1u);
  // The driver pushes its 30 A limit into the bridge (the pin above 1 V: MC33286 high limit),
  // the pin at a few volts, not 0 and not 12; its die heats at ~130 W and it trips within ms.
  const auto& i = f.sig("I(bc1.tailgate_driver)");
  EXPECT_NEAR(i.value_at(r[0] + 1 * kMs), 30.0, 1e-6);
  const double pin = f.sig("V(bc1.tailgate_out)").value_at(r[0] + 1 * kMs);
  EXPECT_GT(pin, 1.0);
  EXPECT_LT(pin, 6.0);
  EXPECT_LT(min_in(i, r[0] + 1 * kMs, r[0] + 20 * kMs), 1e-3) << "the thermal shutdown";
  EXPECT_GT(max_in(i, r[0] + 300 * kMs, r[0] + 600 * kMs), 29.0) << "and its restarts";
  EXPECT_TRUE(rises(f.sig("hatch.open")).empty());
  EXPECT_EQ(rises(f.sig("indicator_lh.lit")).size(), 2u);
  EXPECT_NE(f.car().bc1.fault_memory().find(0xC4), nullptr);
  // The bursts average a few amps: the smart switch protects F9 (20 A).
  EXPECT_FALSE(f.car().power.find_fuse("F9")->blown);
}

TEST(PinBridge, FeedToGroundBlowsF9) {
  FaultyCar f(bridge("X330.2", "X330.3", 0.3, 2.0));
  f.run_until(10 * kS);
  EXPECT_TRUE(f.car().power.find_fuse("F9")->blown);
  const auto r = rises(f.sig("fuse.F9.blown"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_GT(r[0], kOnset + 2 * kS);  // not before the bridge is low
  EXPECT_LT(f.volts("bc1.kl30_cdl"), 1e-3);
  EXPECT_FALSE(f.car().power.find_fuse("30A")->blown);
}

TEST(PinBridge, KlineToTailgateOutputPullsTheIdleLineDownThroughTheLockMotor) {
  FaultyCar f(bridge("X330.5", "X330.4", 50.0, 2.0));
  f.run_until(kOnset - 1 * kMs);
  EXPECT_GT(f.volts("bc1.kline"), 10.0);
  f.run_until(4 * kS);
  EXPECT_LT(f.volts("bc1.kline"), 1.0);
  EXPECT_FALSE(f.car().bc1.kline_usable());
  // The release pulse drives the line high through the bridge; the hatch still opens.
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(6 * kS);
  const auto r = rises(f.sig("DOP_BOOT_RELEASE"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_GT(f.sig("V(bc1.kline)").value_at(r[0] + 300 * kMs), 10.0);
  EXPECT_EQ(rises(f.sig("hatch.open")).size(), 1u);
}

}  // namespace

namespace {

// --- intermittent ----------------------------------------------------------------------------

struct BurnRun {
  std::vector<std::uint64_t> opens;  // when the bridge current fell to zero after carrying amps
  int burns = 0;
  std::size_t hatch_opens = 0;
};

BurnRun intermittent_run(double seed) {
  auto spec = bridge("X330.4", "X330.3", 0.2, 2.0);
  spec.choices["intermittent"] = "yes";
  spec.numbers["seed"] = seed;
  FaultyCar f(spec);
  f.run_until(3 * kS);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(4 * kS);
  f.car().close_hatch();
  f.run_until(9 * kS);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(10 * kS);
  BurnRun r;
  r.burns = static_cast<bcmhil::faults::PinBridge&>(*f.fault).burn_count();
  r.hatch_opens = rises(f.sig("hatch.open")).size();
  const auto& net = f.car().circuit.network();
  const auto& current = f.sig("I(" + net.branch_name(static_cast<bcmhil::faults::PinBridge&>(*f.fault).branch()) + ")");
  for (std::size_t i = 1; i < current.samples.size(); ++i)
    if (std::fabs(current.samples[i - 1].value) > 1.0 && current.samples[i].value == 0.0)
      r.opens.push_back(current.samples[i].time_ps);
  return r;
}

TEST(PinBridgeIntermittent, TheReleasePulseBurnsTheDendriteOpenThenItRegrows) {
  const auto r = intermittent_run(7);
  // Each release pulse drives ~11 A through the bridge: it melts within 1-50 ms, the driver
  // comes out of its limit and the hatch opens after all; between the presses it has regrown.
  // (A bridge that melts while the driver is in a thermal-shutdown gap shows no drop of its own.)
  ASSERT_EQ(r.burns, 2);
  ASSERT_GE(r.opens.size(), 1u);
  EXPECT_EQ(r.hatch_opens, 2u);
  EXPECT_GT(r.opens[0], 3 * kS);
  EXPECT_LT(r.opens[0], 4 * kS);
}

TEST(PinBridgeIntermittent, SameSeedSameRunOtherSeedOtherTimes) {
  const auto a = intermittent_run(7);
  const auto b = intermittent_run(7);
  const auto c = intermittent_run(8);
  EXPECT_EQ(a.opens, b.opens);
  EXPECT_NE(a.opens, c.opens);
}

TEST(PinBridgeIntermittent, AWeakDendriteCarryingLittleCurrentNeverBurns) {
  auto spec = bridge("X330.5", "X330.4", 50.0, 1.0);  // K-line pull-up current: ~12 mA
  spec.choices["intermittent"] = "yes";
  FaultyCar f(spec);
  f.run_until(5 * kS);
  EXPECT_EQ(static_cast<bcmhil::faults::PinBridge&>(*f.fault).burn_count(), 0);
  EXPECT_NEAR(bridge_ohm(f), 50.0, 1e-9);
}

}  // namespace

namespace {
// A migration bridge after `run_s` of wet gap (fresh water unless `salt`).
double migration_bridge_after(const char* from, const char* to, double run_s, double salt = 0.0) {
  FaultyCar f(default_spec("pin_bridge", sc_core::SC_ZERO_TIME, {{"growth_time", 10.0}, {"salt", salt}},
                           {{"from", from}, {"to", to}, {"law", "migration"}}));
  f.run_until(static_cast<std::uint64_t>(run_s * 1e3) * kMs);
  return dynamic_cast<const bcmhil::faults::PinBridge&>(*f.fault).resistance();
}
}  // namespace

TEST(PinBridgeMigration, TwoPinsHeldAtGroundNeverBridge) {
  // Two lock relay outputs, both at ground through their relays at rest: no bias, no dendrite,
  // however long the gap stays wet.
  EXPECT_FALSE(std::isfinite(migration_bridge_after("X330.12", "X330.13", 60.0, 1.0)));
}

TEST(PinBridgeMigration, TheKlineBiasGrowsADendriteToTheTailgateOutput) {
  // 12 V across the gap (K-line idle high, tailgate output at 0 V): growth_time 10 s fresh.
  const double half = migration_bridge_after("X330.5", "X330.4", 5.0);
  EXPECT_GT(half, 500.0);
  EXPECT_LT(half, 100e3) << "half-way geometrically: ~7 kohm, give or take the bias falling as it grows";
  EXPECT_LT(migration_bridge_after("X330.5", "X330.4", 5.0, 0.5), half) << "salt grows it faster";
  // As the dendrite pulls the K-line down (1 k pull-up) its own bias falls: it stops growing where
  // the K-line sits at the 1.5 V threshold, ~1 k x 1.5 / 10.5 = 143 ohm: the line is dead.
  const double late = migration_bridge_after("X330.5", "X330.4", 120.0);
  EXPECT_LT(late, 200.0);
  EXPECT_GT(late, 100.0);
}
