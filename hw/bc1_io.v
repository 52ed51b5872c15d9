// BC1 cycle-level digital I/O: switch input conditioning and the key-fob RF data line decoder.
// The clock is gated by its driver (model/io/DigitalIo): the block tells it when it next needs an
// edge. `need_next_cycle` asks for the very next cycle (a change is still travelling through the
// synchronisers or the edge detector); `wake_valid`/`wake_cycle` name the next cycle on which
// the state would change if no input changes before it (a debounce sample while a switch is
// unsettled, the RF gap timeout inside a frame). On any other cycle a clock edge changes nothing,
// so skipping it gives the same outputs as clocking every cycle.
// `cycle` is the absolute cycle number of the current edge; every timer in here is derived from it.
module bc1_io #(
    parameter int SAMPLE_PERIOD = 1000,  // debounce sample period in cycles (1 ms at 1 MHz)
    parameter int DEBOUNCE_SAMPLES = 4,
    parameter int SWITCHES = 64          // switch inputs (model/io DigitalIo::kSwitches)
) (
    input  logic        clk,
    input  logic        rst_n,
    input  logic [31:0] cycle,
    input  logic [SWITCHES-1:0] switch_raw,
    input  logic        rf_data,
    output logic [SWITCHES-1:0] switch_debounced,
    output logic [47:0] rf_frame,
    output logic [7:0]  rf_frame_count,
    output logic [7:0]  rf_error_count,
    output logic        need_next_cycle,
    output logic        wake_valid,
    output logic [31:0] wake_cycle
);
  // ---- switches ----
  logic [SWITCHES-1:0] switch_sync;
  logic        switch_sync_busy;
  logic        sample;
  logic [31:0] next_sample;
  logic        switches_unsettled;

  sync2 #(.WIDTH(SWITCHES)) u_switch_sync (
      .clk (clk),
      .rst_n(rst_n),
      .d   (switch_raw),
      .q   (switch_sync),
      .busy(switch_sync_busy)
  );

  sample_strobe #(.PERIOD(SAMPLE_PERIOD)) u_sample (
      .cycle     (cycle),
      .enable    (sample),
      .next_cycle(next_sample)
  );

  input_debouncer #(
      .WIDTH  (SWITCHES),
      .SAMPLES(DEBOUNCE_SAMPLES)
  ) u_debouncer (
      .clk      (clk),
      .rst_n    (rst_n),
      .sample   (sample),
      .in       (switch_sync),
      .out      (switch_debounced),
      .unsettled(switches_unsettled)
  );

  // ---- RF data line ----
  logic rf_sync;
  logic rf_sync_busy;
  logic rf_rise;
  logic rf_fall;
  logic rf_level;
  logic rf_edge_busy;
  logic        rf_wake_valid;
  logic [31:0] rf_wake_cycle;

  sync2 #(.WIDTH(1)) u_rf_sync (
      .clk (clk),
      .rst_n(rst_n),
      .d   (rf_data),
      .q   (rf_sync),
      .busy(rf_sync_busy)
  );

  edge_detect u_rf_edge (
      .clk  (clk),
      .rst_n(rst_n),
      .d    (rf_sync),
      .rise (rf_rise),
      .fall (rf_fall),
      .level(rf_level),
      .busy (rf_edge_busy)
  );

  rf_pwm_decoder u_rf (
      .clk        (clk),
      .rst_n      (rst_n),
      .cycle      (cycle),
      .rise       (rf_rise),
      .fall       (rf_fall),
      .level      (rf_level),
      .frame      (rf_frame),
      .frame_count(rf_frame_count),
      .error_count(rf_error_count),
      .wake_valid (rf_wake_valid),
      .wake_cycle (rf_wake_cycle)
  );

  // ---- clock gate requests ----
  assign need_next_cycle = switch_sync_busy || rf_sync_busy || rf_edge_busy;

  wake_select u_wake (
      .cycle     (cycle),
      .a_valid   (switches_unsettled),
      .a_cycle   (next_sample),
      .b_valid   (rf_wake_valid),
      .b_cycle   (rf_wake_cycle),
      .valid     (wake_valid),
      .wake_cycle(wake_cycle)
  );
endmodule
