// Edge detector on an already synchronised line. `rise`/`fall` are high on the clock edge at
// which the new level is first seen; `level` is the line as last seen. `busy` asks for the next
// clock so a new level is turned into an edge on the very next cycle, as it would be ungated.
module edge_detect (
    input  logic clk,
    input  logic rst_n,
    input  logic d,
    output logic rise,
    output logic fall,
    output logic level,
    output logic busy
);
  always_ff @(posedge clk) begin
    if (!rst_n) level <= 1'b0;
    else level <= d;
  end

  assign rise = d && !level;
  assign fall = !d && level;
  assign busy = (d != level);
endmodule
