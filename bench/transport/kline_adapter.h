#pragma once
// The module's end of a K-line, over a ByteChannel, on an Asio io_context (one thread):
//  - reads bytes and hands them on; after `inter_byte_timeout` of silence following a byte it
//    reports the line idle (whoever assembles frames discards a truncated one then);
//  - optionally echoes the tester's bytes (a single-wire K-line reflects every byte);
//  - sends answers paced at wire time: byte i of an answer arrives at start + (i+1) × 11/9600 s,
//    scheduled against absolute time so timer lateness never accumulates;
//  - survives read errors (a pty whose peer vanished, a USB cable unplugged): it waits and
//    re-arms, reopening the channel when a reopen function is given.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "byte_channel.h"
#include "ds2_protocol.h"

namespace bcmhil::transport {

struct KlineOptions {
  bool echo = false;
  bool pace = true;  // answer bytes take their wire time
  std::chrono::nanoseconds byte_time = diag::ds2::kByteWireTime;
  std::chrono::milliseconds inter_byte_timeout{20};
  std::chrono::milliseconds error_backoff{50};
};

struct KlineAdapterStats {
  std::size_t bytes_in = 0;
  std::size_t bytes_out = 0;
  std::size_t idle_events = 0;
  std::size_t read_errors = 0;
  std::size_t reopens = 0;
};

class KlineAdapter {
 public:
  using BytesHandler = std::function<void(const uint8_t* data, std::size_t size)>;
  using IdleHandler = std::function<void()>;
  using Reopen = std::function<std::unique_ptr<ByteChannel>()>;

  KlineAdapter(boost::asio::io_context& io, std::unique_ptr<ByteChannel> channel,
               KlineOptions options, Reopen reopen = nullptr);
  ~KlineAdapter();

  // Call on the io_context's thread (or before it runs).
  void start(BytesHandler on_bytes, IdleHandler on_idle);
  void stop();
  // Queues bytes; paced at wire time when `paced` (and options.pace), else written at once.
  void send(std::vector<uint8_t> bytes, bool paced, std::function<void()> done = nullptr);
  void echo(const uint8_t* data, std::size_t size);
  bool echo_enabled() const { return options_.echo; }
  const KlineAdapterStats& stats() const { return stats_; }

 private:
  struct Pending {
    std::vector<uint8_t> bytes;
    bool paced = false;
    std::size_t next = 0;
    std::chrono::steady_clock::time_point start{};
    bool started = false;
    std::function<void()> done;
  };
  void read_next();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void arm_idle();
  void pump();
  void write_now(std::size_t count);
  void recover();

  boost::asio::io_context& io_;
  std::unique_ptr<ByteChannel> channel_;
  KlineOptions options_;
  Reopen reopen_;
  BytesHandler on_bytes_;
  IdleHandler on_idle_;
  boost::asio::steady_timer idle_timer_;
  boost::asio::steady_timer pace_timer_;
  boost::asio::steady_timer backoff_timer_;
  std::vector<uint8_t> read_buffer_;
  std::deque<Pending> queue_;
  std::vector<uint8_t> in_flight_;
  bool writing_ = false;
  bool running_ = false;
  std::shared_ptr<bool> alive_;
  KlineAdapterStats stats_;
};

}  // namespace bcmhil::transport
