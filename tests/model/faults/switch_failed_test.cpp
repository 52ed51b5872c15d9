// switch_failed: a body micro-switch stuck closed or open, whatever the lid or button does. The
// contact branch is held by a circuit correction, so the mechanism cannot move it even for a solve.
// (Built directly here; the library entry and the door contacts come with the body integration.)
#include "model/faults/switch_failed.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FobButton;
using bcmhil::model::VehicleConfig;

constexpr std::uint64_t kOnset = 500 * kMs;

VehicleConfig unlocked() {
  VehicleConfig c;
  c.locked = false;
  return c;
}

struct StuckSwitchCar : CarUnderTest {
  StuckSwitchCar(const std::string& which, const std::string& stuck, VehicleConfig config = unlocked())
      : CarUnderTest(std::move(config)) {
    bcmhil::faults::FaultSpec spec;
    spec.type = "switch_failed";
    spec.onset = sc_core::sc_time::from_value(kOnset);
    spec.choices = {{"switch", which}, {"stuck", stuck}};
    spec.origin = "test";
    fault = std::make_unique<bcmhil::faults::SwitchFailed>("fault_switch_failed", spec, *vehicle);
    elaborate();
  }
  std::unique_ptr<bcmhil::faults::SwitchFailed> fault;
};

TEST(SwitchFailed, TheHatchContactStuckOpenHidesTheOpenLid) {
  StuckSwitchCar f("hatch_contact", "open");
  f.run_until(1 * kS);
  f.car().press_fob(1, FobButton::trunk);
  f.run_until(4 * kS);
  EXPECT_TRUE(f.car().hatch_lock.hatch_open()) << "the lid opens";
  EXPECT_TRUE(std::isinf(f.car().circuit.network().resistance(
      f.car().circuit.network().branch(bcmhil::faults::SwitchFailed::contact_branch("hatch_contact")))));
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_OPEN_SW")).empty()) << "but the module never sees it";
  EXPECT_GT(f.volts("bc1.boot_open_in"), 5.0);
}

TEST(SwitchFailed, TheHatchContactStuckClosedReadsTheShutLidOpen) {
  StuckSwitchCar f("hatch_contact", "closed");
  f.run_until(kOnset - 1 * kMs);
  EXPECT_TRUE(rises(f.sig("DIP_BOOT_OPEN_SW")).empty()) << "nothing before the onset";
  f.run_until(1 * kS);
  EXPECT_FALSE(f.car().hatch_lock.hatch_open());
  EXPECT_LT(f.volts("bc1.boot_open_in"), 0.05);
  EXPECT_EQ(f.vehicle->bc1.signal("DIP_BOOT_OPEN_SW"), std::optional<bool>(true));
}

TEST(SwitchFailed, TheLidHandleStuckClosedReleasesTheUnlockedHatchOnce) {
  StuckSwitchCar f("lid_handle", "closed");
  f.run_until(3 * kS);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
  EXPECT_EQ(rises(f.sig("DOP_BOOT_RELEASE")).size(), 1u);
  EXPECT_LT(f.volts("lid_handle.switch"), 0.05);
  // A real press and release changes nothing: the contact stays closed.
  f.car().press_lid_handle(sc_core::sc_time(300, sc_core::SC_MS));
  f.run_until(4 * kS);
  EXPECT_LT(f.volts("lid_handle.switch"), 0.05);
  EXPECT_EQ(rises(f.sig("DIP_BOOT_HANDLE_SW")).size(), 1u);
}

}  // namespace
