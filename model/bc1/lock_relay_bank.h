#pragma once
// The BC1's central-locking power stage: four changeover relays fed from 30CDL, each relay's
// COM a module pin (the door motors hang between those pins, see central_locking.h for the
// topology), their coils switched by the software's DOP_*_LOCK_RLY outputs, and the pins of the
// switch inputs that command them (door key switches, master button).
//
// A module in reset (brown-out) switches no coil.
#include "central_locking.h"
#include "lock_relay.h"
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <array>
#include <memory>
#include <string>

namespace bcmhil::model {

// Module pins of the central locking (named "<base>.<field>", e.g. "bc1.drv_lock_out").
struct CentralLockingPins {
  // Relay COM pins, indexed by CentralLocking::Relay.
  std::array<electrical::NodeId, CentralLocking::kRelays> relay_out{};
  electrical::NodeId drv_key_lock_in{};      // DIP_DRV_KEY_SW_LK
  electrical::NodeId drv_key_unlock_in{};    // DIP_DRV_KEY_SW_UNLK
  electrical::NodeId pass_key_lock_in{};     // DIP_PASS_KEY_SW_LK
  electrical::NodeId pass_key_unlock_in{};   // DIP_PASS_KEY_SW_UNLK
  electrical::NodeId master_lock_in{};       // DIP_MASTER_LK_SW
  electrical::NodeId master_unlock_in{};     // DIP_MASTER_UNLK_SW
};
CentralLockingPins make_central_locking_pins(electrical::Network& net, const std::string& base);

// Reference names, indexed by CentralLocking::Relay.
inline constexpr std::array<const char*, CentralLocking::kRelays> kLockRelayOutputs{
    "DOP_DRV_LOCK_RLY", "DOP_COMMON_LOCK_RLY", "DOP_REST_LOCK_RLY", "DOP_SUPER_LOCK_RLY"};
// Node-name stems of the relay COM pins and relays, indexed the same way.
inline constexpr std::array<const char*, CentralLocking::kRelays> kLockRelayStems{"drv", "common", "rest", "super"};

class LockRelayBank : public sc_core::sc_module {
 public:
  // `base` is the module's net name ("bc1"): relays are "<base>.<stem>_lock_relay".
  LockRelayBank(sc_core::sc_module_name name, const std::string& base, Circuit& circuit, trace::Recorder& recorder,
                electrical::NodeId cdl_feed, electrical::NodeId ground, const CentralLockingPins& pins,
                LockRelaySpec spec = {});

  sc_core::sc_vector<sc_core::sc_in<bool>> command;  // DOP_*_LOCK_RLY, by CentralLocking::Relay
  sc_core::sc_in<bool> powered{"powered"};

  LockRelay& relay(std::size_t i) { return *relays_.at(i); }
  const LockRelay& relay(std::size_t i) const { return *relays_.at(i); }

 private:
  void drive();
  std::array<std::unique_ptr<LockRelay>, CentralLocking::kRelays> relays_;
};

}  // namespace bcmhil::model
