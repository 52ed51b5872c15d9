#include "remote_keys.h"

namespace bcmhil::model {

RemoteKeys::RemoteKeys(sc_core::sc_module_name name, Circuit& circuit, electrical::NodeId kl15,
                       const Bc1Coding& coding)
    : sc_module(name), circuit_(circuit), kl15_(kl15), rolling_window_(coding.rolling_window) {
  for (std::size_t i = 0; i < kSlots; ++i)
    slots_[i] = KeySlot{coding.key_ids[i], 0, 0, coding.key_ids[i] != 0};
  SC_HAS_PROCESS(RemoteKeys);
  // KL15 is read at every circuit solution, like the sleep manager and the heated screens do:
  // no process wakes while nothing changes.
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_power);
  sensitive << powered;
  dont_initialize();
}

void RemoteKeys::on_solved() {
  const bool on = circuit_.network().voltage(kl15_) > kIgnitionOnV;
  if (on == ignition_) return;
  ignition_ = on;
  if (!powered.read()) return;  // a module in reset does not see the edge
  if (on) {
    close_window();  // the procedure starts again from "ignition on"
  } else {
    window_until_ = sc_core::sc_time_stamp() + sc_core::sc_time(kResyncWindowS, sc_core::SC_SEC);
    pending_unlock_.reset();
  }
}

// A power-on starts the RAM afresh: no window, the ignition as the next solution finds it.
void RemoteKeys::on_power() {
  if (powered.read()) return;
  close_window();
}

void RemoteKeys::close_window() {
  window_until_.reset();
  pending_unlock_.reset();
}

bool RemoteKeys::resync_window_open() const {
  return window_until_ && sc_core::sc_time_stamp() < *window_until_;
}

std::optional<std::size_t> RemoteKeys::find(std::uint32_t base_code) const {
  for (std::size_t i = 0; i < kSlots; ++i)
    if (slots_[i].enabled && slots_[i].base_code == base_code && base_code != 0) return i;
  return std::nullopt;
}

bool RemoteKeys::in_sync(const KeySlot& slot, std::uint16_t counter) const {
  const auto ahead = static_cast<std::uint16_t>(counter - static_cast<std::uint16_t>(slot.window_code));
  return ahead != 0 && ahead <= rolling_window_;
}

RfJudgement RemoteKeys::judge(const RfFrame& frame) {
  const auto index = find(frame.fob_id);
  if (!index) return {RfVerdict::unknown_remote, -1, false};
  KeySlot& slot = slots_[*index];
  if (in_sync(slot, frame.counter)) {
    slot.window_code = frame.counter;
    return {RfVerdict::ok, static_cast<int>(*index), false};
  }
  if (resync_window_open()) return resync_step(*index, frame);
  return {RfVerdict::rolling_code_out_of_sync, static_cast<int>(*index), false};
}

// Inside the window: remember an out-of-sync unlock, accept the same fob's following lock.
RfJudgement RemoteKeys::resync_step(std::size_t index, const RfFrame& frame) {
  const RfJudgement out_of_sync{RfVerdict::rolling_code_out_of_sync, static_cast<int>(index), false};
  if (frame.button == FobButton::unlock) {
    pending_unlock_ = std::make_pair(index, frame.counter);
    return out_of_sync;
  }
  if (frame.button != FobButton::lock || !pending_unlock_ || pending_unlock_->first != index) return out_of_sync;
  const auto step = static_cast<std::uint16_t>(frame.counter - pending_unlock_->second);
  if (step == 0 || step > kResyncStep) return out_of_sync;
  slots_[index].window_code = frame.counter;
  close_window();
  return {RfVerdict::ok, static_cast<int>(index), true};
}

}  // namespace bcmhil::model
