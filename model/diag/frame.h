#pragma once
// DS2 frame codec: [addr][len][data...][xor]; len counts the whole frame, xor of all bytes before.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bcmhil::diag {

struct Frame {
  uint8_t address = 0;
  std::vector<uint8_t> data;  // command (request) or status (answer) first, then parameters

  bool operator==(const Frame& other) const {
    return address == other.address && data == other.data;
  }
};

enum class DecodeError { kTooShort, kLengthMismatch, kBadLength, kBadChecksum };

struct DecodeResult {
  std::optional<Frame> frame;
  DecodeError error = DecodeError::kTooShort;  // meaningful when !frame
};

uint8_t xor_checksum(const uint8_t* bytes, std::size_t count);
// Throws std::length_error when data would make the frame longer than 255 bytes.
std::vector<uint8_t> encode(const Frame& frame);
// Decodes exactly one complete frame (the whole vector).
DecodeResult decode(const std::vector<uint8_t>& bytes);
const char* to_string(DecodeError error);
std::string hex(const std::vector<uint8_t>& bytes);

}  // namespace bcmhil::diag
