#include "hid_relay_board.h"

namespace bcmhil::relay {

DcttechBoard::DcttechBoard(std::unique_ptr<HidDevice> device) : device_(std::move(device)) {
  path_ = device_->path();
  const auto n = dcttech::channels_from_product(device_->product());
  if (!n)
    throw RelayError(path_, ErrorKind::open_failed,
                     "product '" + device_->product() + "' is not a dcttech USBRelayN board");
  channels_ = *n;
  serial_ = status().serial;
}

dcttech::Status DcttechBoard::status() {
  Bytes report;
  try {
    report = device_->get_feature_report(dcttech::kReportId, dcttech::kReportLength);
  } catch (const RelayError&) {
    throw;
  } catch (const std::exception& e) {
    throw RelayError(path_, ErrorKind::io_failed, std::string("reading the feature report: ") + e.what());
  }
  const auto s = dcttech::decode_status(report);
  if (!s) throw RelayError(path_, ErrorKind::bad_answer, "feature report " + hex(report));
  return *s;
}

ChannelReading DcttechBoard::get(int channel) {
  check_channel(channel);
  return {status().on(channel), Readback::hardware};
}

void DcttechBoard::write_and_confirm(const Bytes& report, std::uint8_t mask, std::uint8_t expected,
                                     const std::string& what) {
  try {
    device_->send_feature_report(report);
  } catch (const RelayError&) {
    throw;
  } catch (const std::exception& e) {
    throw RelayError(path_, ErrorKind::io_failed, what + ": " + e.what());
  }
  const auto s = status();
  if ((s.bitmap & mask) != expected)
    throw RelayError(path_, ErrorKind::readback_mismatch,
                     what + ": state bitmap reads " + hex(&s.bitmap, 1) + " afterwards");
}

void DcttechBoard::set(int channel, bool on) {
  check_channel(channel);
  const auto bit = static_cast<std::uint8_t>(1u << (channel - 1));
  write_and_confirm(dcttech::encode_set(channel, on), bit, on ? bit : 0,
                    "switching channel " + std::to_string(channel) + (on ? " on" : " off"));
}

void DcttechBoard::all_off() {
  const auto mask = static_cast<std::uint8_t>((1u << channels_) - 1);
  write_and_confirm(dcttech::encode_all(false), mask, 0, "switching all channels off");
}

void DcttechBoard::all_on() {
  const auto mask = static_cast<std::uint8_t>((1u << channels_) - 1);
  write_and_confirm(dcttech::encode_all(true), mask, mask, "switching all channels on");
}

}  // namespace bcmhil::relay
