// Switch debouncer: on each sample enable, every bit whose synchronised input differs from its
// debounced output counts one agreeing sample; the output takes the new value on the SAMPLES-th
// consecutive one. A sample that agrees with the output resets that bit's count, so a bounce
// shorter than SAMPLES samples never reaches the output.
// `unsettled` is high while any bit has a count running or an input that differs from its output:
// the block then needs a clock at the next sample enable.
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

  logic [CW-1:0] count[WIDTH];
  logic [WIDTH-1:0] counting;

  for (genvar i = 0; i < WIDTH; i++) begin : g_bit
    always_ff @(posedge clk) begin
      if (!rst_n) begin
        count[i] <= '0;
        out[i]   <= 1'b0;
      end else if (sample) begin
        if (in[i] == out[i]) begin
          count[i] <= '0;
        end else if (count[i] == LAST) begin
          count[i] <= '0;
          out[i]   <= in[i];
        end else begin
          count[i] <= count[i] + 1'b1;
        end
      end
    end
    assign counting[i] = (count[i] != '0);
  end

  assign unsettled = (in != out) || (counting != '0);
endmodule
