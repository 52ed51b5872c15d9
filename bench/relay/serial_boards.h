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

// LCUS (CH340): A0 frames to switch; the status query FF for read-back where the board answers
// it ("CH1: ON\r\n..."). Many boards, most LCUS-1, answer nothing: the driver finds out once, at
// open (a timeout on the first query), and then drives the board write-only: get() reports the
// tracked state and says so (Readback::tracked), readback_note() says why.
class LcusBoard : public RelayBoard {
 public:
  // Throws RelayError (bad_answer) if the board answers the status query with fewer relays than
  // `channels`: the description is wrong.
  LcusBoard(const std::string& path, int channels, std::chrono::milliseconds timeout = kDefaultTimeout);
  std::string family() const override { return "lcus"; }
  std::string identity() const override { return link_.path(); }
  int channel_count() const override { return channels_; }
  bool has_readback() const override { return readback_; }
  std::string readback_note() const override { return readback_note_; }
  void set(int channel, bool on) override;
  ChannelReading get(int channel) override;
  void all_off() override;
  // Every relay's state from the status query (element 0 unused). Only when has_readback().
  std::vector<bool> read_all();

 private:
  std::string query_status();  // FF, then one answer line per relay
  void probe();

  SerialLink link_;
  int channels_;
  std::vector<bool> tracked_;
  bool readback_ = false;
  std::string readback_note_;
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
