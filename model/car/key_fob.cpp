#include "key_fob.h"

#include "model/circuit/watch.h"

namespace bcmhil::model {

std::optional<std::uint64_t> KeyFob::press(FobButton button) {
  ++counter;
  if (battery_volts < kDeadBatteryVolts || !in_range) return std::nullopt;
  RfFrame frame;
  frame.fob_id = id;
  frame.counter = counter;
  frame.button = button;
  frame.low_battery = battery_volts < kLowBatteryVolts;
  return encode_rf_frame(frame);
}

RfReceiver::RfReceiver(sc_core::sc_module_name name, trace::Recorder& recorder) : sc_module(name) {
  SC_HAS_PROCESS(RfReceiver);
  SC_THREAD(transmit_thread);
  watch_signal(data, recorder, "DIP_RF_CODE_LOGIC", trace::Kind::bit, "", "RF receiver data line to the BC1");
}

void RfReceiver::transmit(std::uint64_t telegram) {
  queue_.push_back(telegram);
  queued_.notify(sc_core::SC_ZERO_TIME);
}

void RfReceiver::transmit_thread() {
  using namespace rf_timing;
  for (;;) {
    while (queue_.empty()) wait(queued_);
    const std::uint64_t bits = queue_.front();
    queue_.pop_front();
    data.write(true);
    wait(sync_high);
    data.write(false);
    wait(gap_after_sync);
    for (int i = frame_bits - 1; i >= 0; --i) {
      const auto high = ((bits >> i) & 1) ? one_high : zero_high;
      data.write(true);
      wait(high);
      data.write(false);
      wait(bit_period - high);
    }
    // Quiet time between telegrams so the decoder sees a clean start.
    wait(5 * bit_period);
  }
}

}  // namespace bcmhil::model
