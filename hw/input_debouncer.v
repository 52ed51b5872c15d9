// Switch debouncer: on each sample enable, every bit whose synchronised input differs from its
// debounced output counts one agreeing sample; the output takes the new value on the SAMPLES-th
// consecutive one. A sample that agrees with the output resets that bit's count, so a bounce
// shorter than SAMPLES samples never reaches the output.
// `unsettled` is high while any bit has a count running or an input that differs from its output:
// the block then needs a clock at the next sample enable.
//
// The counts are held bit-sliced: plane[k] holds bit k of every input's count, so one sample is a
// few WIDTH-wide operations (a ripple-carry increment across the planes) instead of WIDTH separate
// counters. The behaviour per bit is the same; the every-cycle reference clock (model/io
// DigitalIo step_every_cycle) evaluates this block a million times per simulated second, and a
// generate loop of WIDTH flip-flop blocks cost a fifth of that run.
module input_debouncer #(
    parameter int WIDTH   = 16,
    parameter int SAMPLES = 4
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             sample,
    input  logic [WIDTH-1:0] in,
    output logic [WIDTH-1:0] out,
    output logic             unsettled
);
  localparam int CW = $clog2(SAMPLES);
  localparam logic [CW-1:0] LAST = CW'(SAMPLES - 1);

  logic [WIDTH-1:0] plane[CW];       // plane[k][i]: bit k of input i's count
  logic [WIDTH-1:0] plane_next[CW];
  logic [WIDTH-1:0] differs;         // input i differs from its output
  logic [WIDTH-1:0] at_last;         // ...and has counted SAMPLES-1 agreeing samples already
  logic [WIDTH-1:0] counts_up;       // ...and has not: its count goes up by one
  logic [WIDTH-1:0] counting;        // input i's count is not zero

  always_comb begin
    logic [WIDTH-1:0] carry;
    differs = in ^ out;
    at_last = differs;
    for (int k = 0; k < CW; k++) at_last = at_last & (LAST[k] ? plane[k] : ~plane[k]);
    counts_up = differs & ~at_last;
    // Every input that does not count up restarts at zero (it agrees, or takes its new value now).
    carry = counts_up;
    counting = '0;
    for (int k = 0; k < CW; k++) begin
      plane_next[k] = (plane[k] ^ carry) & counts_up;
      carry = carry & plane[k];
      counting = counting | plane[k];
    end
  end

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      for (int k = 0; k < CW; k++) plane[k] <= '0;
      out <= '0;
    end else if (sample) begin
      for (int k = 0; k < CW; k++) plane[k] <= plane_next[k];
      out <= out ^ at_last;  // an input at its last agreeing sample: the output takes its value
    end
  end

  assign unsettled = (differs != '0) || (counting != '0);
endmodule
