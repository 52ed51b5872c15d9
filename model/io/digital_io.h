#pragma once
// DigitalIo: the SystemC side of the BC1's cycle-level digital I/O block (hw/bc1_io.v, Verilated as
// Vbc1_io). It owns the block, its clock and its reset, and moves values between the model's
// signals and the block's ports.
//
// Time: cycle n of the module clock is the instant n * clock_period of SystemC time, and a rising
// edge is only ever delivered exactly there. An edge samples the inputs as they were at the start
// of that instant (before any delta cycle of it), so an input that changes at a non-boundary time,
// or at a boundary, is first sampled by the next edge. The block is told the edge's absolute cycle
// number, so none of its timers depend on how many edges it has seen.
//
// Modes:
//   - step_every_cycle: an edge on every cycle. The slow reference.
//   - skip_idle: an edge only where the block's state can change: the cycle after an input change,
//     every following cycle while the block asks for `need_next_cycle`, and the cycle it names in
//     `wake_cycle`; otherwise the driver sleeps on the inputs' value_changed events.
// Both produce the same output values at the same times (tests/model/io proves it).
//
// Reset is held (rst_n = 0) on the edges of cycles 0 .. kResetCycles-1 in both modes.
//
// The Verilog timing parameters (debounce sample period 1000 cycles, RF pulse widths) are cycle
// counts chosen for a 1 MHz clock; another clock_period scales all of them with it.
#include <cstdint>
#include <memory>

#include <systemc>

class Vbc1_io;

namespace bcmhil::model {

enum class ClockMode { step_every_cycle, skip_idle };

struct DigitalIoConfig {
  sc_core::sc_time clock_period = sc_core::sc_time(1, sc_core::SC_US);
  ClockMode mode = ClockMode::skip_idle;
};

class DigitalIo : public sc_core::sc_module {
 public:
  static constexpr int kSwitches = 64;  // hw/bc1_io.v SWITCHES
  static constexpr std::uint64_t kResetCycles = 2;

  DigitalIo(sc_core::sc_module_name name, DigitalIoConfig config = {});
  ~DigitalIo() override;

  sc_core::sc_vector<sc_core::sc_in<bool>> switch_raw{"switch_raw", kSwitches};
  sc_core::sc_in<bool> rf_data{"rf_data"};
  sc_core::sc_vector<sc_core::sc_out<bool>> switch_debounced{"switch_debounced", kSwitches};
  sc_core::sc_out<std::uint64_t> rf_frame{"rf_frame"};           // 48 significant bits
  sc_core::sc_out<std::uint32_t> rf_frame_count{"rf_frame_count"};  // widened, monotonic
  sc_core::sc_out<std::uint32_t> rf_error_count{"rf_error_count"};  // widened, monotonic

  std::uint64_t clock_edges() const { return edges_; }
  const DigitalIoConfig& config() const { return config_; }

 private:
  enum class Phase { starting, sleeping, rising, falling };
  void clock();
  void edge_or_sleep();
  void begin_edge(std::uint64_t cycle);
  void publish_outputs();
  std::uint64_t cycle_after_edge(std::uint64_t cycle) const;  // the next cycle to clock after this edge
  void note_input_change();
  std::uint64_t sample_switches() const;
  bool inputs_moved() const;  // external inputs differ from what the last edge sampled
  std::uint64_t cycle_at_or_before_now() const;

  DigitalIoConfig config_;
  std::uint64_t period_ticks_;  // clock period in SystemC time resolution units
  bool skip_;
  Phase phase_ = Phase::starting;
  std::uint64_t next_ = 0;  // the cycle of the next rising edge
  // Notified (immediately) by note_input_change when any switch or the RF line moves: the
  // sleeping clock waits on this one event. An or-list of the 65 inputs' own events cost a
  // sixtieth of a whole flooded run in SystemC's bookkeeping of dynamic sensitivity alone: each
  // sleep joined 65 event lists and each wake left all 65.
  sc_core::sc_event input_changed_{"input_changed"};

  // The block and the signals only this driver writes (its inputs) or reads (its outputs).
  std::unique_ptr<Vbc1_io> block_;
  sc_core::sc_signal<bool> clk_{"clk"};
  sc_core::sc_signal<bool> rst_n_{"rst_n"};
  sc_core::sc_signal<std::uint32_t> cycle_{"cycle"};
  sc_core::sc_signal<std::uint64_t> block_switch_raw_{"block_switch_raw"};
  sc_core::sc_signal<bool> block_rf_data_{"block_rf_data"};
  sc_core::sc_signal<std::uint64_t> block_switch_debounced_{"block_switch_debounced"};
  sc_core::sc_signal<std::uint64_t> block_rf_frame_{"block_rf_frame"};
  sc_core::sc_signal<std::uint32_t> block_rf_frame_count_{"block_rf_frame_count"};
  sc_core::sc_signal<std::uint32_t> block_rf_error_count_{"block_rf_error_count"};
  sc_core::sc_signal<bool> need_next_cycle_{"need_next_cycle"};
  sc_core::sc_signal<bool> wake_valid_{"wake_valid"};
  sc_core::sc_signal<std::uint32_t> wake_cycle_{"wake_cycle"};

  // What the last edge sampled, and what has been published. `switches_moved_` is set by a method
  // woken by any input's change (a delta after it becomes readable), so an edge, which
  // samples at the first delta of its instant, reads the 64 ports only when one of them moved
  // since the last sample: every-cycle stepping otherwise spent a fifth of its time on them.
  bool switches_moved_ = true;
  std::uint64_t sampled_switches_ = 0;
  bool sampled_rf_ = false;
  std::uint64_t published_switches_ = 0;
  std::uint64_t published_frame_ = 0;
  std::uint32_t block_frame_count8_ = 0;
  std::uint32_t block_error_count8_ = 0;
  std::uint32_t frame_count_ = 0;
  std::uint32_t error_count_ = 0;
  std::uint64_t edges_ = 0;
};

}  // namespace bcmhil::model
