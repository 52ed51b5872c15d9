#include "board_factory.h"

#include "hid_relay_board.h"
#include "relay_protocols.h"
#include "serial_boards.h"

namespace bcmhil::relay {

const char* to_string(Family f) {
  switch (f) {
    case Family::lcus: return "lcus";
    case Family::kmtronic: return "kmtronic";
    case Family::numato: return "numato";
    case Family::dcttech: return "dcttech";
  }
  return "?";
}

std::optional<Family> parse_family(std::string_view n) {
  if (n == "lcus") return Family::lcus;
  if (n == "kmtronic") return Family::kmtronic;
  if (n == "numato") return Family::numato;
  if (n == "dcttech" || n == "usbrelay" || n == "hid") return Family::dcttech;
  return std::nullopt;
}

int max_channels(Family f) {
  switch (f) {
    case Family::lcus: return lcus::kMaxChannels;
    case Family::kmtronic: return kmtronic::kMaxChannels;
    case Family::numato: return numato::kMaxChannels;
    case Family::dcttech: return dcttech::kMaxChannels;
  }
  return 0;
}

std::unique_ptr<RelayBoard> open_board(const BoardSpec& spec) {
  switch (spec.family) {
    case Family::lcus: return std::make_unique<LcusBoard>(spec.device, spec.channels, spec.timeout);
    case Family::kmtronic: return std::make_unique<KmtronicBoard>(spec.device, spec.channels, spec.timeout);
    case Family::numato: return std::make_unique<NumatoBoard>(spec.device, spec.channels, spec.timeout);
    case Family::dcttech: {
      auto board = std::make_unique<DcttechBoard>(open_hidapi_device(spec.device));
      if (board->channel_count() != spec.channels)
        throw RelayError(board->identity(), ErrorKind::open_failed,
                         "board has " + std::to_string(board->channel_count()) + " channels, the description says " +
                             std::to_string(spec.channels));
      return board;
    }
  }
  throw RelayError(spec.device, ErrorKind::open_failed, "unknown family");
}

bool can_sense(Family f) { return f == Family::numato; }

DryRunBoard::DryRunBoard(BoardSpec spec, std::string label, std::ostream& out)
    : spec_(std::move(spec)), label_(std::move(label)), out_(out), tracked_(spec_.channels + 1, false) {}

void DryRunBoard::set(int channel, bool on) {
  check_channel(channel);
  out_ << "dry-run: would switch " << label_ << " (" << family() << " " << identity() << ") channel " << channel
       << (on ? " on" : " off") << "\n";
  tracked_[channel] = on;
}

ChannelReading DryRunBoard::get(int channel) {
  check_channel(channel);
  return {tracked_[channel], Readback::tracked};
}

void DryRunBoard::all_off() {
  out_ << "dry-run: would switch every channel of " << label_ << " (" << family() << " " << identity()
       << ") off\n";
  std::fill(tracked_.begin(), tracked_.end(), false);
}

}  // namespace bcmhil::relay

namespace bcmhil::relay {

bool DryRunBoard::read_digital(int pin) {
  out_ << "dry-run: would read digital pin " << pin << " of " << label_ << " (reads 0)\n";
  return false;
}

int DryRunBoard::read_analog(int pin) {
  out_ << "dry-run: would read analog pin " << pin << " of " << label_ << " (reads 0)\n";
  return 0;
}

}  // namespace bcmhil::relay
