#pragma once
// The BC1 in its car, hatch path: battery and fuses, the module, the harness with its hinge
// loom, the tailgate lock, the lid handle button, the indicator lamps, the fobs and their
// receiver. This is what a scenario drives and what probes measure.
#include "alarm_siren.h"
#include "battery_monitor.h"
#include "climate_loads.h"
#include "door_locks.h"
#include "exterior_lamps.h"
#include "body_opening.h"
#include "connectors.h"
#include "contact_switch.h"
#include "harness.h"
#include "hatch_lock.h"
#include "heater_relay.h"
#include "key_fob.h"
#include "lamp.h"
#include "power_supply.h"
#include "wiper_system.h"
#include "power_window_doors.h"
#include "model/bc1/bc1_module.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::model {

struct VehicleConfig {
  Bc1Coding coding;
  DigitalIoConfig io;
  double battery_volts = 12.6;
  bool ignition_on = false;
  bool locked = true;  // parked and locked, as the owner would find it
};

class Vehicle : public sc_core::sc_module {
 public:
  Vehicle(sc_core::sc_module_name name, trace::Recorder& recorder, VehicleConfig config);

  // What a person does to the car (called from simulation processes).
  void press_fob(int key_slot, FobButton button);  // key_slot 1..4
  void press_lid_handle(sc_core::sc_time duration);
  void close_hatch() { hatch_lock.close_hatch(); }
  void open(BodyOpening what) { contact(what).set_actuated(true); }   // a door or the bonnet
  void close(BodyOpening what) { contact(what).set_actuated(false); }
  void press_hazard(sc_core::sc_time duration);  // the hazard push-button, held for `duration`
  void set_tilted(bool tilted) { tilt_switch.set_actuated(tilted); }  // someone jacks the car up
  ContactSwitch& contact(BodyOpening what);
  void set_battery_volts(double volts) { power.set_battery_volts(volts); }
  void set_ignition(bool on) { power.set_ignition(on); }
  // A dashboard push-button held for `duration`: one of switch_names(); throws
  // std::invalid_argument for another name.
  void press_switch(const std::string& name, sc_core::sc_time duration);
  static const std::vector<std::string>& switch_names();
  // A control that stays where it is put (the light switch, a stalk, the levelling knob): one of
  // ExteriorLamps::controls(); throws std::invalid_argument for an unknown control or position.
  void set_control(const std::string& control, const std::string& position);
  // Central locking: a key turned in a door's lock cylinder, the master button in the console.
  void turn_key(DoorLocks::Door door, bool lock, sc_core::sc_time duration) {
    door_locks.turn_key(door, lock, duration);
  }
  void press_lock_button(bool lock, sc_core::sc_time duration) { door_locks.press_lock_button(lock, duration); }
  // A test rod (or a hand) held in a window's opening, `gap_mm` below the frame, for `duration`.
  void obstruct_window(PowerWindows::Door door, double gap_mm, sc_core::sc_time duration) {
    windows.obstruct(door, gap_mm, duration);
  }

  // The workshop's hands. Connectors: "X330".."X333" (the BC1), "hatch" (the tailgate lock),
  // "door_lock.driver", "door_lock.passenger", "door_lock.fuel_flap", "door_lock.deadlock"
  // (model/car/connectors.h). Fuses by name ("F9", "fuse.F9") or feed ("30CDL"). Each throws
  // std::invalid_argument naming what it does not know and what there is.
  void unplug(const std::string& connector) { connectors.unplug(connector); }
  void plug(const std::string& connector) { connectors.plug(connector); }
  void pull_fuse(const std::string& name);
  void refit_fuse(const std::string& name);
  Fuse& fuse(const std::string& name);
  // A wiggle test: someone flexes the hinge loom by hand. A wire broken inside its insulation
  // (faults/hinge_wire_intermittent) settles its ends anew; whole wires and clean breaks do not
  // care. Throws std::invalid_argument for a loom other than "hinge".
  void flex_loom(const std::string& loom);
  const sc_core::sc_event& hinge_loom_flexed() const { return hinge_flexed_; }

  KeyFob& fob(int key_slot);  // throws std::out_of_range
  const VehicleConfig& config() const { return config_; }

 private:
  VehicleConfig config_;  // first: the module keeps a reference to its coding

 public:
  // Declared in construction order: the circuit first, everything else adds to it.
  Circuit circuit;
  PowerSupply power;
  Bc1Module bc1;
  Harness harness;
  HatchLock hatch_lock;
  DoorLocks door_locks;
  Lamp indicator_lh;
  Lamp indicator_rh;
  // Body contacts to ground, read by the BC1 (closed = door open, button pressed, car tilted).
  ContactSwitch driver_door;
  ContactSwitch passenger_door;
  ContactSwitch bonnet;
  ContactSwitch hazard_switch;
  ContactSwitch tilt_switch;
  Lamp interior_lamp;
  RfReceiver receiver;
  BatteryMonitor battery_monitor;  // battery.current, battery.drawn_mAh
  HeaterRelay heated_rear_window;  // relay + element on its own fused feed
  HeaterRelay heated_front_screen;
  ContactSwitch heated_rear_window_button;  // dashboard push-buttons to ground
  ContactSwitch heated_front_screen_button;
  WiperSystem wipers;  // stalk, relays, wiper motors, washer pumps (model/car/wiper_system.h)
  ExteriorLamps exterior_lamps;  // lamps, lamp relays, light switch, fog buttons, brake pedal, stalks
  ClimateLoads climate;  // A/C, recirculation flap, blower, evaporator, inertia sensor, terminal R
  PowerWindowDoors windows;  // both window motors, the console rockers, fuses 30DW / 30PW
  AlarmSiren siren;  // the siren unit (BBS): its trigger and arm lines from the BC1
  // Last: its specs name the nodes above; it changes nothing until the workshop uses it.
  Connectors connectors;

 private:
  void release_handle();
  void wire_harness();

  std::array<KeyFob, 4> fobs_;
  electrical::NodeId handle_switch_node_;
  electrical::BranchId handle_switch_;
  sc_core::sc_event handle_release_;
  sc_core::sc_event hinge_flexed_;
};

}  // namespace bcmhil::model
