#include "central_locking.h"

#include "model/circuit/watch.h"

#include <algorithm>
#include <cmath>

namespace bcmhil::model {

using sc_core::sc_time;

CentralLocking::CentralLocking(sc_core::sc_module_name name, FaultMemory& faults, InfoMemory& info, bool initially_locked,
                               std::function<double()> supply_volts)
    : sc_module(name),
      readback("readback", kRelays),
      relay("relay", kRelays),
      faults_(faults),
      info_(info),
      supply_volts_(std::move(supply_volts)),
      locked_state_(initially_locked) {
  SC_HAS_PROCESS(CentralLocking);
  SC_METHOD(on_switch);
  sensitive << drv_key_lock.pos() << drv_key_unlock.pos() << pass_key_lock.pos() << pass_key_unlock.pos()
            << master_lock.pos() << master_unlock.pos();
  dont_initialize();
  SC_THREAD(pulse_thread);
  async_reset_signal_is(powered, false);  // a brown-out reset aborts a running pulse
  SC_METHOD(on_readback_change);
  for (auto& r : readback) sensitive << r;
  dont_initialize();
  SC_METHOD(judge_at_rest);
  sensitive << judge_event_;
  dont_initialize();
  SC_METHOD(on_cooled);
  sensitive << cooled_;
  dont_initialize();
  SC_METHOD(publish_state);
  sensitive << state_changed_;
  dont_initialize();
}

void CentralLocking::start_of_simulation() {
  locked.write(locked_state_);
  super_locked.write(false);
  write_relays();
}

double CentralLocking::on_time_s(double battery_volts) {
  // MINI TIS 2003 "Central Locking System / BC1".
  if (battery_volts < 9.0) return 1.0;
  if (battery_volts < 10.0) return 0.85;
  if (battery_volts < 11.0) return 0.7;
  if (battery_volts < 12.0) return 0.6;
  if (battery_volts < 13.0) return 0.5;
  if (battery_volts < 14.0) return 0.45;
  return 0.4;
}

void CentralLocking::on_switch() {
  // Turning the key or pressing the button: the debounced input's rising edge.
  if (drv_key_lock.posedge()) request(Command::lock, Source::key);
  if (pass_key_lock.posedge()) request(Command::lock, Source::key);
  if (master_lock.posedge()) request(Command::lock, Source::master_button);
  if (drv_key_unlock.posedge()) request(Command::unlock, Source::key);
  if (pass_key_unlock.posedge()) request(Command::unlock, Source::key);
  if (master_unlock.posedge()) request(Command::unlock, Source::master_button);
}

double CentralLocking::heat_s() const {
  const double dt = (sc_core::sc_time_stamp() - heat_at_).to_seconds();
  return heat_s_ * std::exp(-dt / kCoolingTimeS);
}

void CentralLocking::request(Command command, Source source) {
  if (!powered.read()) return;
  const sc_time now = sc_core::sc_time_stamp();
  // Thermal cut-off: refuse while overheated, or when this command finds the budget spent.
  heat_s_ = heat_s();
  heat_at_ = now;
  if (overheated_state_ || heat_s_ > kOverheatBudgetS) {
    if (!overheated_state_) {
      overheated_state_ = true;
      info_.record(info_code::kMislockLockingOverheated, now_ps());
      state_changed_.notify(sc_core::SC_ZERO_TIME);
      // Until the heat has cooled to half the budget: t = tau ln(heat / (budget / 2)).
      cooled_.notify(sc_time(kCoolingTimeS * std::log(heat_s_ / (kOverheatBudgetS / 2)), sc_core::SC_SEC));
    }
    return;
  }
  bool super = false;
  if (command == Command::lock) {
    // Only from outside the car: the centre button must never deadlock anybody in it.
    const bool outside = source != Source::master_button;
    super = outside && had_lock_ && locked_state_ && !super_state_ &&
            (now - last_lock_at_).to_seconds() <= kSuperLockWindowS;
    locked_state_ = true;
    if (super) super_state_ = true;
    had_lock_ = outside && !super;  // a third press starts over
    last_lock_at_ = now;
  } else {
    locked_state_ = false;
    super_state_ = false;
    had_lock_ = false;
  }
  state_changed_.notify(sc_core::SC_ZERO_TIME);
  pending_command_ = command;
  pending_super_ = super;
  pending_ = true;
  command_event_.notify(sc_core::SC_ZERO_TIME);
}

void CentralLocking::pulse_thread() {
  // Entered at the start and again after every brown-out reset: the software boots with every
  // relay off and forgets a pulse that was running (the motors stop where they are). Without
  // this a relay commanded before a reset came back on after the boot, and a supply hovering at
  // the reset level pulsed it at every boot.
  const bool rebooting = pulse_ != std::array<bool, kRelays>{} || hold_ != std::array<bool, kRelays>{};
  pulse_ = {};
  hold_ = {};
  pulsing_ = false;
  pending_ = false;
  if (rebooting) {
    write_relays();
    judge_event_.cancel();
    judge_event_.notify(sc_time(kReadbackSettleS, sc_core::SC_SEC));  // re-learn a stuck relay
  }
  for (;;) {
    while (!pending_) wait(command_event_);
    pending_ = false;
    // The on-time follows the battery as measured at the moment of the command.
    last_command_volts_ = supply_volts_();
    last_on_time_s_ = on_time_s(last_command_volts_);
    heat_s_ = heat_s() + last_on_time_s_;
    heat_at_ = sc_core::sc_time_stamp();
    pulse_ = {};
    if (pending_command_ == Command::unlock) {
      pulse_[common] = true;
    } else if (pending_super_) {
      pulse_[super] = true;
    } else {
      pulse_[drv] = pulse_[rest] = true;
    }
    // The command takes the relays over; the judgement at rest afterwards restores any hold.
    pulsing_ = true;
    hold_ = {};
    judge_event_.cancel();
    write_relays();

    const sc_time on(last_on_time_s_, sc_core::SC_SEC);
    const sc_time settle = std::min(sc_time(kReadbackSettleS, sc_core::SC_SEC), on);
    wait(settle);
    for (std::size_t i = 0; i < kRelays; ++i) {
      if (!pulse_[i]) continue;
      if (readback[i].read())
        faults_.report_absent(kNcFault[i]);
      else
        faults_.report_present(kNcFault[i], now_ps());
    }
    wait(on - settle);
    pulse_ = {};
    pulsing_ = false;
    write_relays();
    judge_event_.cancel();
    judge_event_.notify(sc_time(kReadbackSettleS, sc_core::SC_SEC));
  }
}

void CentralLocking::on_readback_change() {
  if (pulsing_) return;  // the pulse judges its own relays
  judge_event_.cancel();
  judge_event_.notify(sc_time(kReadbackSettleS, sc_core::SC_SEC));
}

void CentralLocking::judge_at_rest() {
  if (pulsing_ || !powered.read()) return;
  for (std::size_t i = 0; i < kRelays; ++i) {
    if (hold_[i]) continue;  // commanded on: nothing to learn about NO at rest
    stuck_on_[i] = readback[i].read();
    if (stuck_on_[i])
      faults_.report_present(kNoFault[i], now_ps());
    else
      faults_.report_absent(kNoFault[i]);
  }
  // Any relay stuck on NO: every other relay on too, so every COM sits at 30CDL.
  const bool any_stuck = std::find(stuck_on_.begin(), stuck_on_.end(), true) != stuck_on_.end();
  std::array<bool, kRelays> hold{};
  for (std::size_t i = 0; i < kRelays; ++i) hold[i] = any_stuck && !stuck_on_[i];
  if (hold == hold_) return;
  hold_ = hold;
  write_relays();
}

void CentralLocking::on_cooled() {
  overheated_state_ = false;
  state_changed_.notify(sc_core::SC_ZERO_TIME);
}

void CentralLocking::publish_state() {
  locked.write(locked_state_);
  super_locked.write(super_state_);
  overheated_.write(overheated_state_);
}

void CentralLocking::write_relays() {
  for (std::size_t i = 0; i < kRelays; ++i) relay[i].write(pulse_[i] || hold_[i]);
}

}  // namespace bcmhil::model
