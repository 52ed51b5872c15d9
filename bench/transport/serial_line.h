#pragma once
// The diagnostic line's physical side: a serial device at 9600 8E1 (a USB K-line cable) or a
// pseudo-terminal pair whose peer is linked at a path, so a tester opens it like a device.
#include <boost/asio/serial_port.hpp>

#include <stdexcept>
#include <string>

namespace bcmhil::transport {

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 9600 baud, 8 data bits, even parity, 1 stop bit, no flow control (DS2 on the K-line).
void configure_kline(boost::asio::serial_port& port);

// True when path names a character device that is not one of our pty links' targets' masters,
// i.e. something to open as a serial port rather than to create.
bool is_character_device(const std::string& path);

// A pseudo-terminal pair. The master stays with the simulated module; the slave ("peer") is what
// a tester opens, reachable at link_path through a symlink. The pair keeps one slave descriptor
// open itself, so a tester closing (even mid-frame) never hangs up the master: the next tester
// simply opens the link again.
class PseudoTerminal {
 public:
  // Throws TransportError. An existing symlink at link_path is replaced; any other file is not.
  explicit PseudoTerminal(const std::string& link_path);
  ~PseudoTerminal();
  PseudoTerminal(const PseudoTerminal&) = delete;
  PseudoTerminal& operator=(const PseudoTerminal&) = delete;

  // A dup of the master descriptor for the caller to own (e.g. an Asio stream_descriptor).
  int dup_master() const;
  const std::string& slave_name() const { return slave_name_; }
  const std::string& link_path() const { return link_path_; }
  // Discards whatever waits in the slave's input queue (answers nobody read).
  void flush_peer_input();

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string slave_name_;
  std::string link_path_;
};

}  // namespace bcmhil::transport
