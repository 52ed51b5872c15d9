// The student's live car: instruments placed by point name hold MIN/MAX since placement, so the
// 200 ms tailgate release pulse is caught; the DS2 tester answers over the in-process line; a
// person sees the lights flash and hears the latch.
#include "training/live/live_car.h"

#include "training/exercise/draw.h"

#include <gtest/gtest.h>

#include <map>

namespace bcmhil::training {
namespace {

using sc_core::SC_MS;
using sc_core::SC_SEC;
using sc_core::sc_time;

scenario::Step trunk_button() {
  scenario::Step step;
  step.action = scenario::Action::press_fob;
  step.button = model::FobButton::trunk;
  return step;
}

// The highest the DVM on the BC1 tailgate pin showed over the second after the trunk button.
double max_on_tailgate_pin(const std::vector<faults::FaultSpec>& faults, Senses* senses = nullptr) {
  LiveCar car(CarSetup{}, faults);
  car.bring_in(sc_time(20, SC_SEC));
  const int slot = car.place("dvm", "X330.4", "ground");
  car.advance(sc_time(50, SC_MS));
  car.senses();  // what happened before the button is not counted below
  car.act(trunk_button());
  for (int i = 0; i < 30; ++i) car.advance(sc_time(50, SC_MS));  // as the session does, in small steps
  const auto displays = car.displays();
  EXPECT_EQ(displays.size(), 1u);
  EXPECT_EQ(displays.at(0).slot, slot);
  EXPECT_TRUE(displays.at(0).held);
  EXPECT_LT(displays.at(0).now.value, 0.5) << "the pulse is over; only the hold remembers it";
  if (senses) *senses = car.senses();
  return displays.at(0).max.value;
}

TEST(LiveCar, DvmMaxHoldCatchesTheReleasePulseOnAHealthyCar) {
  Senses heard;
  const double max = max_on_tailgate_pin({}, &heard);
  EXPECT_GT(max, 11.5);
  EXPECT_LT(max, 13.0);
  EXPECT_EQ(heard.latch_clunks, 1);
  EXPECT_GE(heard.flashes, 1);
  EXPECT_TRUE(heard.hatch_open);
}

TEST(LiveCar, DvmMaxHoldReadsNothingWithTheTailgateDriverOpen) {
  const auto open_driver = fault_spec("driver_failure", {{"mode", "open"}, {"output", "tailgate"}});
  Senses seen;
  EXPECT_LT(max_on_tailgate_pin({open_driver}, &seen), 0.5);
  EXPECT_EQ(seen.latch_clunks, 0);
  EXPECT_FALSE(seen.hatch_open);
}

TEST(LiveCar, TesterReadsTheFaultMemoryOverTheInProcessLine) {
  LiveCar car(CarSetup{}, {});
  car.bring_in(sc_time(20, SC_SEC));
  const auto before = car.now();
  const auto result = car.ds2("ident", {});
  EXPECT_EQ(result.exit_code, 0) << result.text;
  EXPECT_FALSE(result.text.empty());
  EXPECT_EQ(car.now(), before);  // the tester's exchange takes no simulated time
  EXPECT_EQ(car.ds2("nonsense", {}).exit_code, 2);
}

TEST(LiveCar, UnknownPointsAndSlotsAreRefusedByName) {
  LiveCar car(CarSetup{}, {});
  car.bring_in(sc_time(20, SC_SEC));
  EXPECT_THROW(car.place("dvm", "X999.1", "ground"), std::invalid_argument);
  EXPECT_THROW(car.place("scope", "X330.4", "ground"), std::invalid_argument);
  EXPECT_THROW(car.remove(7), std::invalid_argument);
  EXPECT_THROW(car.unplug("X999"), std::invalid_argument);
  // An ohmmeter across the unplugged hatch lock's winding: de-energised, a few ohms.
  car.unplug("hatch");
  car.place("ohmmeter", "hatch.2@lock", "hatch.1@lock");
  car.advance(sc_time(10, SC_MS));
  const auto d = car.displays().at(0);
  EXPECT_FALSE(d.energised);
  EXPECT_GT(d.now.value, 0.5);
  EXPECT_LT(d.now.value, 50.0);
}

}  // namespace
}  // namespace bcmhil::training

namespace bcmhil::training {
namespace {

// What a person watching saw after the trunk button: two flashes, the hatch open.
TEST(LiveCar, ObservationsCountTheTwoFlashesOfTheTrunkButton) {
  LiveCar car(CarSetup{}, {});
  car.bring_in(sc_core::sc_time(20, sc_core::SC_SEC));
  car.mark_observations();
  car.act(trunk_button());
  for (int i = 0; i < 60; ++i) car.advance(sc_core::sc_time(50, sc_core::SC_MS));
  std::map<std::string, Observed> seen;
  for (const auto& o : car.observed()) seen[o.signal] = o;
  EXPECT_EQ(seen.at("indicator_lh.lit").rises, 2);
  EXPECT_EQ(seen.at("indicator_rh.lit").rises, 2);
  EXPECT_EQ(seen.at("hatch.open").max, 1.0);
  EXPECT_EQ(seen.at("fuse.F9.blown").max, 0.0);
  car.mark_observations();
  EXPECT_EQ(car.observed().front().rises, 0);
}

}  // namespace
}  // namespace bcmhil::training
