#include "crash_unlock.h"

#include "bc1_module.h"

namespace bcmhil::model {

CrashUnlockPins make_crash_unlock_pins(electrical::Network& net, const std::string& base) {
  return {net.add_node(base + ".inertia_sense"), net.add_node(base + ".kl_r")};
}

std::vector<InputWiring> crash_unlock_inputs(const CrashUnlockPins& p) {
  return {
      {{"DIP_INERTIA_SENSE", p.inertia_in, Bc1Module::kPullUpOhm, Bc1Module::kPullDownOhm,
        Bc1Module::kInputThresholdV, true},
       51},
      // Terminal R is a feed, not a contact: a pull-down only, read against the monitor threshold.
      {{"DIP_AUX_SW", p.kl_r_in, electrical::kOpen, 47e3, Bc1Module::kMonitorThresholdV, false}, 52},
  };
}

CrashUnlock::CrashUnlock(sc_core::sc_module_name name, CentralLocking& locking) : sc_module(name), locking_(locking) {
  SC_HAS_PROCESS(CrashUnlock);
  SC_METHOD(on_inertia);
  sensitive << inertia.pos();
  dont_initialize();
  SC_METHOD(on_off);
  sensitive << locked.pos() << light_off_ << powered;
  dont_initialize();
}

void CrashUnlock::on_inertia() {
  if (!powered.read() || !kl_r.read()) return;
  ++crashes_;
  // An unlock never deadlocks, so its source does not matter to the locking.
  locking_.request(CentralLocking::Command::unlock, CentralLocking::Source::master_button);
  light_.write(true);
  light_off_.cancel();
  light_off_.notify(sc_core::sc_time(kLightS, sc_core::SC_SEC));
}

void CrashUnlock::on_off() {
  // A lock, the light's time, or a reset ends it; a boot (power coming back) has nothing to end.
  if (powered.event() && powered.read() && !locked.event()) return;
  light_off_.cancel();
  light_.write(false);
}

}  // namespace bcmhil::model
