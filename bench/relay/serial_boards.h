#pragma once
// Drivers for the serial relay-board families. Each owns its SerialLink.
#include "relay_board.h"
#include "serial_link.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::relay {

constexpr std::chrono::milliseconds kDefaultTimeout{500};

// LCUS (CH340): write-only. The board answers nothing, so get() reports the tracked state and
// says so (Readback::tracked).
class LcusBoard : public RelayBoard {
 public:
  LcusBoard(const std::string& path, int channels, std::chrono::milliseconds timeout = kDefaultTimeout);
  std::string family() const override { return "lcus"; }
  std::string identity() const override { return link_.path(); }
  int channel_count() const override { return channels_; }
  bool has_readback() const override { return false; }
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;

 private:
  SerialLink link_;
  int channels_;
  std::vector<bool> tracked_;
};

// KMTronic (FTDI): FF n 00/01; status FF n 03 (1-2 relays) or FF 09 00 (4-8 relays).
class KmtronicBoard : public RelayBoard {
 public:
  // Probes the board with a status query: a board that does not answer fails here, clearly.
  KmtronicBoard(const std::string& path, int channels, std::chrono::milliseconds timeout = kDefaultTimeout);
  std::string family() const override { return "kmtronic"; }
  std::string identity() const override { return link_.path(); }
  int channel_count() const override { return channels_; }
  bool has_readback() const override { return true; }
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;
  void all_off() override;
  std::vector<bool> read_all();

 private:
  SerialLink link_;
  int channels_;
};

// Numato Lab USB relay modules (CDC): text commands, echo, '>' prompt. Also exposes the GPIO and
// ADC reads the larger boards have (to sense a module's output).
class NumatoBoard : public RelayBoard, public SensingBoard {
 public:
  // Probes with "ver"; reads "id get" for the identity.
  NumatoBoard(const std::string& path, int channels, std::chrono::milliseconds timeout = kDefaultTimeout);
  std::string family() const override { return "numato"; }
  std::string identity() const override { return link_.path(); }
  int channel_count() const override { return channels_; }
  bool has_readback() const override { return true; }
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;

  const std::string& version() const { return version_; }
  const std::string& board_id() const { return id_; }
  bool gpio_read(int index0);
  int adc_read(int index0);
  int sense_pin_count() const override { return numato::kMaxGpio; }
  bool read_digital(int pin) override { return gpio_read(pin); }
  int read_analog(int pin) override { return adc_read(pin); }
  int analog_max() const override { return 1023; }
  // Sends one command line (without CR) and returns the answer line.
  std::string command(const std::string& line);

 private:
  SerialLink link_;
  int channels_;
  std::string version_;
  std::string id_;
};

}  // namespace bcmhil::relay
