// Vehicle: the BC1 wired into the car. Harness resistances from length and cross-section, the
// hinge loom's segments, the fused feeds, the lamps, the input voltages a multimeter would read,
// and the full trunk-button story from fob to open lid.
#include "model/car/vehicle.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

#include <set>

namespace {

using namespace bcmhil::testing;
using bcmhil::electrical::kOpen;
using bcmhil::model::FobButton;
using bcmhil::model::Harness;
using bcmhil::model::VehicleConfig;

constexpr std::uint64_t kPress = 1 * kS;

struct Wire {
  const char* name;
  double length_m;
  double mm2;
};
// The loom as model/car/vehicle.cpp wires it.
const Wire kWires[] = {
    {"harness.bc1_ground", 0.5, 2.5},          {"harness.tailgate_feed.body", 3.5, 0.75},
    {"harness.tailgate_feed.hinge", 0.6, 0.75}, {"harness.hatch_ground.hinge", 0.6, 0.75},
    {"harness.hatch_ground.body", 0.5, 0.75},   {"harness.contact_signal.body", 3.5, 0.35},
    {"harness.contact_signal.hinge", 0.6, 0.35}, {"harness.contact_ground.hinge", 0.6, 0.35},
    {"harness.handle_signal.body", 3.5, 0.35},  {"harness.handle_signal.hinge", 0.6, 0.35},
    {"harness.indicator_lh", 3.0, 1.0},         {"harness.indicator_rh", 3.0, 1.0},
    // Central locking (model/car/door_locks.cpp).
    {"harness.drv_lock.body", 3.0, 1.0},        {"harness.rest_lock.body", 1.0, 1.5},
    {"harness.rest_lock.passenger", 2.0, 1.0},  {"harness.rest_lock.fuel_flap", 3.0, 0.75},
    {"harness.super_lock.body", 3.0, 0.75},     {"harness.common_lock.body", 1.0, 1.5},
    {"harness.common_lock.driver", 3.0, 1.0},   {"harness.common_lock.passenger", 2.0, 1.0},
    {"harness.common_lock.fuel_flap", 3.0, 0.75}, {"harness.common_lock.deadlock", 3.0, 0.75},
    {"harness.door_lock.driver.key_lock", 3.0, 0.35}, {"harness.door_lock.driver.key_unlock", 3.0, 0.35},
    {"harness.door_lock.passenger.key_lock", 3.0, 0.35}, {"harness.door_lock.passenger.key_unlock", 3.0, 0.35},
    {"harness.master_button.lock", 1.0, 0.35},  {"harness.master_button.unlock", 1.0, 0.35},
    // Body contacts, interior light, alarm outputs.
    {"harness.driver_door_signal", 2.0, 0.35},  {"harness.passenger_door_signal", 1.5, 0.35},
    {"harness.bonnet_signal", 2.5, 0.35},       {"harness.hazard_signal", 1.0, 0.35},
    {"harness.tilt_signal", 1.0, 0.35},         {"harness.interior_light", 2.5, 0.75},
    {"harness.siren_trigger", 2.5, 0.35},       {"harness.alarm_led", 1.5, 0.35},
    {"harness.siren_arm", 2.5, 0.35},
    // Dashboard buttons of the heated screens.
    {"harness.heated_rear_window_button", 1.0, 0.35}, {"harness.heated_front_screen_button", 1.0, 0.35},
};

TEST(Harness, WireResistanceFollowsLengthAndCrossSection) {
  CarUnderTest t;
  t.elaborate();
  auto& harness = t.car().harness;
  const auto& net = t.car().circuit.network();
  // The wires of the hatch, locks, body contacts and alarm; the windows, wipers, lights and climate
  // add their own (their tests check them).
  ASSERT_GT(harness.segments().size(), std::size(kWires));
  for (const auto& w : kWires) {
    const auto* s = harness.find(w.name);
    ASSERT_NE(s, nullptr) << w.name;
    EXPECT_DOUBLE_EQ(s->length_m, w.length_m) << w.name;
    EXPECT_DOUBLE_EQ(s->cross_section_mm2, w.mm2) << w.name;
    // Copper: 0.0172 ohm mm^2 / m.
    const double ohms = 0.0172 * w.length_m / w.mm2;
    EXPECT_NEAR(s->intact_ohm, ohms, 1e-12) << w.name;
    EXPECT_NEAR(net.resistance(s->branch), ohms, 1e-12) << w.name;
    EXPECT_EQ(net.branch_name(s->branch), w.name);
  }
  // A worked example: 3.5 m of 0.75 mm^2 is 80.3 mohm.
  EXPECT_NEAR(harness.find("harness.tailgate_feed.body")->intact_ohm, 0.080267, 1e-6);
  EXPECT_EQ(harness.find("harness.no_such_wire"), nullptr);
}

TEST(Harness, BrokenAndCorrodedSegments) {
  CarUnderTest t;
  t.elaborate();
  auto& harness = t.car().harness;
  const auto& net = t.car().circuit.network();
  auto& seg = *harness.find("harness.tailgate_feed.hinge");
  harness.set_broken(seg, true);
  EXPECT_EQ(net.resistance(seg.branch), kOpen);
  harness.set_broken(seg, false);
  EXPECT_NEAR(net.resistance(seg.branch), seg.intact_ohm, 1e-12);
  harness.set_extra_resistance(seg, 2.0);
  EXPECT_NEAR(net.resistance(seg.branch), seg.intact_ohm + 2.0, 1e-12);
  t.run_for(1 * kMs);
}

TEST(Harness, SegmentsHandedOutStayPutAsTheHarnessGrows) {
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  bcmhil::model::Circuit circuit("circuit", recorder);
  Harness harness(circuit);
  auto& net = circuit.network();
  const auto a = net.add_node("a");
  const auto* first = &harness.add_segment("w0", a, 0, 1.0, 1.0);
  for (int i = 1; i < 500; ++i) harness.add_segment("w" + std::to_string(i), a, 0, 1.0, 1.0);
  // Faults keep references to segments: growing the harness must not move them.
  EXPECT_EQ(harness.find("w0"), first);
  EXPECT_EQ(first->name, "w0");
}

TEST(Vehicle, OpenInputsReadAboutSixVoltsAndTheHatchContactFollowsTheLid) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  // 10 k / 10 k divider from the sense supply (~12.5 V): the owner's ~6 V.
  EXPECT_GT(t.volts("bc1.boot_handle_in"), 5.5);
  EXPECT_LT(t.volts("bc1.boot_handle_in"), 6.5);
  // Pin 3 of the hatch lock, lid shut (contact open): the same ~6 V through the harness.
  EXPECT_GT(t.volts("hatch_lock.pin3"), 5.5);
  EXPECT_LT(t.volts("hatch_lock.pin3"), 6.5);
  EXPECT_NEAR(t.volts("hatch_lock.pin3"), t.volts("bc1.boot_open_in"), 1e-3);
  EXPECT_EQ(t.sig("DIP_BOOT_OPEN_SW").samples.back().value, 0.0);
  // Lid open (released by the fob): contact closed, pin 3 ~0 V, the module sees it.
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 1 * kS);
  ASSERT_TRUE(t.car().hatch_lock.hatch_open());
  EXPECT_LT(t.volts("hatch_lock.pin3"), 0.05);
  EXPECT_EQ(t.sig("DIP_BOOT_OPEN_SW").samples.back().value, 1.0);
  t.car().close_hatch();
  t.run_until(kPress + 2 * kS);
  EXPECT_GT(t.volts("hatch_lock.pin3"), 5.5);
  EXPECT_EQ(t.sig("DIP_BOOT_OPEN_SW").samples.back().value, 0.0);
}

TEST(Vehicle, TrunkPressReleasesTheLatchOnceThePawlHasRunItsTravel) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  const auto release = rises(t.sig("DOP_BOOT_RELEASE"));
  ASSERT_EQ(release.size(), 1u);
  // The pawl's travel (~150 ms at 12 V on the bench) takes longer in the car: the feed drops a
  // little, and the acknowledge flash starting with the pulse draws both indicators' cold
  // inrush (~2 x 24 A) from the battery.
  const auto latched_off = rises(t.sig("hatch_lock.latch_released"));
  ASSERT_EQ(latched_off.size(), 1u);
  EXPECT_GT(latched_off[0], release[0] + 120 * kMs);
  EXPECT_LT(latched_off[0], release[0] + 250 * kMs);
  EXPECT_EQ(falls(t.sig("hatch_lock.latch_released")), std::vector<std::uint64_t>{release[0] + 600 * kMs});
  EXPECT_EQ(rises(t.sig("hatch.open")), latched_off);

  // Against the end stop the motor stalls: its current is Ohm's law over the series path:
  // battery, fuse, driver, loom, winding.
  auto& h = t.car().harness;
  const double series = bcmhil::model::PowerSupply::kInternalOhm + bcmhil::model::PowerSupply::kFuseOhm +
                        bcmhil::model::HighSideDriverSpec{}.on_resistance_ohm +
                        h.find("harness.tailgate_feed.body")->intact_ohm + h.find("harness.tailgate_feed.hinge")->intact_ohm +
                        bcmhil::model::HatchLockSpec{}.motor_ohm + h.find("harness.hatch_ground.hinge")->intact_ohm +
                        h.find("harness.hatch_ground.body")->intact_ohm;
  // Read between the flashes (320..640 ms into the pulse): the indicators' 6 A would otherwise
  // sag the battery's 20 mohm by 1 %.
  const double amps = t.sig("I(hatch_lock.motor)").value_at(release[0] + 400 * kMs);
  EXPECT_NEAR(amps, 12.6 / series, 0.003 * 12.6 / series);
  // While it runs the back-EMF holds it near the spring's 3 A.
  EXPECT_LT(t.sig("I(hatch_lock.motor)").value_at(release[0] + 100 * kMs), 5.0);
  EXPECT_GT(t.sig("V(hatch_lock.pin2)").value_at(release[0] + 10 * kMs), 10.5);
  EXPECT_NEAR(t.sig("I(hatch_lock.motor)").value_at(release[0] + 600 * kMs), 0.0, 1e-6);
}

TEST(Vehicle, BrokenHingeFeedIsolatesPin2ButNotTheModulesPin) {
  CarUnderTest t;
  t.elaborate();
  t.car().harness.set_broken(*t.car().harness.find("harness.tailgate_feed.hinge"), true);
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  const auto release = rises(t.sig("DOP_BOOT_RELEASE"));
  ASSERT_EQ(release.size(), 1u);
  const std::uint64_t mid = release[0] + 300 * kMs;
  EXPECT_GT(t.sig("V(bc1.tailgate_out)").value_at(mid), 12.0);
  EXPECT_GT(t.sig("V(harness.hinge.tailgate_feed)").value_at(mid), 12.0);
  EXPECT_LT(max_in(t.sig("V(hatch_lock.pin2)"), release[0], release[0] + 600 * kMs), 1e-3);
  EXPECT_TRUE(rises(t.sig("hatch.open")).empty());
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")).size(), 2u);
  EXPECT_EQ(t.car().bc1.fault_memory().find(0xC4), nullptr) << "the module's own pin reads back fine";
}

TEST(Vehicle, FusedFeedsAreFoundByNameOrFeed) {
  CarUnderTest t;
  t.elaborate();
  auto& power = t.car().power;
  // F9, F10, 30A, the heated screens' HRW, HFS, the wipers' WIPER, the lights' FL12, FL8, fog,
  // aux_lamps, brake, the windows' 30DW, 30PW, the climate's blower and AC.
  ASSERT_EQ(power.fuses().size(), 15u);
  auto* f9 = power.find_fuse("F9");
  ASSERT_NE(f9, nullptr);
  EXPECT_EQ(power.find_fuse("fuse.F9"), f9);
  EXPECT_EQ(power.find_fuse("30CDL"), f9);
  EXPECT_DOUBLE_EQ(f9->rating_a, 20.0);
  EXPECT_EQ(power.find_fuse("30B"), power.find_fuse("F10"));
  EXPECT_DOUBLE_EQ(power.find_fuse("F10")->rating_a, 15.0);
  EXPECT_DOUBLE_EQ(power.find_fuse("30A")->rating_a, 5.0);
  EXPECT_EQ(power.find_fuse("F11"), nullptr);
  EXPECT_NEAR(t.car().circuit.network().resistance(f9->branch), bcmhil::model::PowerSupply::kFuseOhm, 1e-12);

  EXPECT_GT(t.volts("bc1.kl30_cdl"), 12.5);
  power.blow(*f9);
  t.run_for(1 * kMs);
  EXPECT_TRUE(f9->blown);
  EXPECT_LT(t.volts("bc1.kl30_cdl"), 1e-3);
  EXPECT_GT(t.volts("bc1.kl30_light"), 12.5) << "the other feeds are untouched";
}

TEST(Vehicle, BatteryAndIgnition) {
  CarUnderTest t;
  t.elaborate();
  EXPECT_NEAR(t.volts("battery.plus"), 12.6, 0.01);
  EXPECT_LT(t.volts("bc1.kl15"), 1e-3) << "ignition off";
  t.car().set_ignition(true);
  t.run_for(1 * kMs);
  EXPECT_TRUE(t.car().power.ignition());
  EXPECT_NEAR(t.volts("bc1.kl15"), t.volts("battery.plus"), 1e-3);
  t.car().set_battery_volts(11.8);
  t.run_for(1 * kMs);
  EXPECT_DOUBLE_EQ(t.car().power.battery_volts(), 11.8);
  EXPECT_NEAR(t.volts("battery.plus"), 11.8, 0.01);
  t.car().set_ignition(false);
  t.run_for(1 * kMs);
  EXPECT_LT(t.volts("bc1.kl15"), 1e-3);
}

TEST(Vehicle, IndicatorLampsLightWithTheOutputsUnlessBurntOut) {
  CarUnderTest t;
  t.elaborate();
  t.car().indicator_rh.set_burnt_out(true);
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(rises(t.sig("DOP_RH_INDICATOR_LGT")).size(), 2u);
  EXPECT_TRUE(rises(t.sig("indicator_rh.lit")).empty());
  EXPECT_EQ(rises(t.sig("indicator_lh.lit")).size(), 2u);
  // 47 W at 13.5 V hot: 3.88 ohm filament. Cold it is ~1/14 of that: switched on, the side
  // draws an inrush of ~24 A (the driver's 30 A limit lets it through), down to its running
  // ~3.3 A within some 20 ms.
  const auto cmd = rises(t.sig("DOP_LH_INDICATOR_LGT"))[0];
  const auto& i = t.sig("I(indicator_lh.filament)");
  EXPECT_GT(max_in(i, cmd, cmd + 2 * kMs), 15.0);
  EXPECT_LT(max_in(i, cmd, cmd + 2 * kMs), 30.0);
  EXPECT_LT(i.value_at(cmd + 30 * kMs), 4.0);
  const double hot_ohm = 13.5 * 13.5 / 47.0;
  const double running = i.value_at(cmd + 200 * kMs);
  const double volts = t.sig("V(lamp.indicator_lh)").value_at(cmd + 200 * kMs);
  EXPECT_GT(running, volts / hot_ohm) << "below its rated voltage a filament runs cooler";
  EXPECT_NEAR(running, 47.0 / 13.5 * std::pow(volts / 13.5, 0.54), 0.05);
}

TEST(Vehicle, LampIsNotVisiblyLitBelowAThirdOfItsCurrent) {
  // A corroded indicator feed: 12.6 V over the filament + 10 ohm ~ 1.2 A, under half a volt on the
  // filament: it warms to ~1/3 of its working temperature, a glow too dull to see (visible from
  // ~45 %, about a third of its rated current).
  // (A flat battery cannot show it: below the brown-out threshold the module does not flash at all.)
  VehicleConfig config;
  CarUnderTest t(config);
  t.car().harness.set_extra_resistance(*t.car().harness.find("harness.indicator_lh"), 10.0);
  t.elaborate();
  t.run_until(kPress);
  t.car().press_fob(1, FobButton::trunk);
  t.run_until(kPress + 2 * kS);
  EXPECT_EQ(rises(t.sig("DOP_LH_INDICATOR_LGT")).size(), 2u);
  EXPECT_TRUE(rises(t.sig("indicator_lh.lit")).empty());
}

TEST(Vehicle, FobsCarryTheCodedIdentities) {
  VehicleConfig config;
  config.coding.key_ids = {0x111111, 0x222222, 0x333333, 0};
  CarUnderTest t(config);
  EXPECT_EQ(t.car().fob(1).id, 0x111111u);
  EXPECT_EQ(t.car().fob(3).id, 0x333333u);
  EXPECT_EQ(t.car().fob(4).id, 0u);
  EXPECT_THROW(t.car().fob(0), std::out_of_range);
  EXPECT_THROW(t.car().fob(5), std::out_of_range);
  t.elaborate();
}

TEST(Vehicle, LidHandleClosesToGroundForItsDuration) {
  CarUnderTest t;
  t.elaborate();
  t.run_until(kPress);
  t.car().press_lid_handle(sc_core::sc_time(300, sc_core::SC_MS));
  t.run_until(kPress + 1 * kS);
  const auto& v = t.sig("V(bc1.boot_handle_in)");
  EXPECT_LT(v.value_at(kPress), 0.05);
  EXPECT_LT(v.value_at(kPress + 299 * kMs), 0.05);
  EXPECT_GT(v.value_at(kPress + 300 * kMs), 5.5);
  EXPECT_EQ(rises(t.sig("bc1.comparator.DIP_BOOT_HANDLE_SW")), std::vector<std::uint64_t>{kPress});
  EXPECT_EQ(falls(t.sig("bc1.comparator.DIP_BOOT_HANDLE_SW")), std::vector<std::uint64_t>{kPress + 300 * kMs});
}

}  // namespace
