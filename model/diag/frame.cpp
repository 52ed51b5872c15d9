#include "frame.h"

#include <stdexcept>

#include "ds2_protocol.h"

namespace bcmhil::diag {

uint8_t xor_checksum(const uint8_t* bytes, std::size_t count) {
  uint8_t x = 0;
  for (std::size_t i = 0; i < count; ++i) x ^= bytes[i];
  return x;
}

std::vector<uint8_t> encode(const Frame& frame) {
  if (frame.data.size() > ds2::kMaxDataSize) throw std::length_error("DS2 frame longer than 255");
  std::vector<uint8_t> out;
  out.reserve(frame.data.size() + 3);
  out.push_back(frame.address);
  out.push_back(static_cast<uint8_t>(frame.data.size() + 3));
  out.insert(out.end(), frame.data.begin(), frame.data.end());
  out.push_back(xor_checksum(out.data(), out.size()));
  return out;
}

DecodeResult decode(const std::vector<uint8_t>& bytes) {
  DecodeResult r;
  if (bytes.size() < 3) {
    r.error = DecodeError::kTooShort;
    return r;
  }
  const std::size_t len = bytes[1];
  if (len < 3) {
    r.error = DecodeError::kBadLength;
    return r;
  }
  if (len != bytes.size()) {
    r.error = DecodeError::kLengthMismatch;
    return r;
  }
  if (xor_checksum(bytes.data(), len - 1) != bytes[len - 1]) {
    r.error = DecodeError::kBadChecksum;
    return r;
  }
  r.frame = Frame{bytes[0], std::vector<uint8_t>(bytes.begin() + 2, bytes.end() - 1)};
  return r;
}

const char* to_string(DecodeError error) {
  switch (error) {
    case DecodeError::kTooShort: return "frame too short";
    case DecodeError::kLengthMismatch: return "length byte does not match the frame";
    case DecodeError::kBadLength: return "invalid length byte";
    case DecodeError::kBadChecksum: return "checksum error";
  }
  return "?";
}

std::string hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string s;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) s += ' ';
    s += digits[bytes[i] >> 4];
    s += digits[bytes[i] & 0xF];
  }
  return s;
}

}  // namespace bcmhil::diag
