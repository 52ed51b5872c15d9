#pragma once
// dcttech "USBRelayN" HID boards (16c0:05df). The driver is written against HidDevice, the seam
// where reports are exchanged, so tests use a fake device; HidapiDevice is the real one.
#include "relay_board.h"
#include "relay_protocols.h"

#include <memory>
#include <string>

namespace bcmhil::relay {

class HidDevice {
 public:
  virtual ~HidDevice() = default;
  virtual std::string path() const = 0;
  virtual std::string product() const = 0;  // "USBRelay2"
  // `report` starts with the report id (hidapi convention).
  virtual void send_feature_report(const Bytes& report) = 0;
  // Returns report id + data, `length` data bytes asked for.
  virtual Bytes get_feature_report(std::uint8_t report_id, std::size_t length) = 0;
};

// Opens a dcttech board through hidapi: by its 5-character ID (serial) or by hidraw path; empty
// selects the only board present (error if there are several).
std::unique_ptr<HidDevice> open_hidapi_device(const std::string& serial_or_path);

class DcttechBoard : public RelayBoard {
 public:
  // Reads the feature report once: channel count from the product string, serial from the report.
  explicit DcttechBoard(std::unique_ptr<HidDevice> device);
  std::string family() const override { return "dcttech"; }
  std::string identity() const override { return serial_; }
  int channel_count() const override { return channels_; }
  bool has_readback() const override { return true; }
  // Per-channel command FF n / FD n, confirmed by reading the feature report back.
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;
  // All-channels command FC, confirmed by read-back.
  void all_off() override;
  // All-channels command FE (tests and the CLI only; the safety layer never switches all on).
  void all_on();
  dcttech::Status status();
  const std::string& path() const { return path_; }

 private:
  void write_and_confirm(const Bytes& report, std::uint8_t mask, std::uint8_t expected, const std::string& what);
  std::unique_ptr<HidDevice> device_;
  std::string path_;
  std::string serial_;
  int channels_ = 0;
};

}  // namespace bcmhil::relay
