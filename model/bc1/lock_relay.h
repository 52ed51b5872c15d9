#pragma once
// One of the BC1's central-locking relays, as physics: a coil fed from 30CDL through a low-side
// transistor, an armature that follows the coil voltage with the relay's operate and release
// times, and a changeover contact (COM to NO when operated, COM to NC at rest).
//
// Figures (../shared/domain/r50-bc1.md, "representative, not confirmed as BC1's": OEN 40-12-2CE
// class automotive relay): coil 260 ohm, pick-up <= 7.2 V, drop-out >= 1.2 V, operate ~3 ms,
// release ~2 ms, 30 mV across a clean contact at 10 A (3 mohm). The thresholds are taken at
// the datasheet limits (chosen): a relay whose coil sees less than 7.2 V does not pull in, so a
// weak battery or a corroded coil feed really changes what the locks do.
//
// Fault hooks: a film on the moving (COM) contact, which therefore sits in series with both the
// NO and the NC path (corrosion: mohm to ohms to open); an armature welded on one side (it no
// longer follows the coil); an open coil (burnt winding: the armature never pulls in).
#include "model/circuit/circuit.h"
#include "relay_armature.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <optional>
#include <string>

namespace bcmhil::model {

struct LockRelaySpec {
  double coil_ohm = 260.0;              // datasheet nominal
  double pick_up_v = 7.2;               // datasheet "<= 7.2 V", taken at the limit (chosen)
  double drop_out_v = 1.2;              // datasheet ">= 1.2 V", taken at the limit (chosen)
  sc_core::sc_time operate{3, sc_core::SC_MS};  // automotive mini relay, representative
  sc_core::sc_time release{2, sc_core::SC_MS};  // automotive mini relay, representative
  double contact_ohm = 0.003;           // 30 mV at 10 A
  double coil_switch_ohm = 0.5;         // the module's low-side coil transistor, estimate
};

class LockRelay : public sc_core::sc_module {
 public:
  enum class Side { nc, no };

  // Coil from `coil_supply` (30CDL) through the coil and the low-side transistor to
  // `coil_ground`; the contact joins `com` to `no` (operated) or `nc` (at rest).
  // `net_name` prefixes its branches and recorded signals ("bc1.drv_lock_relay": SystemC
  // object names may not contain dots).
  LockRelay(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit,
            trace::Recorder& recorder, electrical::NodeId coil_supply, electrical::NodeId coil_ground, electrical::NodeId com,
            electrical::NodeId no, electrical::NodeId nc, LockRelaySpec spec = {});

  // The module's software switching the coil transistor.
  void command(bool energise);
  bool commanded() const { return commanded_; }
  // Where the armature is now (COM on NO = operated).
  bool operated() const { return armature_.position().read(); }
  const sc_core::sc_signal_in_if<bool>& armature() const { return armature_.position(); }
  // What the armature feels: coil current times the nominal coil resistance (an open coil
  // feels nothing whatever its terminals read).
  double coil_volts() const;

  // Fault hooks.
  void set_contact_film(double ohms);       // extra resistance on the COM contact; kOpen = open
  double contact_film() const { return film_ohm_; }
  void set_welded(std::optional<Side> side);  // std::nullopt: free again
  std::optional<Side> welded() const { return welded_; }
  void set_coil_open(bool open);

  electrical::BranchId coil() const { return coil_; }
  electrical::BranchId no_contact() const { return no_contact_; }
  electrical::BranchId nc_contact() const { return nc_contact_; }
  electrical::NodeId com() const { return com_; }
  const LockRelaySpec& spec() const { return spec_; }

 private:
  void on_solved();
  void apply_contacts();

  Circuit& circuit_;
  LockRelaySpec spec_;
  electrical::NodeId coil_low_;
  electrical::NodeId com_;
  electrical::BranchId coil_;
  electrical::BranchId coil_switch_;
  electrical::BranchId no_contact_;
  electrical::BranchId nc_contact_;
  bool commanded_ = false;
  bool coil_open_ = false;
  double film_ohm_ = 0.0;
  std::optional<Side> welded_;
  RelayArmature armature_;
};

}  // namespace bcmhil::model
