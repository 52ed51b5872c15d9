#pragma once
// The inertia (crash) sensor and terminal R as the BC1 reads them: after an impact with the key
// turned, the module unlocks every door and lights the interior, so occupants can get out and
// rescuers in.
//
// Signals (bc1_bits.csv): DIP_INERTIA_SENSE ("Trägheitssensor für ungewöhnliche
// Anhaltebedingungen"), a contact to ground that closes while the deceleration lasts; DIP_AUX_SW
// ("Überwachung Nebenverbraucher von Hauptzündschalter"), terminal R (accessory position of the
// ignition switch), a positive input read against the monitor threshold.
//
// Behaviour (CHOSEN: no source describes the BC1's crash handling):
//   - a closing of the inertia contact (debounced rising edge) with terminal R on unlocks the car
//     through the central locking (the same relays and motors as any unlock) and switches the
//     interior light on; with terminal R off (a parked car bumped) nothing happens, so a knock
//     cannot open a parked car;
//   - the light stays on until the car is locked or kLightS has passed (the battery saver's
//     figure), whichever comes first; a reset forgets it.
#include "central_locking.h"
#include "model/circuit/circuit.h"

#include <systemc>

#include <string>
#include <vector>

namespace bcmhil::model {

struct InputWiring;

struct CrashUnlockPins {
  electrical::NodeId inertia_in;  // DIP_INERTIA_SENSE: contact to ground
  electrical::NodeId kl_r_in;     // DIP_AUX_SW: terminal R (positive input)
};

CrashUnlockPins make_crash_unlock_pins(electrical::Network& net, const std::string& base);
// The inputs of the input stage, with their debouncer slots (51, 52; chosen).
std::vector<InputWiring> crash_unlock_inputs(const CrashUnlockPins& pins);

class CrashUnlock : public sc_core::sc_module {
 public:
  CrashUnlock(sc_core::sc_module_name name, CentralLocking& locking);

  sc_core::sc_in<bool> inertia{"inertia"};  // DIP_INERTIA_SENSE, debounced, 1 = contact closed
  sc_core::sc_in<bool> kl_r{"kl_r"};        // DIP_AUX_SW, debounced, 1 = terminal R on
  sc_core::sc_in<bool> locked{"locked"};    // bc1.locked
  sc_core::sc_in<bool> powered{"powered"};

  // The interior light asked on by a crash (ORed with the interior light's own timing).
  const sc_core::sc_signal_in_if<bool>& light() const { return light_; }
  unsigned crashes() const { return crashes_; }

  static constexpr double kLightS = 900.0;  // chosen: the interior light's battery saver (15 min)

 private:
  void on_inertia();
  void on_off();

  CentralLocking& locking_;
  unsigned crashes_ = 0;
  sc_core::sc_event light_off_;
  // Written by the crash and by its end (lock, timeout, reset).
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> light_{"crash_light"};
};

}  // namespace bcmhil::model
