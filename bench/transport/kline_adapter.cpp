#include "kline_adapter.h"

#include <boost/asio/error.hpp>

namespace bcmhil::transport {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

KlineAdapter::KlineAdapter(asio::io_context& io, std::unique_ptr<ByteChannel> channel,
                           KlineOptions options, Reopen reopen)
    : io_(io),
      channel_(std::move(channel)),
      options_(options),
      reopen_(std::move(reopen)),
      idle_timer_(io),
      pace_timer_(io),
      backoff_timer_(io),
      read_buffer_(512),
      alive_(std::make_shared<bool>(true)) {}

KlineAdapter::~KlineAdapter() {
  *alive_ = false;
  stop();
}

void KlineAdapter::start(BytesHandler on_bytes, IdleHandler on_idle) {
  on_bytes_ = std::move(on_bytes);
  on_idle_ = std::move(on_idle);
  running_ = true;
  read_next();
}

void KlineAdapter::stop() {
  running_ = false;
  idle_timer_.cancel();
  pace_timer_.cancel();
  backoff_timer_.cancel();
  if (channel_) {
    channel_->cancel();
    channel_->close();
  }
}

void KlineAdapter::read_next() {
  if (!running_ || !channel_) return;
  auto alive = alive_;
  channel_->async_read_some(read_buffer_.data(), read_buffer_.size(),
                            [this, alive](const boost::system::error_code& ec, std::size_t n) {
                              if (*alive) on_read(ec, n);
                            });
}

void KlineAdapter::on_read(const boost::system::error_code& ec, std::size_t n) {
  if (!running_) return;
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    ++stats_.read_errors;
    recover();
    return;
  }
  stats_.bytes_in += n;
  if (on_bytes_) on_bytes_(read_buffer_.data(), n);
  arm_idle();
  read_next();
}

void KlineAdapter::recover() {
  // EIO on a pty master whose last peer closed, or a vanished USB device: back off, reopen if we
  // can, and read again. The module keeps serving; nothing is torn down.
  auto alive = alive_;
  backoff_timer_.expires_after(options_.error_backoff);
  backoff_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || !*alive || !running_) return;
    if (reopen_) {
      try {
        auto fresh = reopen_();
        if (fresh) {
          if (channel_) channel_->close();
          channel_ = std::move(fresh);
          writing_ = false;
          ++stats_.reopens;
        }
      } catch (const std::exception&) {
        recover();
        return;
      }
    }
    read_next();
    pump();
  });
}

void KlineAdapter::arm_idle() {
  auto alive = alive_;
  idle_timer_.expires_after(options_.inter_byte_timeout);
  idle_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || !*alive || !running_) return;
    ++stats_.idle_events;
    if (on_idle_) on_idle_();
  });
}

void KlineAdapter::echo(const uint8_t* data, std::size_t size) {
  if (!options_.echo || size == 0) return;
  send(std::vector<uint8_t>(data, data + size), false);
}

void KlineAdapter::send(std::vector<uint8_t> bytes, bool paced, std::function<void()> done) {
  if (bytes.empty()) {
    if (done) done();
    return;
  }
  Pending p;
  p.bytes = std::move(bytes);
  p.paced = paced && options_.pace;
  p.done = std::move(done);
  queue_.push_back(std::move(p));
  pump();
}

void KlineAdapter::pump() {
  if (writing_ || queue_.empty() || !running_ || !channel_) return;
  Pending& head = queue_.front();
  if (!head.paced) {
    write_now(head.bytes.size() - head.next);
    return;
  }
  const auto now = Clock::now();
  if (!head.started) {
    head.start = now;
    head.started = true;
  }
  // Bytes whose wire slot has ended are due; write them all (catching up if the timer was late).
  std::size_t due = head.next;
  while (due < head.bytes.size() &&
         head.start + options_.byte_time * static_cast<long long>(due + 1) <= now)
    ++due;
  if (due > head.next) {
    write_now(due - head.next);
    return;
  }
  auto alive = alive_;
  pace_timer_.expires_at(head.start + options_.byte_time * static_cast<long long>(head.next + 1));
  writing_ = true;  // the timer owns the queue until it fires
  pace_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (!*alive) return;
    writing_ = false;
    if (ec) return;
    pump();
  });
}

void KlineAdapter::write_now(std::size_t count) {
  Pending& head = queue_.front();
  in_flight_.assign(head.bytes.begin() + static_cast<std::ptrdiff_t>(head.next),
                    head.bytes.begin() + static_cast<std::ptrdiff_t>(head.next + count));
  writing_ = true;
  auto alive = alive_;
  channel_->async_write(
      in_flight_.data(), in_flight_.size(),
      [this, alive, count](const boost::system::error_code& ec, std::size_t) {
        if (!*alive) return;
        writing_ = false;
        if (ec) {
          if (ec == asio::error::operation_aborted) return;
          // Drop what could not be written: an answer to a vanished tester is worthless.
          if (!queue_.empty()) queue_.pop_front();
          pump();
          return;
        }
        stats_.bytes_out += count;
        Pending& h = queue_.front();
        h.next += count;
        if (h.next >= h.bytes.size()) {
          auto done = std::move(h.done);
          queue_.pop_front();
          if (done) done();
        }
        pump();
      });
}

}  // namespace bcmhil::transport
