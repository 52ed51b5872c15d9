// Key-fob data line decoder (pulse-width modulation), input-capture style: the absolute cycle
// number is captured at each synchronised edge, and a high pulse's width is the difference of
// its fall and rise captures. There is no free-running counter inside, so the block may be left
// unclocked for any number of cycles between edges.
//
// Frame (our own choice, see hw/README.md): sync pulse, then BITS data pulses MSB first, one per
// bit period; a short pulse is a 0, a long pulse a 1. All widths below are in clock cycles and the
// defaults are microseconds at the 1 MHz module clock.
//   - A high pulse outside a frame starts one if its width is a sync width; any other width is a
//     malformed frame (error count + 1).
//   - Inside a frame a 0/1 width shifts in a bit; a sync width aborts the frame (error + 1) and
//     starts a new one; any other width aborts it (error + 1).
//   - Inside a frame the line may stay low for at most GAP_TIMEOUT cycles after a fall: if no rise
//     has been seen on cycle fall + GAP_TIMEOUT, the gap is longer than that and the frame is
//     aborted (error + 1) on that cycle. `wake_valid`/`wake_cycle` ask for a clock then.
//   - After BITS bits the shift register becomes `frame` and `frame_count` increments.
module rf_pwm_decoder #(
    parameter int BITS        = 48,
    parameter int SYNC_MIN    = 1500,
    parameter int SYNC_MAX    = 2500,
    parameter int ZERO_MIN    = 200,
    parameter int ZERO_MAX    = 420,
    parameter int ONE_MIN     = 450,
    parameter int ONE_MAX     = 750,
    parameter int GAP_TIMEOUT = 3000
) (
    input  logic            clk,
    input  logic            rst_n,
    input  logic [31:0]     cycle,
    input  logic            rise,
    input  logic            fall,
    input  logic            level,
    output logic [BITS-1:0] frame,
    output logic [7:0]      frame_count,
    output logic [7:0]      error_count,
    output logic            wake_valid,
    output logic [31:0]     wake_cycle
);
  localparam int BW = $clog2(BITS + 1);
  localparam logic [BW-1:0] LAST_BIT = BW'(BITS - 1);

  logic [31:0]     rise_at;
  logic [31:0]     fall_at;
  logic            in_frame;
  logic [BW-1:0]   bit_count;
  logic [BITS-2:0] shift;  // the last bit goes straight into `frame`

  logic [31:0] width;
  logic        is_sync;
  logic        is_zero;
  logic        is_one;
  logic        timed_out;

  assign width   = cycle - rise_at;
  assign is_sync = (width >= 32'(SYNC_MIN)) && (width <= 32'(SYNC_MAX));
  assign is_zero = (width >= 32'(ZERO_MIN)) && (width <= 32'(ZERO_MAX));
  assign is_one  = (width >= 32'(ONE_MIN)) && (width <= 32'(ONE_MAX));
  assign timed_out = in_frame && !level && ((cycle - fall_at) >= 32'(GAP_TIMEOUT));

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      rise_at     <= '0;
      fall_at     <= '0;
      in_frame    <= 1'b0;
      bit_count   <= '0;
      shift       <= '0;
      frame       <= '0;
      frame_count <= '0;
      error_count <= '0;
    end else if (rise) begin
      rise_at <= cycle;
    end else if (fall) begin
      fall_at <= cycle;
      if (is_sync) begin
        if (in_frame) error_count <= error_count + 8'd1;
        in_frame  <= 1'b1;
        bit_count <= '0;
      end else if (in_frame && (is_zero || is_one)) begin
        shift <= {shift[BITS-3:0], is_one};
        if (bit_count == LAST_BIT) begin
          frame       <= {shift, is_one};
          frame_count <= frame_count + 8'd1;
          in_frame    <= 1'b0;
        end else begin
          bit_count <= bit_count + 1'b1;
        end
      end else begin
        error_count <= error_count + 8'd1;
        in_frame    <= 1'b0;
      end
    end else if (timed_out) begin
      error_count <= error_count + 8'd1;
      in_frame    <= 1'b0;
    end
  end

  assign wake_valid = in_frame && !level;
  assign wake_cycle = fall_at + 32'(GAP_TIMEOUT);
endmodule
