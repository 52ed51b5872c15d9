// WaterIngress, as a meter sees it: the tailgate driver's output pin, its current and the hatch,
// with the release output switched on so the pin shows what the driver still delivers. The
// documented failure time (model/faults/water_ingress.h): the drivers die open at
// onset + corrosion_time / (1 + 2 salt) + wetting_time / 2, to within one 100 ms step.
#include "model/faults/water_ingress.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::WaterIngress;
using bcmhil::model::FobButton;

constexpr std::uint64_t kOnset = 1 * kS;
// An open driver: the pin sits at ~0 V under its load; the wet film from the K-line pin beside it
// (X330.5, pulled up to 12 V through 1 kohm) leaks a few mV into the load.
constexpr double kDeadV = 20e-3;

struct Wet : FaultyCar {
  Wet(double wetting_s, double corrosion_s, double salt)
      : Wet({{"wetting_time", wetting_s}, {"corrosion_time", corrosion_s}, {"salt", salt}}) {}
  // Unlocked: with the car locked the armed alarm's LED times out 10 s in, and the module's
  // output method then re-commands the driver these tests switch on directly.
  explicit Wet(const std::map<std::string, double>& params)
      : FaultyCar(default_spec("water_ingress", sc_core::sc_time::from_value(kOnset), params), unlocked()) {}
  static bcmhil::model::VehicleConfig unlocked() {
    bcmhil::model::VehicleConfig c;
    c.locked = false;
    return c;
  }
  // After the module has booted (its boot writes every output off), before the onset.
  void switch_release_on() {
    run_until(500 * kMs);
    vehicle->bc1.tailgate_driver().command(true);
  }
  double pin() const { return volts("bc1.tailgate_out"); }
  // An ohmmeter between the tailgate pin X330.4 and the module's ground pin beside it X330.3
  // (the film the water leaves).
  double film() const {
    const auto branch = dynamic_cast<const WaterIngress&>(*fault).film("X330.3", "X330.4");
    if (!branch) throw std::logic_error("the pins have not been wet");
    return vehicle->circuit.network().resistance(*branch);
  }
};

struct Case {
  double salt;
  std::uint64_t dies_after_onset;  // the documented time
};
constexpr std::uint64_t kStep = 100 * kMs;

class WaterIngressOutput : public ::testing::TestWithParam<Case> {};

// wetting 2 s, corrosion 3 s: 3 / (1 + 2 salt) + 1 s: 4.0 s fresh, 3.143 s at 0.2, 2.154 s at 0.8.
INSTANTIATE_TEST_SUITE_P(Salt, WaterIngressOutput,
                         ::testing::Values(Case{0.0, 4000 * kMs}, Case{0.2, 3143 * kMs}, Case{0.8, 2154 * kMs}));

TEST_P(WaterIngressOutput, SagsMonotonicallyAndDiesOpenAtTheDocumentedTime) {
  const auto c = GetParam();
  Wet w(2.0, 3.0, c.salt);
  const std::uint64_t death = kOnset + c.dies_after_onset;
  w.switch_release_on();
  w.run_until(kOnset - 50 * kMs);
  const double healthy = w.pin();
  EXPECT_GT(healthy, 10.0) << "before the onset the output delivers the battery";

  // Corrosion never heals: step by step the pin only sags, and it sags below the 6 V readback
  // threshold well before the driver dies.
  double last = healthy;
  bool below_readback = false;
  for (std::uint64_t t = kOnset + 50 * kMs; t < death - kStep; t += 100 * kMs) {
    w.run_until(t);
    SCOPED_TRACE("t = " + std::to_string(t / kMs) + " ms");
    // 1 mV slack: the lid opening shifts the sense supply's load on the battery by microvolts.
    EXPECT_LE(w.pin(), last + 1e-3);
    EXPECT_GT(w.pin(), 0.01) << "still conducting";
    below_readback |= w.pin() < 6.0;
    last = w.pin();
  }
  EXPECT_TRUE(below_readback);
  EXPECT_LT(last, 1.0) << "nearly dead just before";

  // Dead open within a step of the documented time: 0 V on the pin, no current out of the driver.
  w.run_until(death + kStep + 50 * kMs);
  EXPECT_LT(w.pin(), kDeadV);
  EXPECT_LT(std::abs(w.amps("bc1.tailgate_driver")), 1e-6);
  const auto& v = w.sig("V(bc1.tailgate_out)");
  EXPECT_GT(v.value_at(death - kStep - 1), 0.01);
  EXPECT_LT(v.value_at(death + kStep), kDeadV);

  // Fully wet the film between the pin and ground ends at its wet value (a dendrite has only just
  // started in parallel: the output was on, 12 V across the gap), and the fault re-solves only
  // when a film moves by more than kRestampRatio: rarely, while the dendrite is young.
  w.run_until(kOnset + 3 * kS);
  const double wet = WaterIngress::kWetLeakOhm / (1.0 + 4.0 * c.salt);
  EXPECT_LE(w.film(), wet);
  EXPECT_GT(w.film(), wet / WaterIngress::kRestampRatio);
  const auto solves = w.vehicle->circuit.network().solve_count();
  w.run_for(10 * kS);
  EXPECT_LE(w.vehicle->circuit.network().solve_count(), solves + 2);
}

TEST(WaterIngress, SaltKillsTheDriverSooner) {
  // At 2.3 s the salty (0.8) board's driver is dead, the fresh one's still conducts.
  Wet fresh(2.0, 3.0, 0.0);
  fresh.switch_release_on();
  fresh.run_until(kOnset + 2300 * kMs);
  EXPECT_GT(fresh.pin(), 0.01);
  const double fresh_film = fresh.film();
  Wet salty(2.0, 3.0, 0.8);
  salty.switch_release_on();
  salty.run_until(kOnset + 2300 * kMs);
  EXPECT_LT(salty.pin(), kDeadV);
  EXPECT_LT(salty.film(), fresh_film) << "salt water conducts better";
}

TEST(WaterIngress, LibraryDefaultsGiveTheFloodedCaseAfterAbout44Seconds) {
  // Defaults: wetting 30 s, corrosion 40 s, salt 0.2: 40 / 1.4 + 15 = 43.57 s, within a step.
  Wet w(std::map<std::string, double>{});
  w.switch_release_on();
  w.run_until(kOnset + 43'571 * kMs - kStep - 50 * kMs);
  EXPECT_GT(w.pin(), 0.01);
  w.run_until(kOnset + 43'571 * kMs + kStep + 50 * kMs);
  EXPECT_LT(w.pin(), kDeadV);
}

TEST(WaterIngress, TheFloodedModuleFlashesTwiceLogsC4AndTheHatchStaysShut) {
  Wet w(2.0, 3.0, 0.2);
  const std::uint64_t press = kOnset + 4200 * kMs;  // dead since ~3.1 s after the onset (documented 3.14 s)
  w.run_until(press);
  w.car().press_fob(1, FobButton::trunk);
  w.run_until(press + 2 * kS);
  const auto release = rises(w.sig("DOP_BOOT_RELEASE"), press);
  ASSERT_EQ(release.size(), 1u);
  EXPECT_EQ(rises(w.sig("indicator_lh.lit"), press).size(), 2u);
  // The tell: ~0 V at the BC1 pin AND at hatch lock pin 2 during the pulse.
  EXPECT_LT(max_in(w.sig("V(bc1.tailgate_out)"), release[0], release[0] + 600 * kMs), kDeadV);
  EXPECT_LT(max_in(w.sig("V(hatch_lock.pin2)"), release[0], release[0] + 600 * kMs), kDeadV);
  EXPECT_TRUE(rises(w.sig("hatch.open")).empty());
  const auto* e = w.vehicle->bc1.fault_memory().find(0xC4);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
}

TEST(WaterIngress, WhileCorrodingTheHatchStillOpensEarlyOn) {
  Wet w(2.0, 3.0, 0.2);
  w.run_until(kOnset + 1 * kS);  // a third of the way to the driver's death
  w.car().press_fob(1, FobButton::trunk);
  w.run_until(kOnset + 2 * kS);
  EXPECT_EQ(rises(w.sig("hatch.open")).size(), 1u);
  EXPECT_GT(max_in(w.sig("V(bc1.tailgate_out)"), kOnset + 1 * kS, kOnset + 2 * kS), 9.0) << "the pin still rises";
  EXPECT_EQ(w.vehicle->bc1.fault_memory().find(0xC4), nullptr);
}

// Wet and dry cycles: water for 2 s every 5 s, drying with a 1 s time constant. The output sags
// while the board is wet and does not recover while it dries: the corrosion stays.
struct Showers : Wet {
  Showers()
      : Wet({{"wetting_time", 1.0}, {"corrosion_time", 20.0}, {"salt", 0.5}, {"wet_for", 2.0},
             {"rain_every", 5.0}, {"drying_time", 1.0}}) {}
};

TEST(WaterIngress, WetsAndDriesInShowersAndTheCorrosionStays) {
  Showers w;
  w.switch_release_on();
  w.run_until(kOnset - 50 * kMs);
  const double dry = w.pin();
  w.run_until(kOnset + 3050 * kMs);  // the first shower is over
  const double after_first = w.pin();
  EXPECT_LT(after_first, dry - 0.01) << "the wet board corroded the driver";
  w.run_until(kOnset + 4950 * kMs);  // dried for 2.9 time constants
  const double dried = w.pin();
  EXPECT_LE(dried, after_first + 1e-4) << "drying heals nothing";
  w.run_until(kOnset + 8050 * kMs);  // the second shower is over
  EXPECT_LT(w.pin(), dried - 0.01) << "the next rain corrodes on from there";
}

TEST(WaterIngress, SaltResidueKeepsADriedFilmLeaky) {
  Showers w;
  w.run_until(kOnset + 4950 * kMs);  // dried for 2.9 time constants after the first shower
  // An ohmmeter between the pin and ground: no longer the wet ~3.3 kohm, but not the clean board's
  // 1 Mohm either (1 Mohm / (1 + 10 salt) = 167 kohm once bone dry).
  EXPECT_GT(w.film(), 20e3);
  EXPECT_LT(w.film(), 200e3);
}

TEST(WaterIngress, TheIndicatorRegionKillsBothIndicatorDrivers) {
  FaultyCar car(default_spec("water_ingress", sc_core::sc_time::from_value(kOnset),
                             {{"wetting_time", 1.0}, {"corrosion_time", 1.0}, {"salt", 0.0}},
                             {{"region", "indicator_drivers"}}));
  car.run_until(kOnset + 5 * kS);
  // Locking flashes nothing: both indicator pins stay at 0 V; both readback faults are logged.
  car.vehicle->press_fob(1, FobButton::unlock);
  car.run_for(1 * kS);
  car.vehicle->press_fob(1, FobButton::lock);
  car.run_for(2 * kS);
  EXPECT_TRUE(rises(car.sig("indicator_lh.lit"), kOnset + 5 * kS).empty());
  EXPECT_TRUE(rises(car.sig("indicator_rh.lit"), kOnset + 5 * kS).empty());
  EXPECT_LT(max_in(car.sig("V(bc1.indicator_lh_out)"), kOnset + 5 * kS, kOnset + 8 * kS), kDeadV);
  EXPECT_LT(max_in(car.sig("V(bc1.indicator_rh_out)"), kOnset + 5 * kS, kOnset + 8 * kS), kDeadV);
  ASSERT_NE(car.vehicle->bc1.fault_memory().find(0xAA), nullptr);
  ASSERT_NE(car.vehicle->bc1.fault_memory().find(0xAC), nullptr);
  EXPECT_TRUE(car.vehicle->bc1.fault_memory().find(0xAA)->active);
  // Another region: the tailgate still releases.
  car.vehicle->press_fob(1, FobButton::unlock);
  car.run_for(1 * kS);
  car.vehicle->press_fob(1, FobButton::trunk);
  car.run_for(2 * kS);
  EXPECT_EQ(rises(car.sig("hatch.open")).size(), 1u);
}

TEST(WaterIngress, RainWithoutAnEndCannotComeAgain) {
  bcmhil::testing::fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  bcmhil::model::Vehicle car("car", recorder, {});
  auto spec = default_spec("water_ingress", sc_core::SC_ZERO_TIME, {{"rain_every", 10.0}});
  EXPECT_THROW(bcmhil::faults::find_fault_type("water_ingress")->create(spec, car), std::invalid_argument);
  spec = default_spec("water_ingress", sc_core::SC_ZERO_TIME, {}, {{"region", "roof"}});
  EXPECT_THROW(bcmhil::faults::find_fault_type("water_ingress")->create(spec, car), std::invalid_argument);
}

}  // namespace
