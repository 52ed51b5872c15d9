#pragma once
// A bench for the BC1's body-function blocks tested alone (hazard, interior light, alarm, indicator
// arbiter): named boolean signals on a fresh kernel, each recorded so a test reads its history.
#include "model/circuit/watch.h"
#include "model/trace/recorder.h"
#include "tests/model/car/vehicle_test_support.h"

#include <systemc>

#include <map>
#include <memory>
#include <string>

namespace bcmhil::testing {

struct BodyBench {
  BodyBench() {
    fresh_systemc_kernel();
    recorder = std::make_unique<trace::Recorder>();
    horizon_ = std::make_unique<sc_core::sc_event>("horizon");
  }
  sc_core::sc_signal<bool>& wire(const std::string& name) {
    auto& slot = wires[name];
    if (!slot) {
      slot = std::make_unique<sc_core::sc_signal<bool>>(name.c_str());
      model::watch_signal(*slot, *recorder, name, trace::Kind::bit, "", name);
    }
    return *slot;
  }
  // The blocks under test only react (no process runs at start-up), so a no-op thread gives the
  // first sc_start() its delta cycle; otherwise SystemC warns that nothing happened.
  void elaborate() {
    sc_core::sc_spawn([] {});
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  // A bench with nothing scheduled would make sc_start() warn that time cannot move: an event at
  // the target time gives the kernel somewhere to go.
  void run_until(std::uint64_t t_ps) {
    if (t_ps <= now()) return;
    const auto d = sc_core::sc_time::from_value(t_ps - now());
    horizon_->notify(d);
    sc_core::sc_start(d);
  }
  // Sets a wire at the current time and lets it settle (delta cycles only: sc_start(0) runs one).
  void set(const std::string& name, bool value) {
    wire(name).write(value);
    while (sc_core::sc_pending_activity_at_current_time()) sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  const trace::Signal& sig(const std::string& name) const { return history(*recorder, name); }

  std::unique_ptr<trace::Recorder> recorder;
  std::unique_ptr<sc_core::sc_event> horizon_;  // made on the fresh kernel
  std::map<std::string, std::unique_ptr<sc_core::sc_signal<bool>>> wires;
};

}  // namespace bcmhil::testing
