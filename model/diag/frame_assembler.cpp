#include "frame_assembler.h"

#include "ds2_protocol.h"

namespace bcmhil::diag {

FrameAssembler::FrameAssembler(FrameHandler on_frame, ErrorHandler on_bad_checksum)
    : on_frame_(std::move(on_frame)), on_bad_checksum_(std::move(on_bad_checksum)) {
  buffer_.reserve(ds2::kMaxFrameSize * 2);
}

void FrameAssembler::push(uint8_t byte) {
  buffer_.push_back(byte);
  scan();
}

void FrameAssembler::push(const uint8_t* bytes, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) push(bytes[i]);
}

void FrameAssembler::drop_head() {
  buffer_.erase(buffer_.begin());
  ++stats_.discarded_bytes;
}

void FrameAssembler::scan() {
  while (buffer_.size() >= ds2::kHeaderSize) {
    const std::size_t len = buffer_[1];
    if (len < ds2::kMinFrameSize) {  // cannot be a frame start: resync one byte later
      drop_head();
      continue;
    }
    if (buffer_.size() < len) return;  // wait for the rest
    std::vector<uint8_t> raw(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(len));
    if (xor_checksum(raw.data(), len - 1) == raw[len - 1]) {
      buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(len));
      ++stats_.frames;
      if (on_frame_) on_frame_(raw);
    } else {
      ++stats_.bad_checksums;
      if (on_bad_checksum_) on_bad_checksum_(raw);
      drop_head();
    }
  }
}

void FrameAssembler::on_idle() {
  if (buffer_.empty()) return;
  ++stats_.timeouts;
  // Everything buffered is stale: the head waited for bytes that never came. Drop it byte by
  // byte; scan() emits any whole frame hiding behind it and stops again at the next partial one.
  while (!buffer_.empty()) {
    drop_head();
    scan();
  }
}

void FrameAssembler::clear() {
  stats_.discarded_bytes += buffer_.size();
  buffer_.clear();
}

}  // namespace bcmhil::diag
