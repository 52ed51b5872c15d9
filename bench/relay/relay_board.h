#pragma once
// The one narrow interface every relay board is used through (labgrid habit: the resource, the
// driver and the protocol the rest of the code sees are separate). Channels are numbered from 1 on
// every family, whatever the wire uses (Numato counts from 0 on the wire; its driver converts).
#include <stdexcept>
#include <string>

namespace bcmhil::relay {

// Where a channel state came from: the board answered, or the driver remembers what it last sent
// (an LCUS board that does not answer its status query cannot be read back).
enum class Readback { hardware, tracked };

struct ChannelReading {
  bool on = false;
  Readback source = Readback::tracked;
};

enum class ErrorKind {
  open_failed,        // no such device, permission, not a tty, no matching HID board
  io_failed,          // a write or read failed
  gone,               // the board vanished (device closed, EOF/EIO, unplugged)
  timeout,            // the board did not answer in time
  bad_answer,         // the board answered something the protocol does not allow
  readback_mismatch,  // the read-back after a write disagrees with what was written
  bad_channel,        // channel number outside 1..channel_count()
};

const char* to_string(ErrorKind kind);

// Every driver error names the device and what happened.
class RelayError : public std::runtime_error {
 public:
  RelayError(std::string device, ErrorKind kind, std::string what_happened);
  const std::string& device() const { return device_; }
  ErrorKind kind() const { return kind_; }
  const std::string& what_happened() const { return what_happened_; }

 private:
  std::string device_;
  ErrorKind kind_;
  std::string what_happened_;
};

class RelayBoard {
 public:
  virtual ~RelayBoard() = default;

  virtual std::string family() const = 0;
  // Serial number where the board has one (dcttech), else the device path.
  virtual std::string identity() const = 0;
  virtual int channel_count() const = 0;
  // True when get() asks the hardware; false when it can only report what was sent.
  virtual bool has_readback() const = 0;
  // Why a board cannot be read back, in a few words for the user ("" when it can). Said once, when
  // the board is opened or listed, not on every write.
  virtual std::string readback_note() const { return has_readback() ? "" : "no read-back"; }

  // Switches one channel (1-based). Returns once the board took the command and, where the board
  // can be read, the read-back confirmed it (else throws RelayError readback_mismatch).
  virtual void set(int channel, bool on) = 0;
  virtual ChannelReading get(int channel) = 0;
  // Every channel off, confirmed by read-back where possible. Default: set(ch, false) for each.
  virtual void all_off();

 protected:
  void check_channel(int channel) const;
};

// Boards that can also sense (Numato GPIO / ADC): a separate narrow interface, so the relay one
// stays what every family has. Pins are numbered as on the board (0-based for Numato IO0...).
class SensingBoard {
 public:
  virtual ~SensingBoard() = default;
  virtual int sense_pin_count() const = 0;
  virtual bool read_digital(int pin) = 0;
  virtual int read_analog(int pin) = 0;  // raw ADC counts
  virtual int analog_max() const = 0;    // full-scale count (1023 for a 10-bit ADC)
};

}  // namespace bcmhil::relay
