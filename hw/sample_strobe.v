// Debounce sample enable derived from the absolute cycle number (never from a counter that would
// stop while the clock is gated): `enable` on every cycle that is a multiple of PERIOD, and
// `next_cycle` = the first enable cycle strictly after `cycle`.
// The 32-bit cycle wraps after 2^32 cycles (71.6 min at 1 MHz); 2^32 is not a multiple of
// PERIOD, so the enable after the last multiple before the wrap is cycle 0, which is what
// `next_cycle` reports then.
module sample_strobe #(
    parameter int PERIOD = 1000
) (
    input  logic [31:0] cycle,
    output logic        enable,
    output logic [31:0] next_cycle
);
  localparam logic [31:0] P = PERIOD;

  logic [31:0] phase;
  logic [32:0] next_wide;

  assign phase     = cycle % P;
  assign enable    = (phase == 32'd0);
  assign next_wide = {1'b0, cycle - phase} + {1'b0, P};
  assign next_cycle = next_wide[32] ? 32'd0 : next_wide[31:0];
endmodule
