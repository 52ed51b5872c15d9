#pragma once
// Serves a Ds2Responder on a diagnostic line: a pseudo-terminal whose peer is linked at a path,
// a real serial device (USB K-line cable) when the path is one, or an RFC 2217 network serial
// port (rfc2217://HOST:PORT) that stock serial clients open with even parity honoured. Runs its own Boost.Asio
// io_context on its own thread. Per byte: echo (when enabled), frame assembly with resync; per
// frame: checksum and address filter, respond(), answer after the response delay, paced at wire
// time. A truncated frame is dropped after the inter-byte timeout. Noise, partial frames and a
// tester that closes mid-frame leave it serving. While line_usable() is false it stays silent.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "ds2_protocol.h"
#include "ds2_responder.h"

namespace bcmhil::serve {

struct KlineServerOptions {
  enum class Mode { kAuto, kPty, kSerial, kRfc2217 };
  // pty: where the peer is linked; serial: the device; rfc2217: rfc2217://HOST:PORT (port 0: any)
  std::string path;
  // auto: rfc2217:// is the network port, an existing character device a serial port (but a
  // symlink to a pty is a pty link: another server's, refused while it lives), else a pty
  Mode mode = Mode::kAuto;
  uint8_t address = diag::ds2::kBc1Address;
  // Reflect the tester's bytes, like a single-wire K-line. Unset: on for a pty and rfc2217 (no
  // wire to do it), off for a serial device (a real K-line interface's wire does it). Off for a
  // tester whose adapter swallows the echo.
  std::optional<bool> echo;
  bool pace = true;              // answer bytes take 11 bits / 9600 baud each
  std::chrono::milliseconds inter_byte_timeout{diag::ds2::kInterByteTimeout};  // see ds2_protocol.h
  std::chrono::microseconds response_delay{0};  // module processing time before the answer
  // SCHED_FIFO priority for the I/O thread (0: normal). Tightens the wire-time pacing on a busy
  // machine; best effort, silently stays normal without the privilege.
  int realtime_priority = 0;
  // Line events worth a person's attention (rfc2217: testers connecting, leaving, refused).
  // Called on the server's I/O thread.
  std::function<void(const std::string&)> log;
};

struct KlineServerStats {
  std::atomic<std::size_t> frames{0};
  std::atomic<std::size_t> answers{0};
  std::atomic<std::size_t> bad_checksums{0};
  std::atomic<std::size_t> other_address{0};
  std::atomic<std::size_t> own_answers{0};  // answer frames seen on the line (our own echo)
  std::atomic<std::size_t> truncated{0};
  std::atomic<std::size_t> dropped_unusable{0};
  std::atomic<std::size_t> bytes_in{0};
};

class KlineServer {
 public:
  KlineServer(Ds2Responder& responder, KlineServerOptions options);
  ~KlineServer();
  KlineServer(const KlineServer&) = delete;
  KlineServer& operator=(const KlineServer&) = delete;

  // Creates the pty (or opens the device) before returning, then serves on a thread.
  // Throws transport::TransportError.
  void start();
  void stop();
  bool running() const { return running_; }
  // Where a tester connects: the link path (pty), the device, or rfc2217://ADDRESS:PORT with the
  // port actually bound (valid after start()).
  std::string endpoint() const;
  bool echoes() const;  // the echo in force (options.echo resolved for the line)
  KlineServerOptions::Mode mode() const;  // the mode in force (kAuto resolved)
  std::string pty_name() const;  // /dev/pts/N, empty for a serial device
  const KlineServerStats& stats() const { return stats_; }

 private:
  struct Impl;
  Ds2Responder& responder_;
  KlineServerOptions options_;
  KlineServerStats stats_;
  KlineServerOptions::Mode resolved_mode_ = KlineServerOptions::Mode::kAuto;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  std::atomic<bool> running_{false};
};

}  // namespace bcmhil::serve
