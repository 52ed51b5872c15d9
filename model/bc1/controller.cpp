#include "controller.h"

#include "model/circuit/watch.h"

#include <algorithm>

namespace bcmhil::model {

using sc_core::sc_time;

Controller::Controller(sc_core::sc_module_name name, const Bc1Coding& coding, FaultMemory& faults,
                       CentralLocking& central_locking, RemoteKeys& keys)
    : sc_module(name), coding_(coding), faults_(faults), keys_(keys), central_locking_(central_locking) {
  SC_HAS_PROCESS(Controller);
  SC_METHOD(on_rf_frame);
  sensitive << rf_frame_count;
  dont_initialize();
  SC_METHOD(on_power_down);
  sensitive << powered.neg();
  dont_initialize();
  SC_METHOD(on_handle);
  sensitive << boot_handle_sw.pos();
  dont_initialize();
  // A brown-out resets the microcontroller: a pattern or pulse under way stops where it is and
  // is not resumed when the supply comes back (the threads restart from the top, outputs off).
  SC_THREAD(flash_thread);
  async_reset_signal_is(powered, false);
  SC_THREAD(release_thread);
  async_reset_signal_is(powered, false);
}

// A telegram whose check nibble or button code is wrong is no telegram: the decoder counted it,
// the status keeps describing the last valid one (STAT_LAST_RF_CODE: "last valid RF code").
void Controller::on_rf_frame() {
  if (!powered.read()) return;
  const std::uint64_t bits = rf_frame.read();
  const auto frame = decode_rf_frame(bits);
  if (!frame) return;
  last_frame_ = bits;
  last_low_battery_ = frame->low_battery;
  const RfJudgement judgement = keys_.judge(*frame);
  last_verdict_ = judgement.verdict;
  last_slot_ = judgement.slot;
  if (judgement.verdict != RfVerdict::ok) return;

  switch (frame->button) {
    case FobButton::lock:
      central_locking_.request(CentralLocking::Command::lock, CentralLocking::Source::fob);
      request_flashes(coding_.lock_ack_flashes);
      break;
    case FobButton::unlock:
      central_locking_.request(CentralLocking::Command::unlock, CentralLocking::Source::fob);
      request_flashes(coding_.unlock_ack_flashes);
      break;
    case FobButton::trunk:
      // Works with the doors still locked (owner report); the flash acknowledges the command,
      // not the release.
      request_flashes(coding_.trunk_ack_flashes);
      request_release();
      break;
  }
}

void Controller::clear_rf_buffers() {
  last_verdict_ = RfVerdict::none;
  last_low_battery_ = false;
  last_slot_ = -1;
  last_frame_ = 0;
}

void Controller::on_power_down() { clear_rf_buffers(); }

void Controller::on_handle() {
  if (powered.read() && !central_locking_.is_locked()) request_release();
}

void Controller::request_flashes(int count) {
  if (count <= 0) return;
  pending_flashes_ = count;
  flash_request_.notify(sc_core::SC_ZERO_TIME);
}

void Controller::request_release() { release_request_.notify(sc_core::SC_ZERO_TIME); }

void Controller::flash_thread() {
  lh_indicator.write(false);
  rh_indicator.write(false);
  for (;;) {
    wait(flash_request_);
    // A request that arrives while a pattern runs is dropped, the pattern is not restarted.
    const int count = pending_flashes_;
    // The indicator arbiter passes the pattern on (unless hazard or alarm flashing wins) and
    // judges the pins' readback (indicator_arbiter.h).
    for (int i = 0; i < count; ++i) {
      lh_indicator.write(true);
      rh_indicator.write(true);
      wait(coding_.flash_on);
      lh_indicator.write(false);
      rh_indicator.write(false);
      if (i + 1 < count) wait(coding_.flash_off);
    }
  }
}

void Controller::judge_readback(bool came_up, std::uint8_t code) {
  if (came_up)
    faults_.report_absent(code);
  else
    faults_.report_present(code, now_ps());
}

void Controller::release_thread() {
  const sc_time settle(kMonitorSettleS, sc_core::SC_SEC);
  boot_release.write(false);
  for (;;) {
    wait(release_request_);
    boot_release.write(true);
    const sc_time first = std::min(settle, coding_.tailgate_pulse);
    wait(first);
    judge_readback(boot_release_monitor.read(), fault_code::kLuggageReleaseOff);
    wait(coding_.tailgate_pulse - first);
    boot_release.write(false);
  }
}

}  // namespace bcmhil::model
