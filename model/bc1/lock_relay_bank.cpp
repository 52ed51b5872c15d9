#include "lock_relay_bank.h"

namespace bcmhil::model {

CentralLockingPins make_central_locking_pins(electrical::Network& net, const std::string& base) {
  auto pin = [&](const std::string& name) { return net.add_node(base + "." + name); };
  CentralLockingPins p;
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i)
    p.relay_out[i] = pin(std::string(kLockRelayStems[i]) + "_lock_out");
  p.drv_key_lock_in = pin("drv_key_lock_in");
  p.drv_key_unlock_in = pin("drv_key_unlock_in");
  p.pass_key_lock_in = pin("pass_key_lock_in");
  p.pass_key_unlock_in = pin("pass_key_unlock_in");
  p.master_lock_in = pin("master_lock_in");
  p.master_unlock_in = pin("master_unlock_in");
  return p;
}

LockRelayBank::LockRelayBank(sc_core::sc_module_name name, const std::string& base, Circuit& circuit,
                             trace::Recorder& recorder, electrical::NodeId cdl_feed, electrical::NodeId ground,
                             const CentralLockingPins& pins, LockRelaySpec spec)
    : sc_module(name), command("command", CentralLocking::kRelays) {
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) {
    const std::string stem = std::string(kLockRelayStems[i]) + "_lock_relay";
    // NO on the 30CDL feed, NC on the module's ground pin.
    relays_[i] = std::make_unique<LockRelay>(stem.c_str(), base + "." + stem, circuit, recorder, cdl_feed, ground,
                                             pins.relay_out[i], cdl_feed, ground, spec);
  }
  SC_HAS_PROCESS(LockRelayBank);
  SC_METHOD(drive);
  for (auto& c : command) sensitive << c;
  sensitive << powered;
  dont_initialize();
}

void LockRelayBank::drive() {
  const bool on = powered.read();
  for (std::size_t i = 0; i < CentralLocking::kRelays; ++i) relays_[i]->command(on && command[i].read());
}

}  // namespace bcmhil::model
