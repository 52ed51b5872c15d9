#pragma once
// Serves a Ds2Responder on a diagnostic line: a pseudo-terminal whose peer is linked at a path,
// or a real serial device (USB K-line cable) when the path is one. Runs its own Boost.Asio
// io_context on its own thread. Per byte: echo (when enabled), frame assembly with resync; per
// frame: checksum and address filter, respond(), answer after the response delay, paced at wire
// time. A truncated frame is dropped after the inter-byte timeout. Noise, partial frames and a
// tester that closes mid-frame leave it serving. While line_usable() is false it stays silent.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "ds2_protocol.h"
#include "ds2_responder.h"

namespace bcmhil::serve {

struct KlineServerOptions {
  enum class Mode { kAuto, kPty, kSerial };
  std::string path;              // pty: where the peer is linked; serial: the device
  Mode mode = Mode::kAuto;       // auto: an existing character device is a serial port
  uint8_t address = diag::ds2::kBc1Address;
  // Reflect the tester's bytes, like a single-wire K-line. On a pty the server must do it; on a
  // real K-line interface the wire does it, so leave it off there.
  bool echo = false;
  bool pace = true;              // answer bytes take 11 bits / 9600 baud each
  std::chrono::milliseconds inter_byte_timeout{diag::ds2::kInterByteTimeout};  // see ds2_protocol.h
  std::chrono::microseconds response_delay{0};  // module processing time before the answer
  // SCHED_FIFO priority for the I/O thread (0: normal). Tightens the wire-time pacing on a busy
  // machine; best effort, silently stays normal without the privilege.
  int realtime_priority = 0;
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
  // Where a tester connects: the link path (pty) or the device.
  const std::string& path() const { return options_.path; }
  std::string pty_name() const;  // /dev/pts/N, empty for a serial device
  const KlineServerStats& stats() const { return stats_; }

 private:
  struct Impl;
  Ds2Responder& responder_;
  KlineServerOptions options_;
  KlineServerStats stats_;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  std::atomic<bool> running_{false};
};

}  // namespace bcmhil::serve
