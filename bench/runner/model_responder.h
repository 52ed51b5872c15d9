#pragma once
// The simulated BC1 answering DS2 on a K-line served by another thread.
//
// The K-line server calls respond() on its I/O thread. SystemC runs in one thread and nothing
// else may touch its signals, so the request is queued and the kernel is poked with
// async_request_update(), the one thread-safe entry SystemC offers; in the next update phase a
// simulation process runs the DS2 service against the model, at simulated time, and hands the
// answer back. The DS2 session clock is simulated time too, so "locks after 30 s" means 30
// simulated seconds, as the module would count them.
#include "bench/serve/ds2_responder.h"
#include "model/diag/diagnostic_backend.h"
#include "model/diag/ds2_server.h"

#include <systemc>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>

namespace bcmhil::runner {

class ModelResponder : public sc_core::sc_prim_channel, public serve::Ds2Responder {
 public:
  // `line_usable` is evaluated in the simulation (e.g. the K-line pin's voltage) after each
  // request and whenever `line_changed` fires.
  ModelResponder(const char* name, diag::DiagnosticBackend& backend, std::function<bool()> line_usable = {});

  std::optional<std::vector<uint8_t>> respond(const std::vector<uint8_t>& request_frame) override;
  bool line_usable() const override { return line_usable_.load(); }

  // The line as the model has it now (simulation thread; serve calls it after every paced slice).
  // Without it a request that found the line unusable (the module still starting up, a film not
  // yet dry) left the line deaf for good: line_usable() was only refreshed by requests, which an
  // unusable line never lets through. A look, not a request: `usable` must come from a check that
  // hears nothing (Bc1Module::kline_usable, not hear_kline, which wakes the module and queues a
  // SystemC timeout: after every slice that kept a served module awake for good, and its memory
  // growing with the slices).
  void refresh_line(bool usable) { line_usable_ = usable; }
  // Called (from the I/O thread) whenever a request is queued: the pacer wakes up early.
  void on_request(std::function<void()> wake) { wake_ = std::move(wake); }
  // How long respond() waits for the simulation before giving up (the tester sees silence).
  std::chrono::milliseconds timeout{500};
  const diag::Ds2Server& server() const { return server_; }

 private:
  struct Pending {
    std::vector<uint8_t> request;
    std::promise<std::optional<std::vector<uint8_t>>> answer;
  };
  void update() override;  // kernel thread, update phase
  void serve_pending();    // kernel thread, a spawned method
  static std::chrono::steady_clock::time_point simulated_now();

  diag::DiagnosticBackend& backend_;
  diag::Ds2Server server_;
  std::function<bool()> line_check_;
  std::function<void()> wake_;
  std::atomic<bool> line_usable_{true};
  std::mutex mutex_;
  std::deque<Pending> queue_;
  sc_core::sc_event arrived_;
};

}  // namespace bcmhil::runner
