#pragma once
// The alarm's two lines to the siren unit (the BBS, bc1_bits.csv: "BBS schärfen/entschärfen" and
// "BBS Version Alarm") and the four fault codes the module logs on them (bc1_forttexte.csv).
//
// - DOP_BBS_ARM_DISARM (pin X331.18, CHOSEN): the arm line. The alarm arms the siren unit when it
//   arms (bc1.alarm_armed rises: the car locked) and releases the line when it disarms (CHOSEN: no
//   source says more than the name; BC1RD's table calls the same line "Sirene schaerfen/entsch.
//   (StatDWA)", the alarm's status). A high-side driver on the logic feed, like the siren
//   trigger's. The line stays up for as long as the car is locked, so it does not hold the module
//   awake (it is not registered with keep_awake; the parked car sleeps armed).
// - DOP_SOUND_ALARM (pin X331.9): the siren trigger, commanded by the alarm (alarm.h) and driven
//   by the module's siren driver; only its readback is judged here.
//
// Both pins are read back through the usual 47 k divider (6 V) and judged by an OutputMonitor
// each (the project's reading of EIN / AUS FEHLER, CHOSEN: no source gives the BC1's rule):
//   0xBF "BBUS SCHÄRFEN ENTSCHÄRFEN EIN FEHLER"  arm line not commanded, its pin high (driver
//        shorted, line shorted to battery): the siren unit is armed on an open car
//   0xC0 "BBUS SCHÄRFEN ENTSCHÄRFEN AUS FEHLER"  arm line commanded, its pin low (driver open,
//        line shorted to ground)
//   0xC1 "BBUS AKUST. ALARM EIN FEHLER"          trigger not commanded, its pin high: the siren
//        sounds by itself (BC1RD's 0x06 "Sirene Kurzschluss gegen U-Batt" is the same reading)
//   0xC2 "BBUS AKUST. ALARM AUS FEHLER"          trigger commanded, its pin low: no siren
// A broken wire or a dead siren unit (an open load) is not seen: the driven pin still reads high
// (no current sensing on these outputs).
#include "body_function.h"
#include "high_side_driver.h"
#include "output_monitor.h"

#include "model/circuit/circuit.h"

#include <string>
#include <vector>

namespace bcmhil::model {

struct InputWiring;

struct AlarmOutputPins {
  electrical::NodeId bbs_arm_out;  // DOP_BBS_ARM_DISARM (X331.18)
};

AlarmOutputPins make_alarm_output_pins(electrical::Network& net, const std::string& base);

// The two readbacks ("siren_monitor", "bbs_arm_monitor"), not debounced.
std::vector<InputWiring> alarm_output_inputs(electrical::NodeId siren_pin, const AlarmOutputPins& pins);

class AlarmOutputs : public sc_core::sc_module, public BodyFunction {
 public:
  // The arm line's driver feeds from `logic_feed`, the siren trigger's own supply (chosen).
  AlarmOutputs(sc_core::sc_module_name name, Circuit& circuit, const std::string& base, FaultMemory& faults,
               AlarmOutputPins pins, electrical::NodeId logic_feed);

  sc_core::sc_in<bool> armed{"armed"};                    // bc1.alarm_armed
  sc_core::sc_in<bool> siren{"siren"};                    // DOP_SOUND_ALARM, as commanded
  sc_core::sc_in<bool> siren_readback{"siren_readback"};  // the siren pin above 6 V
  sc_core::sc_in<bool> bbs_readback{"bbs_readback"};      // the arm line's pin above 6 V
  sc_core::sc_in<bool> powered{"powered"};                // false: the module is in reset

  std::optional<bool> signal(std::string_view name) const override;
  ForcibleOutput* forcible_output(std::string_view name) override;

  const ForcibleOutput& bbs_arm() const { return bbs_arm_; }  // DOP_BBS_ARM_DISARM as commanded
  HighSideDriver& bbs_driver() { return bbs_driver_; }
  const AlarmOutputPins& pins() const { return pins_; }

 private:
  void follow_alarm();
  void drive();

  AlarmOutputPins pins_;
  ForcibleOutput bbs_arm_{"DOP_BBS_ARM_DISARM"};
  HighSideDriver bbs_driver_;
  OutputMonitor siren_monitor_;
  OutputMonitor bbs_monitor_;
};

}  // namespace bcmhil::model
