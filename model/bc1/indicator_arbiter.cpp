#include "indicator_arbiter.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

using sc_core::sc_time;

IndicatorArbiter::IndicatorArbiter(sc_core::sc_module_name name, const Bc1Coding& coding, FaultMemory& faults)
    : sc_module(name), coding_(coding), faults_(faults) {
  SC_HAS_PROCESS(IndicatorArbiter);
  SC_THREAD(cadence_thread);
  // The only writer of the outputs: the cadence thread and the readback judges only notify it.
  SC_METHOD(drive);
  sensitive << ack_lh << ack_rh << hazard << alarm << turn_lh << turn_rh << cadence_changed_
            << acknowledge_ended_;
  dont_initialize();
  SC_METHOD(on_acknowledge);
  sensitive << ack_lh << ack_rh;
  dont_initialize();
  SC_METHOD(judge_lh);
  sensitive << judge_lh_;
  dont_initialize();
  SC_METHOD(judge_rh);
  sensitive << judge_rh_;
  dont_initialize();
}

void IndicatorArbiter::cadence_thread() {
  for (;;) {
    while (!flashing_wanted()) wait(hazard.value_changed_event() | alarm.value_changed_event() |
                                    turn_lh.value_changed_event() | turn_rh.value_changed_event());
    cadence_running_ = true;
    cadence_on_ = true;
    cadence_changed_.notify(sc_core::SC_ZERO_TIME);
    sc_time phase_end = sc_core::sc_time_stamp() + coding_.flash_on;
    while (flashing_wanted()) {
      // Hazard, alarm and stalk may come and go while another still wants flashing: keep the phase.
      wait(phase_end - sc_core::sc_time_stamp(), hazard.value_changed_event() | alarm.value_changed_event() |
                                                     turn_lh.value_changed_event() | turn_rh.value_changed_event());
      if (sc_core::sc_time_stamp() < phase_end) continue;
      cadence_on_ = !cadence_on_;
      phase_end = sc_core::sc_time_stamp() + (cadence_on_ ? coding_.flash_on : coding_.flash_off);
      cadence_changed_.notify(sc_core::SC_ZERO_TIME);
    }
    cadence_running_ = false;
    cadence_on_ = false;
    cadence_changed_.notify(sc_core::SC_ZERO_TIME);
  }
}

// The acknowledge's flashes come and go; the pattern holds the indicators from its first flash
// until a flash_off after its last (the gap between two of its flashes), so the stalk's cadence
// does not slip in between them.
void IndicatorArbiter::on_acknowledge() {
  if (ack_lh.read() || ack_rh.read()) return;
  acknowledge_end_ = sc_core::sc_time_stamp() + coding_.flash_off;
  acknowledge_ended_.notify(coding_.flash_off);
}

bool IndicatorArbiter::acknowledge_running() const {
  return ack_lh.read() || ack_rh.read() || sc_core::sc_time_stamp() < acknowledge_end_;
}

void IndicatorArbiter::drive() {
  bool want_lh = ack_lh.read(), want_rh = ack_rh.read();
  if (cadence_running_ && both_sides_wanted()) {
    want_lh = want_rh = cadence_on_;
  } else if (cadence_running_ && !acknowledge_running()) {
    want_lh = cadence_on_ && turn_lh.read();
    want_rh = cadence_on_ && turn_rh.read();
  }
  set_side(left_, lh, lh_monitor, judge_lh_, fault_code::kLeftIndicatorOff, want_lh);
  set_side(right_, rh, rh_monitor, judge_rh_, fault_code::kRightIndicatorOff, want_rh);
}

void IndicatorArbiter::set_side(Side& side, sc_core::sc_out<bool>& out, sc_core::sc_in<bool>& monitor,
                                sc_core::sc_event& judge_event, std::uint8_t code, bool on) {
  if (on == side.on) return;
  if (on) {
    side.judge_pending = true;
    judge_event.notify(sc_time(kMonitorSettleS, sc_core::SC_SEC));
  } else if (side.judge_pending) {
    // A flash shorter than the settling time: judged at its end, while the pin is still driven.
    judge_event.cancel();
    judge(side, monitor, code);
  }
  side.on = on;
  out.write(on);
}

void IndicatorArbiter::judge(Side& side, sc_core::sc_in<bool>& monitor, std::uint8_t code) {
  side.judge_pending = false;
  if (monitor.read())
    faults_.report_absent(code);
  else
    faults_.report_present(code, now_ps());
}

void IndicatorArbiter::judge_lh() {
  if (left_.judge_pending) judge(left_, lh_monitor, fault_code::kLeftIndicatorOff);
}

void IndicatorArbiter::judge_rh() {
  if (right_.judge_pending) judge(right_, rh_monitor, fault_code::kRightIndicatorOff);
}

}  // namespace bcmhil::model
