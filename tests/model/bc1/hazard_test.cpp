// Hazard: each debounced press of the hazard button toggles the hazard lights; a module in
// brown-out forgets them.
#include "model/bc1/hazard.h"

#include "body_bench.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;

struct HazardBench : BodyBench {
  HazardBench() : hazard("hazard") {
    hazard.hazard_sw.bind(wire("sw"));
    hazard.powered.bind(wire("powered"));
    hazard.on.bind(wire("on"));
    elaborate();
    set("powered", true);
  }
  void press() {
    set("sw", true);
    run_until(now() + 100 * kMs);
    set("sw", false);
    run_until(now() + 100 * kMs);
  }
  bcmhil::model::Hazard hazard;
};

TEST(Hazard, EachPressTogglesTheLights) {
  HazardBench b;
  b.run_until(1 * kS);
  b.press();
  EXPECT_TRUE(b.wire("on").read());
  EXPECT_EQ(rises(b.sig("on")), std::vector<std::uint64_t>{1 * kS});
  b.run_until(2 * kS);
  b.press();
  EXPECT_FALSE(b.wire("on").read());
  EXPECT_EQ(falls(b.sig("on")), std::vector<std::uint64_t>{2 * kS});
}

TEST(Hazard, LettingGoOfTheButtonChangesNothing) {
  HazardBench b;
  b.run_until(1 * kS);
  b.set("sw", true);
  b.run_until(6 * kS);  // held for 5 s
  b.set("sw", false);
  EXPECT_TRUE(b.wire("on").read());
  EXPECT_EQ(rises(b.sig("on")).size(), 1u);
}

TEST(Hazard, BrownOutSwitchesThemOffAndPressesAreIgnored) {
  HazardBench b;
  b.press();
  ASSERT_TRUE(b.wire("on").read());
  b.set("powered", false);
  EXPECT_FALSE(b.wire("on").read());
  b.press();
  EXPECT_FALSE(b.wire("on").read());
}

}  // namespace
