#pragma once
// The telegram the key-fob receiver passes to the BC1 on its single data line
// (DIP_RF_CODE_LOGIC). The real receiver-to-BC1 format is unpublished: this one is CHOSEN,
// shaped like common rolling-code remotes, and decoded bit by bit by hw/rf_pwm_decoder.v.
//
// 48 bits, most significant first:
//   [47:24] fob identity   [23:8] rolling counter   [7:5] button   [4] low battery
//   [3:0]   check nibble = XOR of the eleven nibbles above it
// Line coding (hw/README.md): idle low, sync high 2000 us, then per bit a high pulse of
// 300 us (0) or 600 us (1) in a 1000 us period.
#include <systemc>

#include <cstdint>
#include <optional>
#include <string>

namespace bcmhil::model {

enum class FobButton : std::uint8_t { lock = 1, unlock = 2, trunk = 4 };

struct RfFrame {
  std::uint32_t fob_id = 0;  // 24 bits
  std::uint16_t counter = 0;
  FobButton button = FobButton::lock;
  bool low_battery = false;
};

namespace rf_timing {
inline const sc_core::sc_time sync_high{2000, sc_core::SC_US};
inline const sc_core::sc_time zero_high{300, sc_core::SC_US};
inline const sc_core::sc_time one_high{600, sc_core::SC_US};
inline const sc_core::sc_time bit_period{1000, sc_core::SC_US};
inline const sc_core::sc_time gap_after_sync{700, sc_core::SC_US};
constexpr int frame_bits = 48;
}  // namespace rf_timing

std::uint64_t encode_rf_frame(const RfFrame& frame);
// std::nullopt when the check nibble or the button code is wrong.
std::optional<RfFrame> decode_rf_frame(std::uint64_t bits);
std::string to_string(FobButton button);
std::optional<FobButton> fob_button_from_string(const std::string& text);

}  // namespace bcmhil::model
