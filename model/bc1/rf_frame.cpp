#include "rf_frame.h"

namespace bcmhil::model {

namespace {
std::uint8_t check_nibble(std::uint64_t bits_without_check) {
  std::uint8_t x = 0;
  for (int shift = 4; shift < 48; shift += 4) x ^= (bits_without_check >> shift) & 0xF;
  return x;
}
}  // namespace

std::uint64_t encode_rf_frame(const RfFrame& frame) {
  std::uint64_t bits = (std::uint64_t{frame.fob_id & 0xFFFFFF} << 24) |
                       (std::uint64_t{frame.counter} << 8) |
                       (std::uint64_t{static_cast<std::uint8_t>(frame.button)} << 5) |
                       (std::uint64_t{frame.low_battery} << 4);
  return bits | check_nibble(bits);
}

std::optional<RfFrame> decode_rf_frame(std::uint64_t bits) {
  if ((bits & 0xF) != check_nibble(bits & ~std::uint64_t{0xF})) return std::nullopt;
  const auto button = static_cast<std::uint8_t>((bits >> 5) & 0x7);
  if (button != 1 && button != 2 && button != 4) return std::nullopt;
  RfFrame frame;
  frame.fob_id = static_cast<std::uint32_t>((bits >> 24) & 0xFFFFFF);
  frame.counter = static_cast<std::uint16_t>((bits >> 8) & 0xFFFF);
  frame.button = static_cast<FobButton>(button);
  frame.low_battery = (bits >> 4) & 1;
  return frame;
}

std::string to_string(FobButton button) {
  switch (button) {
    case FobButton::lock: return "lock";
    case FobButton::unlock: return "unlock";
    case FobButton::trunk: return "trunk";
  }
  return "?";
}

std::optional<FobButton> fob_button_from_string(const std::string& text) {
  if (text == "lock") return FobButton::lock;
  if (text == "unlock") return FobButton::unlock;
  if (text == "trunk") return FobButton::trunk;
  return std::nullopt;
}

}  // namespace bcmhil::model
