#include "model/io/digital_io.h"

#include <algorithm>
#include <limits>

#include "Vbc1_io.h"

namespace bcmhil::model {

namespace {
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kCycleSpan = std::uint64_t{1} << 32;  // the block's cycle input is 32 bits
}  // namespace

DigitalIo::DigitalIo(sc_core::sc_module_name name, DigitalIoConfig config)
    : sc_core::sc_module(name),
      config_(config),
      period_ticks_(config.clock_period.value()),
      block_(std::make_unique<Vbc1_io>("block")) {
  if (period_ticks_ == 0) {
    SC_REPORT_ERROR("bcmhil/io", "DigitalIo: clock_period must be longer than the time resolution");
  }
  block_->clk(clk_);
  block_->rst_n(rst_n_);
  block_->cycle(cycle_);
  block_->switch_raw(block_switch_raw_);
  block_->rf_data(block_rf_data_);
  block_->switch_debounced(block_switch_debounced_);
  block_->rf_frame(block_rf_frame_);
  block_->rf_frame_count(block_rf_frame_count_);
  block_->rf_error_count(block_rf_error_count_);
  block_->need_next_cycle(need_next_cycle_);
  block_->wake_valid(wake_valid_);
  block_->wake_cycle(wake_cycle_);

  SC_HAS_PROCESS(DigitalIo);
  SC_THREAD(run);
  SC_METHOD(note_switch_change);
  for (auto& in : switch_raw) sensitive << in;
  dont_initialize();
}

DigitalIo::~DigitalIo() = default;

std::uint64_t DigitalIo::sample_switches() const {
  std::uint64_t bits = 0;
  for (int i = 0; i < kSwitches; ++i) {
    if (switch_raw[i].read()) bits |= std::uint64_t{1} << i;
  }
  return bits;
}

bool DigitalIo::inputs_moved() const {
  return rf_data.read() != sampled_rf_ || sample_switches() != sampled_switches_;
}

std::uint64_t DigitalIo::cycle_at_or_before_now() const {
  return sc_core::sc_time_stamp().value() / period_ticks_;
}

void DigitalIo::run() {
  const bool skip = config_.mode == ClockMode::skip_idle;
  sc_core::sc_event_or_list input_changed;
  for (auto& in : switch_raw) input_changed |= in.value_changed_event();
  input_changed |= rf_data.value_changed_event();

  std::uint64_t next = 0;  // the cycle of the next rising edge
  for (;;) {
    // Sleep until cycle `next` begins. In skip mode an input change may bring it forward to the
    // first boundary after the change.
    for (;;) {
      const std::uint64_t now = sc_core::sc_time_stamp().value();
      if (next != kNever && now >= next * period_ticks_) break;
      if (!skip) {
        wait(sc_core::sc_time::from_value(next * period_ticks_ - now));
      } else if (next == kNever) {
        wait(input_changed);
      } else {
        wait(sc_core::sc_time::from_value(next * period_ticks_ - now), input_changed);
      }
      // Timed wake-ups land at the first delta of the boundary, before any input change of
      // that instant is visible; anything else is an input change.
      if (skip && (next == kNever || sc_core::sc_time_stamp().value() < next * period_ticks_)) {
        next = std::min(next, cycle_at_or_before_now() + 1);
      }
    }

    edge(next);

    if (!skip || next < kResetCycles || need_next_cycle_.read() || inputs_moved()) {
      // inputs_moved(): a change in the deltas of this very instant, after the edge sampled the
      // inputs and before this thread waits on their events again.
      next = next + 1;
    } else if (wake_valid_.read()) {
      const std::uint32_t ahead = wake_cycle_.read() - static_cast<std::uint32_t>(next);
      next = next + (ahead == 0 ? kCycleSpan : ahead);
    } else {
      next = kNever;
    }
  }
}

void DigitalIo::edge(std::uint64_t cycle) {
  if (switches_moved_) {
    switches_moved_ = false;
    sampled_switches_ = sample_switches();
  }
  sampled_rf_ = rf_data.read();
  cycle_.write(static_cast<std::uint32_t>(cycle));
  rst_n_.write(cycle >= kResetCycles);
  block_switch_raw_.write(sampled_switches_);
  block_rf_data_.write(sampled_rf_);
  clk_.write(true);
  wait(sc_core::SC_ZERO_TIME);  // the block evaluates the rising edge
  clk_.write(false);
  wait(sc_core::SC_ZERO_TIME);  // its outputs are visible now
  ++edges_;

  const std::uint64_t switches = block_switch_debounced_.read();
  if (switches != published_switches_) {
    const std::uint64_t changed = switches ^ published_switches_;
    for (int i = 0; i < kSwitches; ++i) {
      if (changed & (std::uint64_t{1} << i)) switch_debounced[i].write(((switches >> i) & 1u) != 0);
    }
    published_switches_ = switches;
  }
  const std::uint64_t frame = block_rf_frame_.read();
  if (frame != published_frame_) {
    rf_frame.write(frame);
    published_frame_ = frame;
  }
  // The block's counters are 8 bits and step by at most one per edge; every edge is read here, so
  // the modulo-256 difference is exactly the number of new frames / errors.
  const std::uint32_t frames8 = block_rf_frame_count_.read() & 0xffu;
  if (frames8 != block_frame_count8_) {
    frame_count_ += (frames8 - block_frame_count8_) & 0xffu;
    block_frame_count8_ = frames8;
    rf_frame_count.write(frame_count_);
  }
  const std::uint32_t errors8 = block_rf_error_count_.read() & 0xffu;
  if (errors8 != block_error_count8_) {
    error_count_ += (errors8 - block_error_count8_) & 0xffu;
    block_error_count8_ = errors8;
    rf_error_count.write(error_count_);
  }
}

}  // namespace bcmhil::model
