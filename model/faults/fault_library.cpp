// The fault library: every fault a scenario may declare. scenarios/README.md documents them.
#include "actuator_failure.h"
#include "bad_ground.h"
#include "blown_fuse.h"
#include "climate_relay_welded.h"
#include "flap_actuator_failure.h"
#include "driver_failure.h"
#include "fault.h"
#include "hinge_wire_intermittent.h"
#include "hinge_wire_open.h"
#include "input_leak_intermittent.h"
#include "input_pullup_corroded.h"
#include "kline_wetted.h"
#include "lamp_relay_failed.h"
#include "pin_bridge.h"
#include "switch_failed.h"
#include "relay_faults.h"
#include "supply_brownout.h"
#include "water_ingress.h"
#include "wiper_blocked.h"
#include "wiper_park_contact.h"

namespace bcmhil::faults {

namespace {
template <typename F>
auto factory() {
  return [](const FaultSpec& spec, model::Vehicle& vehicle) -> std::unique_ptr<Fault> {
    // Unique within this kernel (so two faults of one type coexist) and the same in every run of a
    // scenario, so traces of two runs compare name by name.
    const std::string base = "fault_" + spec.type;
    return std::make_unique<F>(sc_core::sc_gen_unique_name(base.c_str()), spec, vehicle);
  };
}
}  // namespace

const std::vector<FaultType>& fault_library() {
  static const std::vector<FaultType> library = {
      {"water_ingress",
       "water on a BC1 board region (tailgate or indicator drivers), wetting and drying, corroding the drivers "
       "until their outputs are dead",
       "tailgate region: fob trunk button: lights blink, hatch stays shut, 0xC4; indicator region: no turn "
       "signals, 0xAA and 0xAC; a board that dried out in time works again until the next rain",
       "0 V at the BC1 output pin AND at the load during the pulse, with battery voltage on the BC1's feed pin",
       water_ingress_params(), factory<WaterIngress>()},
      {"hinge_wire_open", "a wire broken in the hinge loom between body and tailgate",
       "same as a flooded module for the feed wire: lights blink, hatch stays shut",
       "battery voltage at the BC1 tailgate pin during the pulse, 0 V at hatch lock pin 2",
       hinge_wire_open_params(), factory<HingeWireOpen>()},
      {"hinge_wire_intermittent", "a hinge-loom wire broken inside its insulation: the ends touch or part with the "
       "lid's angle and settle differently each time it is shut",
       "the hatch releases some days and not others; with the lid propped open for testing everything measures "
       "fine (no fault found)",
       "flex the hinge loom (or hold the lid through its travel) while watching the wire's continuity or the "
       "voltage at hatch lock pin 2: it drops out at one angle",
       hinge_wire_intermittent_params(), factory<HingeWireIntermittent>()},
      {"blown_fuse", "a blown fuse on one of the BC1's KL30 feeds",
       "F9: hatch and central locking dead, lights still blink",
       "0 V at the BC1's feed pin V(bc1.kl30_cdl) as well as at its tailgate pin",
       blown_fuse_params(), factory<BlownFuse>()},
      {"actuator_failure", "the tailgate lock actuator is seized, its winding burnt open or shorted",
       "lights blink, hatch stays shut, sometimes a hum (seized); shorted: the BC1's smart switch overheats",
       "seized/burnt: battery voltage arrives at hatch lock pin 2, the motor draws its ~9 A stall current from the "
       "first instant (seized) or none (burnt); shorted: ~28 A until the driver's thermal shutdown chops it into "
       "bursts, and the winding measures ~0.2 ohm across pins 1-2 instead of ~1.2 ohm",
       actuator_failure_params(), factory<ActuatorFailure>()},
      {"wiper_blocked", "a wiper cannot move: blades frozen to the screen, snow, a seized linkage",
       "the wiper does not move when switched on; the motor hums or is silent, after 3 s the module stops "
       "trying; 0x95 (front) / 0x96 (rear)",
       "a clamp meter on the wiper fuse reads the motor's stall current (front ~16 A, rear ~6.5 A) while it is "
       "switched on, with battery voltage on its brush: the relay and the wiring deliver, the motor does not turn",
       wiper_blocked_params(), factory<WiperBlocked>()},
      {"wiper_park_contact_failed", "the park cam's contact in a wiper motor stuck on ground or on its feed",
       "running: the wiper does not stop when switched off; parked: it stops mid-screen where it is switched off; "
       "front: 0x94 after 3 s of wiping",
       "the motor's park wire (V(front_wiper.park)) stays at battery voltage (running) or 0 V (parked) while the "
       "blades pass the park position; the DIP_FT_WIPER_PARK bit never changes while the wiper visibly moves",
       wiper_park_contact_failed_params(), factory<WiperParkContactFailed>()},
      {"kline_wetted", "water bridging the BC1's diagnostic K-line pin to ground",
       "no tester can reach the module; the car itself may still work",
       "K-line pin reads near 0 V (0 ohm to ground with the battery off) instead of battery voltage",
       kline_wetted_params(), factory<KlineWetted>()},
      {"pin_bridge", "a dendrite or corrosion crust bridging two neighbouring BC1 connector pins",
       "depends on the pins: tailgate output to ground: hatch dead, lights blink, 0xC4; feed to ground: a "
       "fuse blows; K-line to an output: no diagnosis",
       "ohms between the two pins with the module unplugged and the battery off; live: the pin sits at a "
       "voltage between its own and its neighbour's (a partial, not a dead, reading)",
       pin_bridge_params(), factory<PinBridge>()},
      {"driver_failure", "one of the BC1's high-side drivers failed open or shorted",
       "shorted tailgate: the hatch releases by itself and the lock motor stays powered (it burns); open "
       "indicator: that side does not flash, 0xAA (left) / 0xAC (right) logged; open siren: an armed car broken "
       "into stays silent, 0xC2",
       "shorted: battery voltage at the BC1 output pin while the module commands it off (DOP_... = 0); "
       "open: 0 V at the BC1 output pin while commanded on, the other side's pin at battery voltage",
       driver_failure_params(), factory<DriverFailure>()},
      {"bad_ground", "a corroded or loose ground joint: extra resistance in the BC1's or the hatch's ground wire",
       "hatch: the lid opens weakly or not at all, lights still blink; bc1: the module's readings shift by the "
       "voltage lost in its ground",
       "during the release pulse hatch lock pin 1 (motor ground) reads well above 0 V against body ground, "
       "with battery voltage on pin 2",
       bad_ground_params(), factory<BadGround>()},
      {"input_pullup_corroded", "the pull-up resistor of a BC1 switch input corrodes: its resistance grows over time",
       "handle input, car unlocked: the hatch opens by itself (a phantom press); contact input: the module "
       "believes the lid is open",
       "the BC1 input pin reads a volt or two with the switch untouched: below the ~6 V of a healthy open input, "
       "above the ~0 V of a switch stuck closed",
       input_pullup_corroded_params(), factory<InputPullupCorroded>()},
      {"switch_failed", "a micro-switch in the body stuck closed or open: a door, bonnet or hatch contact, the lid "
       "handle, the hazard button or the tilt switch",
       "door contact stuck closed: the interior light stays on, every lock records a mislock (0x30/0x31), the "
       "alarm LED lights but the alarm cannot guard that door; stuck open: that door never lights the interior",
       "the DIP_ bit in `diag inputs` says open while the door is shut; 0 V at the switch's own terminal (a "
       "corroded BC1 input reads ~3 V, a healthy shut door ~6 V) and ~0 ohm across the switch unplugged",
       switch_failed_params(), factory<SwitchFailed>()},
      {"input_leak_intermittent", "condensation bridging a BC1 switch input to ground now and then",
       "nothing visible on a locked car, but the battery is flat after a few days: every bridge is a press "
       "that wakes the module, so it never goes to sleep",
       "a clamp meter on the battery lead reads the awake current (~65 mA) long after the 60 s sleep time "
       "instead of the quiescent few mA; the input pin dips under 3 V now and then with nothing touched",
       input_leak_intermittent_params(), factory<InputLeakIntermittent>()},
      {"supply_brownout", "a corroded battery terminal (series resistance every load shares)",
       "everything works at rest; a heavy load (the trunk button's flashes plus the lock motor) resets the "
       "BC1: the release stops within milliseconds, the flashes are cut, the hatch stays shut",
       "under load the BC1's logic pin V(bc1.kl30_logic) falls under 6 V while the battery posts "
       "(battery.post_volts) stay near 12.5 V: the volts are lost across the terminal clamp",
       supply_brownout_params(), factory<SupplyBrownout>()},
      {"relay_contact_corrosion",
       "a film on a central-locking relay's contact, growing from milliohms through ohms to open",
       "the doors on that relay lock slowly, then not at all; the others still do; NC FEHLER (0x01-0x04) logged",
       "during the lock pulse 30CDL is present at the BC1 but its relay pin (and the door connector) reads only "
       "a few volts: the rest drops across the relay contact inside the module",
       relay_contact_corrosion_params(), factory<RelayContactCorrosion>()},
      {"relay_welded", "a central-locking or window relay welded on NO (pulled in for good) or on NC (never switches)",
       "NO: the motors on that relay are driven by themselves (the driver's door locks itself and will not "
       "unlock; a window creeps its relay's way, then goes only that way); NC: those doors or that window never "
       "move; NO FEHLER (0x0D-0x10, windows 0x06/0x08/0x0A/0x0C) / NC FEHLER (0x01-0x04, windows 0x05/0x07/0x09/0x0B)",
       "NO: battery voltage at the BC1 relay pin while its DOP_ output is 0, and the other relays (a window's "
       "companion) held on by the module; NC: 0 V at that pin while commanded",
       relay_welded_params(), factory<RelayWelded>()},
      {"relay_coil_open", "the coil of a central-locking or window relay is burnt open",
       "the doors (or the window direction) on that relay never move although the module commands them; NC "
       "FEHLER logged",
       "0 V at the BC1 relay pin while its DOP_..._LOCK_RLY is 1 (like welded on NC; only the coil's "
       "resistance, measured with the module open, tells them apart)",
       relay_coil_open_params(), factory<RelayCoilOpen>()},
      {"lamp_relay_failed", "the front fog lamps' or the auxiliary lamps' relay: coil burnt open or contact welded",
       "coil open: the fog (or auxiliary) lamps stay dark when switched on, 0xB2 (0xB4) logged; welded: they are lit "
       "all the time, even with the car parked and the switch off, 0xB1 (0xB3) logged",
       "coil open: battery voltage at the BC1's relay pin V(bc1.front_fog_rly_out) while the lamp line "
       "V(front_fog.line) stays at 0 V; welded: battery voltage on the lamp line with 0 V at the relay pin",
       lamp_relay_failed_params(), factory<LampRelayFailed>()},
      {"flap_actuator_failure", "the recirculation flap's actuator: its winding burnt open, or the flap seized",
       "the recirculation button lights its LED but the air keeps coming from outside (or stays on "
       "recirculation); 0x8F (towards recirculation) / 0x8E (towards fresh air) logged 2 s after the try",
       "the BC1 drives battery voltage across the flap motor (V(bc1.recirc_ctl1) high) for 2 s; open: no current "
       "(I(recirc_flap.motor) 0), seized: ~1.5 A stall; the end-position contact stays closed (DIP_RECIRC_MONITOR 1)",
       flap_actuator_failure_params(), factory<FlapActuatorFailure>()},
      {"climate_relay_welded", "the contact of the blower relay or the A/C compressor clutch relay welded shut",
       "blower: it keeps running with the ignition off (a flat battery by morning), 0xB5 logged; compressor: the "
       "clutch stays engaged with A/C off, the evaporator ices up, nothing logged",
       "voltage on the load's side of the relay (V(blower.motor_plus), V(compressor_relay.output)) while the BC1's "
       "coil pin (V(bc1.blower_enable), V(bc1.ac_compressor_out)) is at 0 V",
       climate_relay_welded_params(), factory<ClimateRelayWelded>()},
  };
  return library;
}

const FaultType* find_fault_type(const std::string& name) {
  for (const auto& type : fault_library())
    if (type.name == name) return &type;
  return nullptr;
}

}  // namespace bcmhil::faults
