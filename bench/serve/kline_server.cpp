#include "kline_server.h"

#include <pthread.h>
#include <sched.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "frame_assembler.h"
#include "kline_adapter.h"
#include "rfc2217_channel.h"
#include "serial_line.h"

namespace bcmhil::serve {

namespace asio = boost::asio;
using transport::KlineAdapter;

namespace {
// A frame whose first data byte is a DS2 status byte is an answer (bc1_jobresult.csv), e.g. our
// own answer coming back on a real K-line, which reflects every byte. Answering it would start
// an endless exchange with ourselves.
bool is_answer(const std::vector<uint8_t>& raw) {
  if (raw.size() < 4) return false;
  switch (raw[2]) {
    case diag::ds2::kStatusOkay:
    case diag::ds2::kStatusBusy:
    case diag::ds2::kStatusRejected:
    case diag::ds2::kStatusParameter:
    case diag::ds2::kStatusFunction:
    case diag::ds2::kStatusNumber:
    case diag::ds2::kStatusNack:
      return true;
    default:
      return false;
  }
}

void raise_priority(int priority) {
  if (priority <= 0) return;
  sched_param param{};
  param.sched_priority = priority;
  // Best effort: needs CAP_SYS_NICE or an rtprio limit; without it the thread stays as it is.
  (void)pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
}
}  // namespace

struct KlineServer::Impl {
  KlineServer& owner;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::unique_ptr<transport::PseudoTerminal> pty;
  std::unique_ptr<KlineAdapter> adapter;
  std::string endpoint;  // rfc2217: the URL with the bound port
  diag::FrameAssembler assembler;

  explicit Impl(KlineServer& o)
      : owner(o),
        assembler([this](const std::vector<uint8_t>& raw) { on_frame(raw); },
                  [this](const std::vector<uint8_t>&) { ++owner.stats_.bad_checksums; }) {}

  void open() {
    const auto& opt = owner.options_;
    transport::KlineOptions kopt;
    kopt.echo = owner.echoes();
    kopt.pace = opt.pace;
    kopt.inter_byte_timeout = opt.inter_byte_timeout;
    std::unique_ptr<transport::ByteChannel> channel;
    KlineAdapter::Reopen reopen;
    switch (owner.mode()) {
      case KlineServerOptions::Mode::kSerial: {
        channel = transport::make_serial_channel(io, opt.path);
        const std::string path = opt.path;
        reopen = [this, path] { return transport::make_serial_channel(io, path); };
        break;
      }
      case KlineServerOptions::Mode::kRfc2217: {
        transport::Rfc2217Options ropt;
        // The channel echoes the tester's bytes as sent (its own waveform on the one wire), so
        // the adapter must not echo what the module's UART made of them.
        ropt.echo = kopt.echo;
        kopt.echo = false;
        ropt.line_carries = [this] { return owner.responder_.line_usable(); };
        ropt.log = opt.log;
        auto net = std::make_unique<transport::Rfc2217Channel>(io, transport::parse_rfc2217_url(opt.path),
                                                               std::move(ropt));
        endpoint = net->url();
        channel = std::move(net);
        break;
      }
      default:
        pty = std::make_unique<transport::PseudoTerminal>(opt.path);
        channel = transport::make_descriptor_channel(io, pty->dup_master(), pty->slave_name());
        break;
    }
    adapter = std::make_unique<KlineAdapter>(io, std::move(channel), kopt, std::move(reopen));
    adapter->start([this](const uint8_t* d, std::size_t n) { on_bytes(d, n); },
                   [this] { on_idle(); });
  }

  void on_bytes(const uint8_t* data, std::size_t n) {
    owner.stats_.bytes_in += n;
    if (!owner.responder_.line_usable()) {  // wetted K-line: nothing gets through either way
      owner.stats_.dropped_unusable += n;
      assembler.clear();
      return;
    }
    adapter->echo(data, n);
    assembler.push(data, n);
  }

  void on_idle() {
    if (assembler.idle()) return;
    ++owner.stats_.truncated;
    assembler.on_idle();
  }

  void on_frame(const std::vector<uint8_t>& raw) {
    ++owner.stats_.frames;
    if (raw[0] != owner.options_.address) {
      ++owner.stats_.other_address;
      return;
    }
    if (is_answer(raw)) {  // our own answer reflected by a single-wire line: never a request
      ++owner.stats_.own_answers;
      return;
    }
    auto answer = owner.responder_.respond(raw);
    if (!answer || !owner.responder_.line_usable()) return;
    ++owner.stats_.answers;
    if (owner.options_.response_delay.count() <= 0) {
      adapter->send(std::move(*answer), true);
      return;
    }
    auto shared = std::make_shared<std::vector<uint8_t>>(std::move(*answer));
    // One timer is enough: DS2 is strictly request/answer; a second request inside the delay
    // is a tester error and its answer simply queues behind.
    auto timer = std::make_shared<asio::steady_timer>(io, owner.options_.response_delay);
    timer->async_wait([this, shared, timer](const boost::system::error_code& ec) {
      if (!ec && adapter) adapter->send(std::move(*shared), true);
    });
  }
};

KlineServer::KlineServer(Ds2Responder& responder, KlineServerOptions options)
    : responder_(responder), options_(std::move(options)) {}

KlineServer::~KlineServer() { stop(); }

void KlineServer::start() {
  if (running_) return;
  resolved_mode_ = KlineServerOptions::Mode::kAuto;
  resolved_mode_ = mode();
  impl_ = std::make_unique<Impl>(*this);
  impl_->open();  // throws before any thread exists
  running_ = true;
  thread_ = std::thread([this] {
    raise_priority(options_.realtime_priority);
    impl_->io.run();
  });
}

void KlineServer::stop() {
  if (!impl_) return;
  asio::post(impl_->io, [this] {
    if (impl_->adapter) impl_->adapter->stop();
    impl_->work.reset();
    impl_->io.stop();
  });
  if (thread_.joinable()) thread_.join();
  running_ = false;
  impl_->adapter.reset();
  impl_.reset();  // closes the pty and removes the link
}

KlineServerOptions::Mode KlineServer::mode() const {
  using Mode = KlineServerOptions::Mode;
  if (resolved_mode_ != Mode::kAuto) return resolved_mode_;  // once started, our own link is there
  if (options_.mode != Mode::kAuto) return options_.mode;
  if (transport::is_rfc2217_url(options_.path)) return Mode::kRfc2217;
  // A link to a pty is another server's (live: refused by the claim; dead: replaced), not a device.
  const bool device = transport::is_character_device(options_.path) && !transport::is_pty_link(options_.path);
  return device ? Mode::kSerial : Mode::kPty;
}

bool KlineServer::echoes() const {
  // A real K-line interface's wire reflects the tester's bytes itself; a pty or a network port
  // has no wire, so the server does it.
  return options_.echo.value_or(mode() != KlineServerOptions::Mode::kSerial);
}

std::string KlineServer::endpoint() const {
  return impl_ && !impl_->endpoint.empty() ? impl_->endpoint : options_.path;
}

std::string KlineServer::pty_name() const {
  return impl_ && impl_->pty ? impl_->pty->slave_name() : std::string();
}

}  // namespace bcmhil::serve
