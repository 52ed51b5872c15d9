// InteriorLight: on with a door open, the delay after the last door closes, off at once on lock,
// the battery saver with a door left open. Times from the coding, checked to the microsecond.
#include "model/bc1/interior_light.h"

#include "body_bench.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;

struct LightBench : BodyBench {
  explicit LightBench(bcmhil::model::BodyCoding c = {}) : coding(c), light("interior_light", coding) {
    light.driver_door.bind(wire("drv"));
    light.passenger_door.bind(wire("pass"));
    light.locked.bind(wire("locked"));
    light.powered.bind(wire("powered"));
    light.light.bind(wire("light"));
    elaborate();
    set("powered", true);
  }
  bcmhil::model::BodyCoding coding;
  bcmhil::model::InteriorLight light;
};

TEST(InteriorLight, DefaultTimingsAreTheDocumentedEstimates) {
  const bcmhil::model::BodyCoding c;
  EXPECT_EQ(c.interior_light_delay, sc_core::sc_time(20, sc_core::SC_SEC));
  EXPECT_EQ(c.interior_light_cutoff, sc_core::sc_time(15 * 60, sc_core::SC_SEC));
}

TEST(InteriorLight, OnWithADoorOpenThenTheDelayAfterTheLastDoorCloses) {
  LightBench b;
  b.run_until(1 * kS);
  b.set("drv", true);
  b.run_until(2 * kS);
  b.set("pass", true);
  b.run_until(3 * kS);
  b.set("drv", false);  // one door still open: stays on
  b.run_until(5 * kS);
  b.set("pass", false);
  b.run_until(40 * kS);
  EXPECT_EQ(rises(b.sig("light")), std::vector<std::uint64_t>{1 * kS});
  EXPECT_EQ(falls(b.sig("light")), std::vector<std::uint64_t>{25 * kS});  // 5 s + 20 s delay
}

TEST(InteriorLight, LockingSwitchesItOffAtOnce) {
  LightBench b;
  b.run_until(1 * kS);
  b.set("drv", true);
  b.run_until(2 * kS);
  b.set("drv", false);
  b.run_until(4 * kS);
  b.set("locked", true);
  b.run_until(30 * kS);
  EXPECT_EQ(falls(b.sig("light")), std::vector<std::uint64_t>{4 * kS});
}

TEST(InteriorLight, ADoorLeftOpenIsCutOffToSaveTheBatteryAndANewOpeningLightsItAgain) {
  bcmhil::model::BodyCoding c;
  c.interior_light_cutoff = sc_core::sc_time(60, sc_core::SC_SEC);
  LightBench b(c);
  b.run_until(1 * kS);
  b.set("drv", true);
  b.run_until(100 * kS);
  EXPECT_EQ(falls(b.sig("light")), std::vector<std::uint64_t>{61 * kS});
  EXPECT_TRUE(b.light.cut_off());
  // The other door opening is a new opening: on again, for a new cutoff period.
  b.set("pass", true);
  b.run_until(110 * kS);
  EXPECT_EQ(rises(b.sig("light")), (std::vector<std::uint64_t>{1 * kS, 100 * kS}));
  EXPECT_FALSE(b.light.cut_off());
  // Closing both after the cutoff of the second: no delay, it was already off.
  b.run_until(170 * kS);
  b.set("pass", false);
  b.set("drv", false);
  b.run_until(200 * kS);
  EXPECT_EQ(falls(b.sig("light")), (std::vector<std::uint64_t>{61 * kS, 160 * kS}));
}

}  // namespace
