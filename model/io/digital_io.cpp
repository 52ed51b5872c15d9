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
      skip_(config.mode == ClockMode::skip_idle),
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
  SC_METHOD(clock);
  SC_METHOD(note_input_change);
  for (auto& in : switch_raw) sensitive << in;
  sensitive << rf_data;
  dont_initialize();
}

// Runs in the evaluation phase right after an input's update; the immediate notification wakes
// the sleeping clock in that same phase, the delta the or-list of the inputs' events woke it in.
void DigitalIo::note_input_change() {
  switches_moved_ = true;  // an RF edge too: the next edge then reads the 64 ports once more
  input_changed_.notify();
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

// One clock edge is three activations of this method, a delta apart: the inputs sampled and
// the rising edge written, the falling edge written once the block has evaluated the rising one,
// the outputs read once they are visible. Between edges it sleeps until the boundary of the next
// cycle it must clock (skip mode: or an input change). A method, not a thread: every-cycle
// stepping runs a million edges per simulated second, and a thread's context switches per wait
// cost a fifth of that.
void DigitalIo::clock() {
  switch (phase_) {
    case Phase::starting:
      edge_or_sleep();
      return;
    case Phase::sleeping:
      // Timed wake-ups land at the first delta of the boundary, before any input change of that
      // instant is visible; anything else is an input change, which in skip mode brings the next
      // edge forward to the first boundary after it.
      if (skip_ && (next_ == kNever || sc_core::sc_time_stamp().value() < next_ * period_ticks_))
        next_ = std::min(next_, cycle_at_or_before_now() + 1);
      edge_or_sleep();
      return;
    case Phase::rising:  // the block has evaluated the rising edge
      clk_.write(false);
      phase_ = Phase::falling;
      next_trigger(sc_core::SC_ZERO_TIME);
      return;
    case Phase::falling:  // its outputs are visible now
      ++edges_;
      publish_outputs();
      next_ = cycle_after_edge(next_);
      edge_or_sleep();
      return;
  }
}

void DigitalIo::edge_or_sleep() {
  const std::uint64_t now = sc_core::sc_time_stamp().value();
  if (next_ != kNever && now >= next_ * period_ticks_) {
    begin_edge(next_);
    return;
  }
  phase_ = Phase::sleeping;
  if (!skip_) {
    next_trigger(sc_core::sc_time::from_value(next_ * period_ticks_ - now));
  } else if (next_ == kNever) {
    next_trigger(input_changed_);
  } else {
    next_trigger(sc_core::sc_time::from_value(next_ * period_ticks_ - now), input_changed_);
  }
}

std::uint64_t DigitalIo::cycle_after_edge(std::uint64_t cycle) const {
  // inputs_moved(): a change in the deltas of this very instant, after the edge sampled the
  // inputs and before this method sleeps on their events again.
  if (!skip_ || cycle < kResetCycles || need_next_cycle_.read() || inputs_moved()) return cycle + 1;
  if (wake_valid_.read()) {
    const std::uint32_t ahead = wake_cycle_.read() - static_cast<std::uint32_t>(cycle);
    return cycle + (ahead == 0 ? kCycleSpan : ahead);
  }
  return kNever;
}

void DigitalIo::begin_edge(std::uint64_t cycle) {
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
  phase_ = Phase::rising;
  next_trigger(sc_core::SC_ZERO_TIME);  // the block evaluates the rising edge
}

void DigitalIo::publish_outputs() {
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
