// input_leak_intermittent: moisture bridging a switch input now and then. On a locked car
// nothing visible happens, but every bridge wakes the module, so it never sleeps and the
// battery keeps paying the awake current.
#include "model/faults/input_leak_intermittent.h"

#include "model/faults/connector_inputs.h"

#include "tests/model/faults/fault_test_support.h"

#include <gtest/gtest.h>

namespace {

using namespace bcmhil::testing;

TEST(InputLeakIntermittent, EveryBridgeIsAPressTheModuleSeesButALockedCarIgnores) {
  FaultyCar f(default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME));
  f.run_until(100 * kS);
  auto* fault = dynamic_cast<bcmhil::faults::InputLeakIntermittent*>(f.fault.get());
  ASSERT_NE(fault, nullptr);
  EXPECT_GE(fault->bridges(), 3u) << "mean dry spell 15 s over 100 s";
  EXPECT_GE(rises(f.sig("bc1.comparator.DIP_BOOT_HANDLE_SW")).size(), fault->bridges() - 1);
  EXPECT_LT(min_in(f.sig("V(bc1.boot_handle_in)"), 0, 100 * kS), 1.5) << "1 k in parallel with the 10 k pull-down";
  EXPECT_TRUE(rises(f.sig("DOP_BOOT_RELEASE")).empty());
}

TEST(InputLeakIntermittent, TheModuleNeverSleepsAndTheBatteryPaysTheAwakeCurrent) {
  FaultyCar leaky(default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME));
  leaky.run_until(100 * kS);
  leaky.car().battery_monitor.record_now();
  EXPECT_TRUE(falls(leaky.sig("bc1.awake")).empty());
  const double leaky_mah = leaky.car().battery_monitor.drawn_mah();
  const double leaky_ma = 1000.0 * min_in(leaky.sig("battery.current"), 70 * kS, 100 * kS);

  CarUnderTest healthy;
  healthy.elaborate();
  healthy.run_until(100 * kS);
  EXPECT_EQ(falls(healthy.sig("bc1.awake")).size(), 1u);
  const double healthy_mah = healthy.car().battery_monitor.drawn_mah();
  const double healthy_ma = 1000.0 * max_in(healthy.sig("battery.current"), 70 * kS, 100 * kS);

  EXPECT_GT(leaky_ma, 60.0);
  EXPECT_LT(healthy_ma, 22.0);
  // 100 s awake is ~1.9 mAh; the healthy car pays that for 60 s only, then ~21 mA (2 mA logic
  // and the input dividers of the whole module, model/bc1/README.md "Sleep and wake").
  EXPECT_GT(leaky_mah, 1.7);
  EXPECT_LT(healthy_mah, 1.66);
}

TEST(InputLeakIntermittent, TheSameSeedGivesTheSameSpells) {
  std::vector<std::uint64_t> first;
  {
    FaultyCar f(default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME, {{"seed", 7}}));
    f.run_until(60 * kS);
    first = rises(f.sig("bc1.comparator.DIP_BOOT_HANDLE_SW"));
  }
  FaultyCar g(default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME, {{"seed", 7}}));
  g.run_until(60 * kS);
  EXPECT_EQ(rises(g.sig("bc1.comparator.DIP_BOOT_HANDLE_SW")), first);
  EXPECT_FALSE(first.empty());
}

}  // namespace

TEST(InputLeakIntermittent, AcceptsEveryInputOfTheConnectorMap) {
  const auto* type = bcmhil::faults::find_fault_type("input_leak_intermittent");
  const auto& input = type->params.front();
  ASSERT_EQ(input.name, "input");
  EXPECT_EQ(input.choices, bcmhil::faults::connector_inputs());
  for (const char* name : {"DIP_BOOT_HANDLE_SW", "DIP_HT_FT_SCR_SW", "DIP_MASTER_UNLK_SW", "DIP_ALARM_TILT_SW"})
    EXPECT_NE(std::find(input.choices.begin(), input.choices.end(), name), input.choices.end()) << name;
  // The master unlock button, bridged: the module sees the press.
  FaultyCar f(default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME, {{"dry_time", 1.0}},
                           {{"input", "DIP_MASTER_UNLK_SW"}}));
  f.run_until(20 * kS);
  EXPECT_FALSE(rises(f.sig("DIP_MASTER_UNLK_SW")).empty());
}

TEST(InputLeakIntermittent, AnUnknownInputIsNamedInTheError) {
  fresh_systemc_kernel();
  bcmhil::trace::Recorder recorder;
  bcmhil::model::Vehicle car("car", recorder, {});
  auto spec = default_spec("input_leak_intermittent", sc_core::SC_ZERO_TIME, {}, {{"input", "DIP_NO_SUCH_SW"}});
  try {
    bcmhil::faults::find_fault_type("input_leak_intermittent")->create(spec, car);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("DIP_NO_SUCH_SW"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("DIP_BOOT_HANDLE_SW"), std::string::npos) << "lists the inputs";
  }
}
