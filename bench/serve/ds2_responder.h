#pragma once
// What the K-line server asks for each whole request frame it assembled. Called on the server's
// I/O thread; the SystemC implementation marshals into the simulation thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "diagnostic_backend.h"
#include "ds2_server.h"

namespace bcmhil::serve {

class Ds2Responder {
 public:
  virtual ~Ds2Responder() = default;
  // The raw request frame (checksum valid); the raw answer frame, or nullopt for silence.
  virtual std::optional<std::vector<uint8_t>> respond(const std::vector<uint8_t>& request_frame) = 0;
  // False while the line cannot carry anything (a K-line wetted to ground): the server reads and
  // drops, answers nothing and echoes nothing.
  virtual bool line_usable() const { return true; }
};

// A Ds2Server over a DiagnosticBackend, behind a mutex: for tests, fakes and simple hosts.
class BackendResponder : public Ds2Responder {
 public:
  using Clock = std::chrono::steady_clock;
  BackendResponder(diag::DiagnosticBackend& backend, diag::Ds2ServerConfig config = {},
                   std::function<Clock::time_point()> clock = &Clock::now);

  std::optional<std::vector<uint8_t>> respond(const std::vector<uint8_t>& request_frame) override;
  bool line_usable() const override;
  void set_line_usable(bool usable);
  // Run f with the backend locked (tests poke the fake between requests).
  template <typename F>
  auto with_backend(F&& f) {
    std::lock_guard<std::mutex> lock(mutex_);
    return f(backend_);
  }
  diag::Ds2ServerStats stats() const;

 private:
  mutable std::mutex mutex_;
  diag::DiagnosticBackend& backend_;
  diag::Ds2Server server_;
  std::function<Clock::time_point()> clock_;
  bool line_usable_ = true;
};

}  // namespace bcmhil::serve
