// The earlier of two wake requests, both in the future of `cycle`. Distances are compared modulo
// 2^32 so a request past the 32-bit wrap of the cycle number still counts as later.
module wake_select (
    input  logic [31:0] cycle,
    input  logic        a_valid,
    input  logic [31:0] a_cycle,
    input  logic        b_valid,
    input  logic [31:0] b_cycle,
    output logic        valid,
    output logic [31:0] wake_cycle
);
  logic [31:0] a_dist;
  logic [31:0] b_dist;

  assign a_dist = a_cycle - cycle;
  assign b_dist = b_cycle - cycle;
  assign valid  = a_valid || b_valid;

  always_comb begin
    if (a_valid && (!b_valid || a_dist <= b_dist)) wake_cycle = a_cycle;
    else if (b_valid) wake_cycle = b_cycle;
    else wake_cycle = '0;
  end
endmodule
