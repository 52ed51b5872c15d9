#pragma once
// Incremental DS2 frame assembler: bytes in (as they come off the line), whole frames out.
// It resynchronises on its own: an impossible length byte or a bad checksum drops the first
// buffered byte and re-scans, so a burst of noise in front of a valid frame costs nothing.
// A frame whose bytes stop arriving is truncated: the line owner calls on_idle() after the
// inter-byte timeout, which discards the stale head and salvages any whole frame behind it.
// Pure C++: no clock, no I/O.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "frame.h"

namespace bcmhil::diag {

struct AssemblerStats {
  std::size_t frames = 0;
  std::size_t bad_checksums = 0;
  std::size_t discarded_bytes = 0;  // noise, bad frames' first bytes, truncated heads
  std::size_t timeouts = 0;
};

class FrameAssembler {
 public:
  // Raw bytes of each whole frame with a valid checksum (address not checked).
  using FrameHandler = std::function<void(const std::vector<uint8_t>& raw)>;
  // Raw bytes of a candidate frame whose checksum did not match.
  using ErrorHandler = std::function<void(const std::vector<uint8_t>& raw)>;

  explicit FrameAssembler(FrameHandler on_frame, ErrorHandler on_bad_checksum = nullptr);

  void push(uint8_t byte);
  void push(const uint8_t* bytes, std::size_t count);
  // The line has been quiet for the inter-byte timeout: whatever is buffered is truncated.
  void on_idle();
  void clear();

  std::size_t buffered() const { return buffer_.size(); }
  bool idle() const { return buffer_.empty(); }
  const AssemblerStats& stats() const { return stats_; }

 private:
  void scan();
  void drop_head();

  FrameHandler on_frame_;
  ErrorHandler on_bad_checksum_;
  std::vector<uint8_t> buffer_;
  AssemblerStats stats_;
};

}  // namespace bcmhil::diag
