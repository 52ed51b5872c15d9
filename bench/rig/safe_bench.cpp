#include "safe_bench.h"

#include "board_factory.h"

#include <sstream>

namespace bcmhil::rig {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

const char* to_string(SetOutcome o) {
  switch (o) {
    case SetOutcome::switched: return "switched";
    case SetOutcome::unchanged: return "unchanged";
    case SetOutcome::refused_latched: return "refused (max on-time latch)";
  }
  return "?";
}

const char* to_string(SafetyEvent::Kind k) {
  switch (k) {
    case SafetyEvent::Kind::max_on_tripped: return "max-on-tripped";
    case SafetyEvent::Kind::board_failed: return "board-failed";
    case SafetyEvent::Kind::all_off: return "all-off";
    case SafetyEvent::Kind::guard_lost: return "guard-lost";
    case SafetyEvent::Kind::signal: return "signal";
  }
  return "?";
}

SafeBench::SafeBench(BenchConfig config, BenchOptions options)
    : config_(std::move(config)), options_(options), live_(config_.channels.size()) {
  if (options_.dry_run) {
    for (const auto& b : config_.boards)
      boards_.push_back(std::make_unique<relay::DryRunBoard>(b.spec, b.name, *options_.dry_run_out));
  } else {
    if (options_.watchdog) {
      std::vector<relay::BoardSpec> specs;
      for (const auto& b : config_.boards) specs.push_back(b.spec);
      // First, while this object has no thread: the guard is a fork of this process.
      watchdog_ = std::make_unique<Watchdog>(specs, options_.watchdog_grace);
    }
    for (const auto& b : config_.boards) boards_.push_back(relay::open_board(b.spec));
  }
  start();
}

SafeBench::SafeBench(BenchConfig config, OpenedBoards opened, BenchOptions options)
    : config_(std::move(config)), options_(options), boards_(std::move(opened.boards)), live_(config_.channels.size()) {
  options_.watchdog = false;
  if (boards_.size() != config_.boards.size())
    throw std::invalid_argument("SafeBench: " + std::to_string(boards_.size()) + " boards given, the description has " +
                                std::to_string(config_.boards.size()));
  start();
}

void SafeBench::start() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto report = all_off_locked("start");
    if (!report.ok) {
      std::string text;
      for (const auto& l : report.lines) text += "\n  " + l;
      throw relay::RelayError(config_.source, relay::ErrorKind::readback_mismatch,
                              "could not bring the bench to all-off at start:" + text);
    }
  }
  timer_ = std::thread([this] { timer_loop(); });
}

SafeBench::~SafeBench() {
  const AllOffReport report = all_off();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  timer_cv_.notify_all();
  if (timer_.joinable()) timer_.join();
  if (!report.ok) {
    for (const auto& l : report.lines) std::cerr << "bcmhil relay: " << l << "\n";
  }
  if (watchdog_) {
    // All off and confirmed: release the guard quietly. Otherwise let it try with its own
    // connection: closing the socket without STOP is what a dying controller does.
    if (report.ok) watchdog_->stop();
    else watchdog_->hand_over();
  }
}

ChannelId SafeBench::channel(std::string_view name) const {
  const int i = config_.index_of(name);
  if (i >= 0) return ChannelId{i};
  std::string known;
  for (const auto& c : config_.channels) known += (known.empty() ? "" : ", ") + c.name;
  throw std::invalid_argument("no channel '" + std::string(name) + "' in " + config_.source + " (channels: " + known + ")");
}

SetOutcome SafeBench::set(ChannelId id, bool on) {
  const ChannelConfig& ch = config_.channels.at(static_cast<std::size_t>(id.index));
  std::lock_guard<std::mutex> lock(mutex_);
  if (halted_) throw BenchHalted("the bench has halted after a fault; not switching '" + ch.name + "'");
  Live& l = live_[static_cast<std::size_t>(id.index)];
  const bool coil = on != ch.inverted;
  if (l.latched) {
    if (coil) return SetOutcome::refused_latched;
    l.latched = false;  // the caller has taken note: the relay is already off
    return SetOutcome::unchanged;
  }
  if (coil == l.energised) return SetOutcome::unchanged;
  relay::RelayBoard& board = *boards_[static_cast<std::size_t>(ch.board_index)];
  if (coil && watchdog_ && !watchdog_->arm(ch.board_index, ch.channel, ch.max_on)) {
    record_locked(SafetyEvent::Kind::guard_lost, ch.name, "the guard process is gone");
    halt_locked("relay guard", "the guard process is gone; refusing to energise '" + ch.name + "'");
  }
  const auto t0 = Clock::now();
  try {
    board.set(ch.channel, coil);
  } catch (const relay::RelayError& e) {
    halt_locked(ch.board, std::string("switching '") + ch.name + "': " + e.what());
  }
  const auto t1 = Clock::now();
  latency_.add(t1 - t0);
  l.energised = coil;
  if (coil) {
    l.since = t1;
    // The on-time counts from before the command: the relay may have closed at any point of it.
    l.deadline = t0 + ch.max_on;
    timer_cv_.notify_all();
  } else {
    l.deadline.reset();
    if (watchdog_) watchdog_->disarm(ch.board_index, ch.channel);
  }
  return SetOutcome::switched;
}

ChannelStatus SafeBench::status(ChannelId id) const {
  const ChannelConfig& ch = config_.channels.at(static_cast<std::size_t>(id.index));
  std::lock_guard<std::mutex> lock(mutex_);
  const Live& l = live_[static_cast<std::size_t>(id.index)];
  ChannelStatus s;
  s.energised = l.energised;
  s.on = l.energised != ch.inverted;
  s.latched_off = l.latched;
  if (l.energised) s.on_for = duration_cast<milliseconds>(Clock::now() - l.since);
  return s;
}

relay::ChannelReading SafeBench::read(ChannelId id) {
  const ChannelConfig& ch = config_.channels.at(static_cast<std::size_t>(id.index));
  std::lock_guard<std::mutex> lock(mutex_);
  if (halted_) throw BenchHalted("the bench has halted after a fault; not reading '" + ch.name + "'");
  try {
    auto r = boards_[static_cast<std::size_t>(ch.board_index)]->get(ch.channel);
    r.on = r.on != ch.inverted;
    return r;
  } catch (const relay::RelayError& e) {
    halt_locked(ch.board, std::string("reading '") + ch.name + "': " + e.what());
  }
}

SenseId SafeBench::sense_point(std::string_view name) const {
  for (std::size_t i = 0; i < config_.sense.size(); ++i)
    if (config_.sense[i].name == name) return SenseId{static_cast<int>(i)};
  std::string known;
  for (const auto& p : config_.sense) known += (known.empty() ? "" : ", ") + p.name;
  throw std::invalid_argument("no sense point '" + std::string(name) + "' in " + config_.source +
                              (known.empty() ? std::string(" (it has none)") : " (sense points: " + known + ")"));
}

SenseReading SafeBench::sense(SenseId id) {
  const SenseConfig& p = config_.sense.at(static_cast<std::size_t>(id.index));
  std::lock_guard<std::mutex> lock(mutex_);
  if (halted_) throw BenchHalted("the bench has halted after a fault; not reading '" + p.name + "'");
  auto* board = dynamic_cast<relay::SensingBoard*>(boards_[static_cast<std::size_t>(p.board_index)].get());
  if (!board) throw std::invalid_argument("board '" + p.board + "' cannot sense");
  try {
    SenseReading r;
    if (p.mode == SenseMode::digital) {
      r.raw = board->read_digital(p.pin) ? 1 : 0;
      r.high = r.raw == 1;
    } else {
      r.raw = board->read_analog(p.pin);
      r.full_scale = board->analog_max();
      r.high = r.raw * 2 > r.full_scale;
    }
    return r;
  } catch (const relay::RelayError& e) {
    halt_locked(p.board, std::string("sensing '") + p.name + "': " + e.what());
  }
}

AllOffReport SafeBench::all_off() {
  std::lock_guard<std::mutex> lock(mutex_);
  return all_off_locked("all off");
}

AllOffReport SafeBench::all_off_locked(const char* why) {
  AllOffReport report;
  for (std::size_t b = 0; b < boards_.size(); ++b) {
    const auto& bc = config_.boards[b];
    auto& board = *boards_[b];
    try {
      board.all_off();
      std::string line = bc.name + ": all off";
      if (board.has_readback()) {
        std::string on;
        for (const auto& ch : config_.channels)
          if (ch.board_index == static_cast<int>(b) && board.get(ch.channel).on) on += " " + ch.name;
        if (on.empty()) line += ", read back off";
        else {
          line += ", STILL ON:" + on;
          report.ok = false;
        }
      } else if (options_.dry_run) {
        line += " (dry run: nothing sent)";
      } else {
        line += " (sent; this board cannot be read back)";
      }
      report.lines.push_back(line);
    } catch (const std::exception& e) {
      report.ok = false;
      report.lines.push_back(bc.name + ": FAILED to switch off: " + e.what());
    }
  }
  for (auto& l : live_) {
    l.energised = false;
    l.deadline.reset();
  }
  if (watchdog_ && report.ok) watchdog_->disarm_all();
  std::string detail;
  for (const auto& l : report.lines) detail += (detail.empty() ? "" : "; ") + l;
  record_locked(SafetyEvent::Kind::all_off, "", std::string(why) + ": " + detail);
  return report;
}

void SafeBench::halt_locked(const std::string& board, const std::string& what) {
  halted_ = true;
  record_locked(SafetyEvent::Kind::board_failed, board, what);
  const auto report = all_off_locked("halt");
  std::string text = what + "; bench halted, every relay switched off:";
  for (const auto& l : report.lines) text += "\n  " + l;
  timer_cv_.notify_all();
  throw BenchHalted(text);
}

bool SafeBench::halted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return halted_;
}

std::vector<SafetyEvent> SafeBench::events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return events_;
}

void SafeBench::record(SafetyEvent::Kind kind, std::string channel, std::string detail) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_locked(kind, std::move(channel), std::move(detail));
}

void SafeBench::record_locked(SafetyEvent::Kind kind, std::string channel, std::string detail) {
  events_.push_back({Clock::now(), kind, std::move(channel), std::move(detail)});
}

relay::LatencySummary SafeBench::latency() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return latency_.summary();
}

void SafeBench::timer_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    int next = -1;
    for (std::size_t i = 0; i < live_.size(); ++i)
      if (live_[i].deadline && (next < 0 || *live_[i].deadline < *live_[static_cast<std::size_t>(next)].deadline))
        next = static_cast<int>(i);
    if (next < 0) {
      timer_cv_.wait(lock);
      continue;
    }
    Live& l = live_[static_cast<std::size_t>(next)];
    if (Clock::now() < *l.deadline) {
      timer_cv_.wait_until(lock, *l.deadline);
      continue;
    }
    const ChannelConfig& ch = config_.channels[static_cast<std::size_t>(next)];
    const auto on_for = duration_cast<milliseconds>(Clock::now() - l.since);
    try {
      boards_[static_cast<std::size_t>(ch.board_index)]->set(ch.channel, false);
      l.energised = false;
      l.latched = true;
      l.deadline.reset();
      if (watchdog_) watchdog_->disarm(ch.board_index, ch.channel);
      record_locked(SafetyEvent::Kind::max_on_tripped, ch.name,
             "energised for " + std::to_string(on_for.count()) + " ms, max_on " + format_duration(ch.max_on) +
                 ": switched off and latched");
    } catch (const relay::RelayError& e) {
      try {
        halt_locked(ch.board, std::string("max on-time switch-off of '") + ch.name + "' failed: " + e.what());
      } catch (const BenchHalted&) {
      }
    }
  }
}

}  // namespace bcmhil::rig
