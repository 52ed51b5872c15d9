// IndicatorArbiter: hazard and alarm win over the acknowledge flashes, which win over the indicator
// stalk; the shared cadence, and the readback faults judged for every flash.
#include "model/bc1/indicator_arbiter.h"

#include "body_bench.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;
using bcmhil::model::FaultMemory;
namespace fault_code = bcmhil::model::fault_code;

struct ArbiterBench : BodyBench {
  ArbiterBench() : arbiter("arbiter", coding, faults) {
    arbiter.ack_lh.bind(wire("ack_lh"));
    arbiter.ack_rh.bind(wire("ack_rh"));
    arbiter.hazard.bind(wire("hazard"));
    arbiter.alarm.bind(wire("alarm"));
    arbiter.turn_lh.bind(wire("turn_lh"));
    arbiter.turn_rh.bind(wire("turn_rh"));
    arbiter.lh_monitor.bind(wire("mon_lh"));
    arbiter.rh_monitor.bind(wire("mon_rh"));
    arbiter.lh.bind(wire("lh"));
    arbiter.rh.bind(wire("rh"));
    elaborate();
  }
  bcmhil::model::Bc1Coding coding;
  FaultMemory faults;
  bcmhil::model::IndicatorArbiter arbiter;
};

TEST(IndicatorArbiter, AcknowledgePassesThroughWhenNothingElseFlashes) {
  ArbiterBench b;
  b.run_until(1 * kS);
  b.set("ack_lh", true);
  b.set("mon_lh", true);
  b.run_until(1 * kS + 320 * kMs);
  b.set("ack_lh", false);
  EXPECT_EQ(rises(b.sig("lh")), std::vector<std::uint64_t>{1 * kS});
  EXPECT_EQ(falls(b.sig("lh")), std::vector<std::uint64_t>{1 * kS + 320 * kMs});
  EXPECT_TRUE(rises(b.sig("rh")).empty());
  EXPECT_EQ(b.faults.find(fault_code::kLeftIndicatorOff), nullptr) << "the pin came up: nothing logged";
}

TEST(IndicatorArbiter, HazardFlashesBothSidesAtTheCadenceAndSwallowsTheAcknowledge) {
  ArbiterBench b;
  b.set("mon_lh", true);
  b.set("mon_rh", true);
  b.run_until(1 * kS);
  b.set("hazard", true);
  b.run_until(1 * kS + 100 * kMs);
  b.set("ack_lh", true);  // a lock acknowledge during the hazard lights: lost in them
  b.set("ack_rh", true);
  b.run_until(1 * kS + 420 * kMs);
  b.set("ack_lh", false);
  b.set("ack_rh", false);
  b.run_until(3 * kS);
  b.set("hazard", false);
  b.run_until(4 * kS);
  // 320 ms on / 320 ms off from 1 s: on at 1.00, 1.64, 2.28, 2.92 s; off at 1.32, 1.96, 2.60, 3.00 s.
  const std::vector<std::uint64_t> on{1 * kS, 1640 * kMs, 2280 * kMs, 2920 * kMs};
  const std::vector<std::uint64_t> off{1320 * kMs, 1960 * kMs, 2600 * kMs, 3 * kS};
  for (const char* side : {"lh", "rh"}) {
    EXPECT_EQ(rises(b.sig(side)), on) << side;
    EXPECT_EQ(falls(b.sig(side)), off) << side;
  }
  EXPECT_FALSE(b.arbiter.flashing());
}

TEST(IndicatorArbiter, AlarmJoiningTheHazardKeepsTheCadence) {
  ArbiterBench b;
  b.set("mon_lh", true);
  b.set("mon_rh", true);
  b.run_until(1 * kS);
  b.set("hazard", true);
  b.run_until(1500 * kMs);
  b.set("alarm", true);
  b.run_until(1700 * kMs);
  b.set("hazard", false);  // the alarm still wants flashing
  b.run_until(2400 * kMs);
  b.set("alarm", false);
  EXPECT_EQ(rises(b.sig("lh")), (std::vector<std::uint64_t>{1 * kS, 1640 * kMs, 2280 * kMs}));
  EXPECT_EQ(falls(b.sig("lh")), (std::vector<std::uint64_t>{1320 * kMs, 1960 * kMs, 2400 * kMs}));
}

TEST(IndicatorArbiter, APinThatDoesNotComeUpLogsItsSideActive) {
  ArbiterBench b;
  b.set("mon_rh", true);  // the left pin never comes up (an open driver)
  b.run_until(1 * kS);
  b.set("hazard", true);
  b.run_until(2 * kS);
  const auto* left = b.faults.find(fault_code::kLeftIndicatorOff);
  ASSERT_NE(left, nullptr);
  EXPECT_TRUE(left->active);
  EXPECT_EQ(left->first_seen_ps, 1 * kS + 50 * kMs);  // judged after the 50 ms settling time
  EXPECT_EQ(b.faults.find(fault_code::kRightIndicatorOff), nullptr);
}

TEST(IndicatorArbiter, TheStalkFlashesItsSideOnlyAtTheCadence) {
  ArbiterBench b;
  b.set("mon_lh", true);
  b.run_until(1 * kS);
  b.set("turn_lh", true);
  b.run_until(3 * kS);
  b.set("turn_lh", false);
  b.run_until(4 * kS);
  EXPECT_EQ(rises(b.sig("lh")), (std::vector<std::uint64_t>{1 * kS, 1640 * kMs, 2280 * kMs, 2920 * kMs}));
  EXPECT_EQ(falls(b.sig("lh")), (std::vector<std::uint64_t>{1320 * kMs, 1960 * kMs, 2600 * kMs, 3 * kS}));
  EXPECT_TRUE(rises(b.sig("rh")).empty()) << "the other side stays dark";
  EXPECT_FALSE(b.arbiter.flashing());
  EXPECT_EQ(b.faults.find(fault_code::kLeftIndicatorOff), nullptr);
}

TEST(IndicatorArbiter, HazardWinsOverTheStalkWhichKeepsThePhase) {
  ArbiterBench b;
  b.set("mon_lh", true);
  b.set("mon_rh", true);
  b.run_until(1 * kS);
  b.set("turn_lh", true);
  b.run_until(1100 * kMs);
  b.set("hazard", true);  // both sides join the running flash
  b.run_until(2 * kS);
  b.set("hazard", false);  // back to the left side alone, same rhythm
  b.run_until(2500 * kMs);
  b.set("turn_lh", false);
  EXPECT_EQ(rises(b.sig("rh")), (std::vector<std::uint64_t>{1100 * kMs, 1640 * kMs}));
  EXPECT_EQ(falls(b.sig("rh")), (std::vector<std::uint64_t>{1320 * kMs, 1960 * kMs}));
  EXPECT_EQ(rises(b.sig("lh")), (std::vector<std::uint64_t>{1 * kS, 1640 * kMs, 2280 * kMs}));
  EXPECT_EQ(falls(b.sig("lh")), (std::vector<std::uint64_t>{1320 * kMs, 1960 * kMs, 2500 * kMs}));
}

TEST(IndicatorArbiter, AnAcknowledgeWinsOverTheStalkUntilAFlashOffAfterIt) {
  ArbiterBench b;
  b.set("mon_lh", true);
  b.set("mon_rh", true);
  b.run_until(1 * kS);
  b.set("turn_lh", true);
  b.run_until(1400 * kMs);  // in the stalk's off phase: the fob's one flash, both sides
  b.set("ack_lh", true);
  b.set("ack_rh", true);
  b.run_until(1720 * kMs);
  b.set("ack_lh", false);
  b.set("ack_rh", false);
  b.run_until(2500 * kMs);
  b.set("turn_lh", false);
  // The stalk's on phase 1.64-1.96 s is the acknowledge's; the next, 2.28 s, is the stalk's again.
  EXPECT_EQ(rises(b.sig("lh")), (std::vector<std::uint64_t>{1 * kS, 1400 * kMs, 2280 * kMs}));
  EXPECT_EQ(falls(b.sig("lh")), (std::vector<std::uint64_t>{1320 * kMs, 1720 * kMs, 2500 * kMs}));
  EXPECT_EQ(rises(b.sig("rh")), std::vector<std::uint64_t>{1400 * kMs});
  EXPECT_EQ(falls(b.sig("rh")), std::vector<std::uint64_t>{1720 * kMs});
}

}  // namespace
