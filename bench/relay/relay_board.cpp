#include "relay_board.h"

namespace bcmhil::relay {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::open_failed: return "cannot open";
    case ErrorKind::io_failed: return "I/O error";
    case ErrorKind::gone: return "board vanished";
    case ErrorKind::timeout: return "no answer";
    case ErrorKind::bad_answer: return "unexpected answer";
    case ErrorKind::readback_mismatch: return "read-back mismatch";
    case ErrorKind::bad_channel: return "bad channel";
  }
  return "error";
}

RelayError::RelayError(std::string device, ErrorKind kind, std::string what_happened)
    : std::runtime_error(device + ": " + to_string(kind) + ": " + what_happened),
      device_(std::move(device)),
      kind_(kind),
      what_happened_(std::move(what_happened)) {}

void RelayBoard::all_off() {
  for (int ch = 1; ch <= channel_count(); ++ch) set(ch, false);
}

void RelayBoard::check_channel(int channel) const {
  if (channel < 1 || channel > channel_count()) {
    throw RelayError(identity(), ErrorKind::bad_channel,
                     "channel " + std::to_string(channel) + " is outside 1.." +
                         std::to_string(channel_count()));
  }
}

}  // namespace bcmhil::relay
