// HingeWireIntermittent: the wire conducts (0.5 ohm extra) outside the lid-angle band
// [open_from, open_to] and is open inside it; with the lid shut, a seeded draw at each shutting
// decides (model/faults/hinge_wire_intermittent.cpp).
#include "model/faults/hinge_wire_intermittent.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::HingeWireIntermittent;
using bcmhil::model::FobButton;

struct Loom : FaultyCar {
  explicit Loom(double closed_contact, double seed = 1, std::string wire = "tailgate_feed")
      : FaultyCar(default_spec("hinge_wire_intermittent", sc_core::SC_ZERO_TIME,
                               {{"closed_contact", closed_contact}, {"seed", seed}}, {{"wire", wire}})) {}
  HingeWireIntermittent& wire() { return dynamic_cast<HingeWireIntermittent&>(*fault); }
  double segment_ohm(const std::string& name) {
    return vehicle->circuit.network().resistance(vehicle->harness.find(name)->branch);
  }
  void release() {
    vehicle->press_fob(1, FobButton::trunk);
    run_for(3 * kS);  // telegram, pulse, struts at full travel
  }
};

TEST(HingeWireIntermittent, TouchingWhenShutConductsWithItsContactResistance) {
  Loom loom(1.0);
  loom.run_until(10 * kMs);
  EXPECT_TRUE(loom.wire().conducting());
  const auto* seg = loom.vehicle->harness.find("harness.tailgate_feed.hinge");
  EXPECT_NEAR(loom.segment_ohm(seg->name), seg->intact_ohm + 0.5, 1e-9);
  loom.release();
  EXPECT_TRUE(loom.vehicle->hatch_lock.hatch_open());
  EXPECT_EQ(loom.vehicle->hatch_lock.angle_deg(), 80.0);
}

TEST(HingeWireIntermittent, ApartWhenShutLooksLikeABrokenWire) {
  Loom loom(0.0);
  loom.release();
  EXPECT_FALSE(loom.wire().conducting());
  EXPECT_FALSE(loom.vehicle->hatch_lock.hatch_open());
  EXPECT_GT(max_in(loom.sig("V(bc1.tailgate_out)"), 0, now()), 11.0) << "the module's pin comes up";
  EXPECT_LT(max_in(loom.sig("V(hatch_lock.pin2)"), 0, now()), 0.5);
  EXPECT_EQ(loom.vehicle->bc1.fault_memory().find(0xC4), nullptr);
}

TEST(HingeWireIntermittent, OpensInsideTheAngleBandOnly) {
  Loom loom(1.0);
  loom.release();
  auto& lid = loom.vehicle->hatch_lock;
  for (const auto& [angle, conducts] : std::vector<std::pair<double, bool>>{
           {10, true}, {29.9, true}, {30, false}, {45, false}, {60, false}, {60.1, true}, {80, true}}) {
    ASSERT_TRUE(lid.hold_at(angle));
    loom.run_for(1 * kMs);
    EXPECT_EQ(loom.wire().conducting(), conducts) << angle << " deg";
  }
}

TEST(HingeWireIntermittent, EachShuttingDrawsAgainReproducibly) {
  // On the contact wire the hatch always opens, so the lid can be shut again and again.
  auto draws = [](double seed) {
    Loom loom(0.5, seed, "contact_signal");
    std::vector<bool> touching;
    for (int i = 0; i < 12; ++i) {
      loom.release();
      EXPECT_TRUE(loom.vehicle->hatch_lock.hatch_open());
      loom.vehicle->hatch_lock.close_hatch();
      loom.run_for(1 * kMs);
      touching.push_back(loom.wire().conducting());
    }
    EXPECT_EQ(loom.wire().lid_shut_count(), 13);  // the state at the onset, then each shutting
    return touching;
  };
  const auto a = draws(3);
  EXPECT_EQ(a, draws(3)) << "same seed, same run";
  EXPECT_NE(std::count(a.begin(), a.end(), true), 0) << "a coin: both outcomes in 12 draws";
  EXPECT_NE(std::count(a.begin(), a.end(), false), 0);
  EXPECT_NE(a, draws(4)) << "another seed, another run";
}

TEST(HingeWireIntermittent, FlexingTheShutLoomSettlesTheEndsAgain) {
  // A wiggle test (Vehicle::flex_loom): with the lid shut each flex draws again, like a shutting.
  Loom loom(0.5, 1);
  loom.run_until(10 * kMs);
  ASSERT_FALSE(loom.wire().conducting()) << "seed 1 settles apart at the onset";
  std::vector<bool> touching;
  for (int i = 0; i < 12; ++i) {
    loom.vehicle->flex_loom("hinge");
    loom.run_for(1 * kMs);
    touching.push_back(loom.wire().conducting());
  }
  EXPECT_EQ(loom.wire().flex_count(), 12);
  EXPECT_EQ(loom.wire().lid_shut_count(), 1) << "a flex is no shutting";
  EXPECT_NE(std::count(touching.begin(), touching.end(), true), 0) << "a coin: both outcomes in 12 flexes";
  EXPECT_NE(std::count(touching.begin(), touching.end(), false), 0);
  EXPECT_THROW(loom.vehicle->flex_loom("door"), std::invalid_argument);
}

TEST(HingeWireIntermittent, FlexingTheOpenLoomLeavesItToTheAngle) {
  Loom touching(1.0);
  touching.release();
  ASSERT_TRUE(touching.vehicle->hatch_lock.hold_at(45));
  touching.run_for(1 * kMs);
  touching.vehicle->flex_loom("hinge");
  touching.run_for(1 * kMs);
  EXPECT_FALSE(touching.wire().conducting()) << "inside the band the ends stay apart";
  EXPECT_EQ(touching.wire().flex_count(), 0);
}

TEST(HingeWireIntermittent, RejectsAnEmptyBand) {
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  bcmhil::model::Vehicle car("car", recorder, {});
  const auto spec =
      default_spec("hinge_wire_intermittent", sc_core::SC_ZERO_TIME, {{"open_from", 50}, {"open_to", 20}});
  EXPECT_THROW(bcmhil::faults::find_fault_type("hinge_wire_intermittent")->create(spec, car), std::invalid_argument);
}

}  // namespace
