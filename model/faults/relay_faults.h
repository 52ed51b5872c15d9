#pragma once
// Faults of the BC1's four central-locking relays (DOP_DRV_LOCK_RLY, DOP_COMMON_LOCK_RLY,
// DOP_REST_LOCK_RLY, DOP_SUPER_LOCK_RLY) and its four window relays (DOP_DRV_WIN_UP ...
// DOP_PASS_WIN_DOWN), acting on the relay physics in model/bc1/lock_relay. On a window relay the
// codes are the windows' (NC 0x05/0x07/0x09/0x0B, NO 0x06/0x08/0x0A/0x0C): a window relay welded
// on NO moves its window by itself until the readback at rest holds the companion relay.
//
// relay_contact_corrosion: a film on the relay's moving contact (damp footwell, arcing) grows
//   geometrically from 1 mohm to `resistance` over `growth_time`; it sits in series with the
//   motors whichever side the armature is on. The motors slow, then no longer move; the COM
//   readback drops below its threshold during the pulse and the module logs the relay's
//   "NC FEHLER".
// relay_welded: the armature is welded on NO (contacts fused by an inrush arc: the motor on
//   that relay is fed all the time; the module logs "NO FEHLER" and drives the companion relay)
//   or on NC (the relay never switches: "NC FEHLER" at the next command).
// relay_coil_open: the coil winding is burnt open; the relay never pulls in ("NC FEHLER").
#include "fault.h"

#include "model/bc1/lock_relay.h"

namespace bcmhil::faults {

// The scenario's relay choice: driver | common | rest | super (lock relays) or one of
// window_relay_choices() (the window relays, which are the same changeover relays).
model::LockRelay& lock_relay_named(model::Vehicle& vehicle, const std::string& relay);
const std::vector<std::string>& window_relay_choices();
ParamSpec relay_choice_param();

class RelayContactCorrosion : public Fault {
 public:
  RelayContactCorrosion(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);
  static constexpr double kCleanFilmOhm = 1e-3;  // where the film starts (chosen: a fresh film)

 private:
  void begin() override {}
  bool progress(sc_core::sc_time since_onset) override;
  model::LockRelay& relay_;
  double end_ohm_;
  double growth_s_;
};

class RelayWelded : public Fault {
 public:
  RelayWelded(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::LockRelay& relay_;
  model::LockRelay::Side side_;
};

class RelayCoilOpen : public Fault {
 public:
  RelayCoilOpen(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::LockRelay& relay_;
};

std::vector<ParamSpec> relay_contact_corrosion_params();
std::vector<ParamSpec> relay_welded_params();
std::vector<ParamSpec> relay_coil_open_params();

}  // namespace bcmhil::faults
