#pragma once
// The diagnostic line's physical side: a serial device at 9600 8E1 (a USB K-line cable) or a
// pseudo-terminal pair whose peer is linked at a path, so a tester opens it like a device.
//
// A Linux pty cannot keep a parity bit: its driver clears PARENB on every tcsetattr, and glibc's
// tcsetattr, which reads the settings back, then fails with EINVAL (not always: it depends on what
// the call changed). A client must open the pty as 9600 8N1; the bytes are the same, the parity
// bit does not exist on a pty. Even parity honoured end to end: the RFC 2217 endpoint
// (rfc2217_channel.h).
#include <memory>
#include <stdexcept>
#include <string>

namespace bcmhil::transport {

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a line was set up by configure_kline().
struct LineSetup {
  bool even_parity = true;  // false: a pty, set to 8N1 instead (see note)
  std::string note;         // empty when the line is at 9600 8E1; else why not, for the user
};

// Raw mode, 9600 baud, 8 data bits, even parity, 1 stop bit, no flow control (DS2 on the K-line),
// then reads the settings back: a driver may ignore what it cannot do. On a pseudo-terminal the
// missing parity falls back to 9600 8N1 with a note; anywhere else a failure throws
// TransportError naming `name` and the errno text.
LineSetup configure_kline(int fd, const std::string& name);

// Raw mode at 9600 8N1 without parity: the server's side of a pty. Throws TransportError.
void configure_pty_raw(int fd, const std::string& name);

bool is_pseudo_terminal(int fd);
// True for a symlink to a pty peer (/dev/pts/N): what a PseudoTerminal links, live or left by a
// killed process; never a USB cable, whose /dev/serial/by-id links point at /dev/ttyUSB*.
bool is_pty_link(const std::string& path);

// True when path names a character device that is not one of our pty links' targets' masters,
// i.e. something to open as a serial port rather than to create.
bool is_character_device(const std::string& path);

// A pseudo-terminal pair. The master stays with the simulated module; the slave ("peer") is what
// a tester opens, reachable at link_path through a symlink. The pair keeps one slave descriptor
// open itself, so a tester closing (even mid-frame) never hangs up the master: the next tester
// simply opens the link again.
class LinkClaim;

class PseudoTerminal {
 public:
  // Throws TransportError. An existing symlink at link_path is replaced; any other file is not.
  // The link is claimed first (link_claim.h): a link held by another live process is refused,
  // untouched.
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
  std::unique_ptr<LinkClaim> claim_;
  int master_ = -1;
  int slave_ = -1;
  std::string slave_name_;
  std::string link_path_;
};

}  // namespace bcmhil::transport
