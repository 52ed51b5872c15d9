// Two-flop synchroniser for asynchronous inputs (switch comparators, RF data line).
// `busy` is high while a change of `d` has not yet reached `q`: the clock gate must keep
// clocking until it drops, otherwise the change would sit half-way through the chain.
module sync2 #(
    parameter int WIDTH = 1
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic [WIDTH-1:0] d,
    output logic [WIDTH-1:0] q,
    output logic             busy
);
  logic [WIDTH-1:0] meta;

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      meta <= '0;
      q    <= '0;
    end else begin
      meta <= d;
      q    <= meta;
    end
  end

  assign busy = (d != meta) || (meta != q);
endmodule
