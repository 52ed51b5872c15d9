#pragma once
// The BC1's DS2 service: one request frame in, at most one answer frame out. Pure logic: no I/O,
// no clock of its own (the caller passes `now`, tests pass a simulated clock).
//
// Session (BC1.prg START_DIAGNOSTICS): forcing an output needs seed/key first; the module locks
// again after 30 s without a diagnostic message to it, after DIAGNOSE_ENDE and after SG_RESET.
// Wrong address or bad checksum: no answer at all (the tester times out), like the real line.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "diagnostic_backend.h"
#include "ds2_protocol.h"
#include "frame.h"

namespace bcmhil::diag {

struct Ds2ServerConfig {
  uint8_t address = ds2::kBc1Address;
  std::chrono::steady_clock::duration lock_after = ds2::kSessionLockAfter;
  uint32_t seed_state = 0x1234ABCD;  // the seed generator's start (deterministic for tests)
};

struct Ds2ServerStats {
  std::size_t answered = 0;
  std::size_t ignored_address = 0;
  std::size_t ignored_checksum = 0;
};

class Ds2Server {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Ds2Server(Ds2ServerConfig config = {});

  // A decoded frame (checksum already checked). nullopt: not for us, no answer.
  std::optional<Frame> handle(const Frame& request, DiagnosticBackend& backend,
                              Clock::time_point now);
  // Raw bytes of one whole frame; bad checksum / bad length / wrong address: nullopt.
  std::optional<std::vector<uint8_t>> handle_raw(const std::vector<uint8_t>& request,
                                                 DiagnosticBackend& backend,
                                                 Clock::time_point now);

  // Whether a force would be accepted at `now` (seed/key done, not timed out).
  bool unlocked(Clock::time_point now) const;
  const Ds2ServerStats& stats() const { return stats_; }
  const Ds2ServerConfig& config() const { return config_; }

 private:
  Frame answer(uint8_t status, std::vector<uint8_t> payload = {}) const;
  Frame status_read(uint8_t selector, DiagnosticBackend& backend) const;
  Frame control(const Frame& request, DiagnosticBackend& backend, Clock::time_point now);
  Frame plip(const Frame& request, DiagnosticBackend& backend, Clock::time_point now);  // READ/WRITE_PLIP_CODES
  uint16_t next_seed();
  void lock();

  Ds2ServerConfig config_;
  Ds2ServerStats stats_;
  bool unlocked_ = false;
  std::optional<uint16_t> pending_seed_;
  std::optional<Clock::time_point> last_message_;
  uint32_t seed_state_;
};

}  // namespace bcmhil::diag
