// The module's KL15 input (X330.6): a divider to the module's ground (Bc1Module::kKl15LoadOhm), so
// a leakage film from a neighbouring 12 V pin (X330.7, the 30B indicator feed) cannot read the
// ignition on by itself, while a low-ohm bridge still does. What a person sees is dipped beam:
// the light switch on dipped lights it only with the ignition on (KL15 above 6 V).
#include "model/bc1/bc1_module.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
namespace electrical = bcmhil::electrical;

// A parked car (ignition off), awake, dipped beam selected; the KL R wire, which shares the KL15
// line in the car (model/car/climate_loads.cpp), can be unplugged to leave the module's own input.
struct FilmOnKl15 : CarUnderTest {
  explicit FilmOnKl15(bool kl_r_wire) {
    elaborate();
    auto& net = car().circuit.network();
    if (!kl_r_wire) net.set_resistance(net.branch("harness.kl_r"), electrical::kOpen);
    film = net.borrow_branch(net.node("bc1.kl30_light"), net.node("bc1.kl15"));
    car().set_control("light_switch", "dipped");
    run_until(500 * kMs);
  }
  void set_film(double ohm) {
    car().circuit.network().set_resistance(film, ohm);
    car().circuit.request_solve();
    run_for(300 * kMs);
  }
  bool ignition_read_on() { return car().exterior_lamps.dipped_beam.lit(); }
  electrical::BranchId film;
};

TEST(Kl15Input, AHighOhmFilmFromTheIndicatorFeedDoesNotReadTheIgnitionOn) {
  FilmOnKl15 t(false);
  ASSERT_FALSE(t.ignition_read_on());
  t.set_film(100e3);
  EXPECT_LT(t.volts("bc1.kl15"), 2.0) << "12 V over 100 k against the 10 k input load";
  EXPECT_FALSE(t.ignition_read_on());
  t.set_film(300.0);
  EXPECT_GT(t.volts("bc1.kl15"), 11.0);
  EXPECT_TRUE(t.ignition_read_on()) << "a few hundred ohms is as good as the ignition switch";
}

TEST(Kl15Input, InTheCarAFullyWetFreshWaterFilmStaysBelowTheThreshold) {
  FilmOnKl15 t(true);
  t.set_film(10e3);  // the water model's wet film in fresh water (scenarios/README.md water_ingress)
  EXPECT_LT(t.volts("bc1.kl15"), 6.0) << "the module's 10 k and the KL R input's 47 k in parallel";
  EXPECT_FALSE(t.ignition_read_on());
}

TEST(Kl15Input, TheIgnitionSwitchStillReadsOn) {
  FilmOnKl15 t(true);
  t.car().set_ignition(true);
  t.run_for(300 * kMs);
  EXPECT_GT(t.volts("bc1.kl15"), 11.5);
  EXPECT_TRUE(t.ignition_read_on());
}

}  // namespace
