#include "output_monitor.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

OutputMonitor::OutputMonitor(sc_core::sc_module_name name, FaultMemory& faults, std::optional<std::uint8_t> on_code,
                             std::optional<std::uint8_t> off_code)
    : sc_module(name), faults_(faults), on_code_(on_code), off_code_(off_code) {
  SC_HAS_PROCESS(OutputMonitor);
  SC_METHOD(on_command);
  sensitive << command << powered;
  dont_initialize();
  SC_METHOD(on_readback);
  sensitive << readback;
  dont_initialize();
  SC_METHOD(judge);
  sensitive << due_;
  dont_initialize();
}

// A new command (or a boot) restarts the settle time.
void OutputMonitor::on_command() {
  due_.cancel();
  pending_ = powered.read();
  if (pending_) due_.notify(sc_core::sc_time(kSettleS, sc_core::SC_SEC));
}

// The pin moved by itself: judge it once it has settled, without postponing a pending judgement.
void OutputMonitor::on_readback() {
  if (pending_ || !powered.read()) return;
  pending_ = true;
  due_.notify(sc_core::sc_time(kSettleS, sc_core::SC_SEC));
}

void OutputMonitor::judge() {
  pending_ = false;
  if (!powered.read()) return;
  const bool on = command.read();
  const bool high = readback.read();
  const auto report = [this](std::uint8_t code, bool present) {
    if (present)
      faults_.report_present(code, now_ps());
    else
      faults_.report_absent(code);
  };
  if (on_code_ && off_code_ && *on_code_ == *off_code_) {
    report(*on_code_, on != high);
    return;
  }
  if (on && off_code_) report(*off_code_, !high);  // AUS: commanded, the pin stays low
  if (!on && on_code_) report(*on_code_, high);    // EIN: not commanded, the pin is high
}

}  // namespace bcmhil::model
