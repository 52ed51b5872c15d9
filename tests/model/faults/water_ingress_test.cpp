// WaterIngress: moisture grows linearly to saturation over wetting_time; the corrosion dose
// accumulates moisture * (1 + 2 salt) * dt / corrosion_time at 100 ms steps; the driver's series
// resistance is 0.1 ohm * (exp(9 dose) - 1) and it fails open at dose 1; a water film from the
// tailgate pin to module ground goes from 1 Mohm (dry) to 10 kohm / (1 + 4 salt) (wet),
// geometrically in the moisture (model/faults/water_ingress.cpp).
#include "model/faults/water_ingress.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::WaterIngress;
using bcmhil::model::FobButton;
using bcmhil::model::HighSideDriver;

constexpr std::uint64_t kOnset = 1 * kS;
const sc_core::sc_time kStep(100, sc_core::SC_MS);  // water_ingress.cpp kStep

// The instant (since onset) the law in water_ingress.cpp first reaches a dose of 1, stepping
// exactly as Fault::run does (sc_time steps from 0, progress() called on each).
std::uint64_t predicted_death(double wetting_s, double corrosion_s, double salt) {
  sc_core::sc_time since = sc_core::SC_ZERO_TIME;
  double last = 0.0, dose = 0.0;
  for (;;) {
    const double t = since.to_seconds();
    const double dt = t - last;
    last = t;
    const double moisture = std::min(1.0, t / wetting_s);
    dose += moisture * (1.0 + 2.0 * salt) * dt / corrosion_s;
    if (dose >= 1.0) return since.value();
    since += kStep;
  }
}

double leak_ohm(double moisture, double salt) {
  return std::pow(WaterIngress::kDryLeakOhm, 1.0 - moisture) *
         std::pow(WaterIngress::kWetLeakOhm / (1.0 + 4.0 * salt), moisture);
}

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
  WaterIngress& water() { return dynamic_cast<WaterIngress&>(*fault); }
  HighSideDriver& driver() { return vehicle->bc1.tailgate_driver(); }
  double film() const {
    const auto& net = vehicle->circuit.network();
    // The film is named after the fault instance ("<fault>.film.tailgate_out").
    for (std::size_t b = 0; b < net.branch_count(); ++b) {
      const auto& name = net.branch_name(static_cast<bcmhil::electrical::BranchId>(b));
      if (name.size() > 18 && name.compare(name.size() - 18, 18, ".film.tailgate_out") == 0)
        return net.resistance(static_cast<bcmhil::electrical::BranchId>(b));
    }
    ADD_FAILURE() << "no water film branch";
    return 0.0;
  }
};

class WaterIngressLaw : public ::testing::TestWithParam<double> {};

TEST_P(WaterIngressLaw, ProgressesMonotonicallyAndKillsTheDriverWhenTheLawSays) {
  const double wetting = 2.0, corrosion = 3.0, salt = GetParam();
  Wet w(wetting, corrosion, salt);
  const std::uint64_t death = kOnset + predicted_death(wetting, corrosion, salt);

  // Before the onset the board is dry and the driver fresh.
  w.run_until(kOnset - 50 * kMs);
  EXPECT_EQ(w.film(), bcmhil::electrical::kOpen);
  EXPECT_EQ(w.water().moisture(), 0.0);
  EXPECT_EQ(w.driver().damage_resistance(), 0.0);

  // Keep the release output on so the pin shows what the driver still delivers.
  w.driver().command(true);
  double moisture = 0, dose = 0, damage = 0, film = WaterIngress::kDryLeakOhm, pin = 99;
  for (std::uint64_t t = kOnset + 50 * kMs; t < death; t += 100 * kMs) {
    w.run_until(t);
    SCOPED_TRACE("t = " + std::to_string(t / kMs) + " ms");
    const double m = w.water().moisture(), c = w.water().corrosion();
    EXPECT_GE(m, moisture);
    EXPECT_GE(c, dose);
    // The step at onset + k * 100 ms has moisture min(1, k * 0.1 s / wetting).
    const double k = std::floor(static_cast<double>(t - kOnset) / (100 * kMs));
    EXPECT_NEAR(m, std::min(1.0, k * 0.1 / wetting), 1e-9);
    EXPECT_EQ(w.driver().health(), HighSideDriver::Health::ok);
    EXPECT_NEAR(w.driver().damage_resistance(), WaterIngress::kFreshDriverOhm * (std::exp(WaterIngress::kCorrosionGrowth * c) - 1.0),
                1e-9);
    EXPECT_GE(w.driver().damage_resistance(), damage);
    if (m > 0) {
      EXPECT_NEAR(w.film(), leak_ohm(m, salt), 1e-6 * w.film());
      EXPECT_LE(w.film(), film);
    }
    // 1 mV slack: the lid opening shifts the sense supply's load on the battery by microvolts.
    EXPECT_LE(w.volts("bc1.tailgate_out"), pin + 1e-3) << "the output weakens";
    moisture = m, dose = c, damage = w.driver().damage_resistance(), film = m > 0 ? w.film() : film;
    pin = w.volts("bc1.tailgate_out");
  }
  EXPECT_LT(dose, 1.0);
  EXPECT_GT(w.driver().damage_resistance(), 100.0) << "nearly dead just before";

  w.run_until(death + 50 * kMs);
  EXPECT_EQ(w.driver().health(), HighSideDriver::Health::failed_open);
  EXPECT_GE(w.water().corrosion(), 1.0);
  EXPECT_FALSE(w.driver().conducting());
  EXPECT_LT(w.volts("bc1.tailgate_out"), 1e-3);
  // The recorded probe drops to ~0 exactly at the predicted step.
  const auto& v = w.sig("V(bc1.tailgate_out)");
  EXPECT_GT(v.value_at(death - 1), 0.01);
  EXPECT_LT(v.value_at(death), 1e-3);

  // Saturated: the film ends at the wet value, and the fault stops evolving (no more solves).
  w.run_until(kOnset + static_cast<std::uint64_t>(wetting * kS) + 1 * kS);
  EXPECT_EQ(w.water().moisture(), 1.0);
  EXPECT_NEAR(w.film(), WaterIngress::kWetLeakOhm / (1.0 + 4.0 * salt), 1e-6);
  w.run_for(1 * kS);
  const auto solves = w.vehicle->circuit.network().solve_count();
  w.run_for(10 * kS);
  EXPECT_EQ(w.vehicle->circuit.network().solve_count(), solves);
}

INSTANTIATE_TEST_SUITE_P(Salt, WaterIngressLaw, ::testing::Values(0.0, 0.2, 0.8));

TEST(WaterIngress, SaltKillsTheDriverSooner) {
  const auto fresh = predicted_death(2.0, 3.0, 0.0);
  const auto salty = predicted_death(2.0, 3.0, 0.8);
  EXPECT_LT(salty, fresh);
  // And in the model, not only in the law: at the salty death time the fresh board still works.
  Wet fresh_board(2.0, 3.0, 0.0);
  fresh_board.run_until(kOnset + salty + 50 * kMs);
  EXPECT_EQ(fresh_board.driver().health(), HighSideDriver::Health::ok);
  Wet salty_board(2.0, 3.0, 0.8);
  salty_board.run_until(kOnset + salty + 50 * kMs);
  EXPECT_EQ(salty_board.driver().health(), HighSideDriver::Health::failed_open);
  EXPECT_LT(salty_board.film(), fresh_board.film()) << "salt water conducts better";
}

TEST(WaterIngress, LibraryDefaultsGiveTheFloodedCaseAfterAbout44Seconds) {
  // Defaults: wetting 30 s, corrosion 40 s, salt 0.2 (water_ingress_params()).
  FaultyCar f(default_spec("water_ingress", sc_core::sc_time::from_value(kOnset)));
  auto& driver = f.vehicle->bc1.tailgate_driver();
  const std::uint64_t death = kOnset + predicted_death(30.0, 40.0, 0.2);
  EXPECT_EQ(death, kOnset + 43'600 * kMs);  // worked by hand: ramp dose 0.52675 by 30 s, + 13.6 s at 0.035/s
  f.run_until(death - 50 * kMs);
  EXPECT_EQ(driver.health(), HighSideDriver::Health::ok);
  f.run_until(death + 50 * kMs);
  EXPECT_EQ(driver.health(), HighSideDriver::Health::failed_open);
}

TEST(WaterIngress, TheFloodedModuleFlashesTwiceLogsC4AndTheHatchStaysShut) {
  Wet w(2.0, 3.0, 0.2);
  const std::uint64_t press = kOnset + predicted_death(2.0, 3.0, 0.2) + 1 * kS;
  w.run_until(press);
  w.car().press_fob(1, FobButton::trunk);
  w.run_until(press + 2 * kS);
  const auto release = rises(w.sig("DOP_BOOT_RELEASE"), press);
  ASSERT_EQ(release.size(), 1u);
  EXPECT_EQ(rises(w.sig("indicator_lh.lit"), press).size(), 2u);
  // The tell: ~0 V at the BC1 pin AND at hatch lock pin 2 during the pulse.
  EXPECT_LT(max_in(w.sig("V(bc1.tailgate_out)"), release[0], release[0] + 600 * kMs), 1e-3);
  EXPECT_LT(max_in(w.sig("V(hatch_lock.pin2)"), release[0], release[0] + 600 * kMs), 1e-3);
  EXPECT_TRUE(rises(w.sig("hatch.open")).empty());
  const auto* e = w.vehicle->bc1.fault_memory().find(0xC4);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->active);
}

TEST(WaterIngress, WhileCorrodingTheHatchStillOpensEarlyOn) {
  Wet w(2.0, 3.0, 0.2);
  w.run_until(kOnset + 1 * kS);  // dose ~0.1: damage ~0.15 ohm, still works
  ASSERT_LT(w.water().corrosion(), 0.2);
  w.car().press_fob(1, FobButton::trunk);
  w.run_until(kOnset + 2 * kS);
  EXPECT_EQ(rises(w.sig("hatch.open")).size(), 1u);
  EXPECT_EQ(w.vehicle->bc1.fault_memory().find(0xC4), nullptr);
}


// Wet and dry cycles: water for 2 s every 5 s, drying with a 1 s time constant. Moisture is
// linear while water comes (from where the last dry spell left it) and exponential after; the
// corrosion dose grows only with moisture and never goes back.
struct Showers : Wet {
  Showers()
      : Wet({{"wetting_time", 1.0}, {"corrosion_time", 100.0}, {"salt", 0.5}, {"wet_for", 2.0},
             {"rain_every", 5.0}, {"drying_time", 1.0}}) {}
};

TEST(WaterIngress, WetsAndDriesInShowersAndTheCorrosionStays) {
  Showers w;
  w.run_until(kOnset + 550 * kMs);  // last step at 0.5 s: half-way to saturation
  EXPECT_NEAR(w.water().moisture(), 0.5, 1e-9);
  w.run_until(kOnset + 1950 * kMs);
  EXPECT_EQ(w.water().moisture(), 1.0);
  // The water stops at 2 s: after 1 s of drying, e^-1 of it is left.
  w.run_until(kOnset + 3050 * kMs);
  EXPECT_NEAR(w.water().moisture(), std::exp(-1.0), 1e-9);
  const double dose_wet = w.water().corrosion();
  // Dry by 4.9 s (e^-2.9 is still above the dry threshold, so the dose creeps on a little).
  w.run_until(kOnset + 4950 * kMs);
  EXPECT_NEAR(w.water().moisture(), std::exp(-2.9), 1e-9);
  EXPECT_GT(w.water().corrosion(), dose_wet);
  const double dose_dry = w.water().corrosion();
  // The next shower at 5 s starts from the leftover moisture, linear again.
  w.run_until(kOnset + 5550 * kMs);
  EXPECT_NEAR(w.water().moisture(), std::exp(-2.9) + 0.5, 1e-9);
  EXPECT_GT(w.water().corrosion(), dose_dry) << "corrosion only grows";
  // The recorded moisture follows the same law.
  EXPECT_NEAR(w.sig("water.tailgate_driver.moisture").value_at(kOnset + 3050 * kMs), std::exp(-1.0), 1e-6);
}

TEST(WaterIngress, SaltResidueKeepsADriedFilmLeaky) {
  Showers w;
  w.run_until(kOnset + 4950 * kMs);  // dried for 2.9 time constants after the first shower
  const double m = w.water().moisture();
  const double dry = WaterIngress::kDryLeakOhm / (1.0 + WaterIngress::kResidueFactor * 0.5);
  const double wet = WaterIngress::kWetLeakOhm / (1.0 + 4.0 * 0.5);
  EXPECT_NEAR(w.film(), std::pow(dry, 1.0 - m) * std::pow(wet, m), 1e-6 * w.film());
}

TEST(WaterIngress, TheIndicatorRegionKillsBothIndicatorDrivers) {
  FaultyCar car(default_spec("water_ingress", sc_core::sc_time::from_value(kOnset),
                             {{"wetting_time", 1.0}, {"corrosion_time", 1.0}, {"salt", 0.0}},
                             {{"region", "indicator_drivers"}}));
  car.run_until(kOnset + 5 * kS);
  EXPECT_EQ(car.vehicle->bc1.indicator_driver_lh().health(), HighSideDriver::Health::failed_open);
  EXPECT_EQ(car.vehicle->bc1.indicator_driver_rh().health(), HighSideDriver::Health::failed_open);
  EXPECT_EQ(car.vehicle->bc1.tailgate_driver().health(), HighSideDriver::Health::ok) << "another region";
  // And the car shows it: locking flashes nothing, both readback faults are logged.
  car.vehicle->press_fob(1, FobButton::unlock);
  car.run_for(1 * kS);
  car.vehicle->press_fob(1, FobButton::lock);
  car.run_for(2 * kS);
  EXPECT_TRUE(rises(car.sig("indicator_lh.lit"), kOnset + 5 * kS).empty());
  ASSERT_NE(car.vehicle->bc1.fault_memory().find(0xAA), nullptr);
  ASSERT_NE(car.vehicle->bc1.fault_memory().find(0xAC), nullptr);
  EXPECT_TRUE(car.vehicle->bc1.fault_memory().find(0xAA)->active);
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
