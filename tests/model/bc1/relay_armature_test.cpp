// RelayArmature on its own: hysteresis between drop-out and pick-up, the operate and release
// times, a coil that changes its mind before the armature arrives, and a forced (welded) position.
#include "model/bc1/relay_armature.h"

#include "systemc_kernel.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using bcmhil::model::RelayArmature;
using sc_core::sc_time;
using sc_core::SC_MS;

struct Bench {
  Bench() {
    bcmhil::testing::fresh_systemc_kernel();
    armature = std::make_unique<RelayArmature>(
        "armature", bcmhil::model::ArmatureSpec{7.2, 1.2, sc_time(3, SC_MS), sc_time(2, SC_MS)},
        [this](bool operated) { moves.push_back({sc_core::sc_time_stamp(), operated}); });
    // No sc_start(SC_ZERO_TIME) here: the armature has no process that runs at initialisation, so
    // that call is a start without activity, which SystemC warns about (a test failure) except
    // for the first such call of the whole process (a static inside sc_start, never reset by a
    // fresh kernel). The first run() elaborates and initialises instead.
  }
  void run(double ms) { sc_core::sc_start(sc_time(ms, SC_MS)); }
  std::unique_ptr<RelayArmature> armature;
  std::vector<std::pair<sc_time, bool>> moves;
};

TEST(RelayArmature, PullsInAfterTheOperateTimeAndLetsGoAfterTheReleaseTime) {
  Bench b;
  b.armature->feel(12.0);
  b.run(2.9);
  EXPECT_FALSE(b.armature->operated());
  b.run(0.2);
  EXPECT_TRUE(b.armature->operated());
  b.armature->feel(0.0);
  b.run(5.0);
  ASSERT_EQ(b.moves.size(), 2u);
  EXPECT_EQ(b.moves[0], std::make_pair(sc_time(3, SC_MS), true));
  EXPECT_EQ(b.moves[1], std::make_pair(sc_time(3.1 + 2, SC_MS), false));
  EXPECT_FALSE(b.armature->position().read());
}

TEST(RelayArmature, BetweenDropOutAndPickUpItStaysWhereItIs) {
  Bench b;
  b.armature->feel(7.1);  // just under pick-up: no move
  b.run(10);
  EXPECT_FALSE(b.armature->operated());
  b.armature->feel(7.2);
  b.run(5);
  EXPECT_TRUE(b.armature->operated());
  b.armature->feel(1.3);  // just over drop-out: held
  b.run(10);
  EXPECT_TRUE(b.armature->operated());
  EXPECT_EQ(b.moves.size(), 1u);
}

TEST(RelayArmature, ACoilThatChangesItsMindBeforeArrivalLeavesItWhereItWas) {
  Bench b;
  b.armature->feel(12.0);
  b.run(1);
  b.armature->feel(0.0);
  b.run(10);
  EXPECT_FALSE(b.armature->operated());
  EXPECT_TRUE(b.moves.empty());
}

TEST(RelayArmature, AForcedPositionIsThereAtOnceAndCancelsAMove) {
  Bench b;
  b.armature->feel(12.0);
  b.run(1);
  b.armature->force(false);
  b.run(10);
  EXPECT_FALSE(b.armature->operated());
  ASSERT_EQ(b.moves.size(), 1u);
  EXPECT_EQ(b.moves[0], std::make_pair(sc_time(1, SC_MS), false));
}

}  // namespace
