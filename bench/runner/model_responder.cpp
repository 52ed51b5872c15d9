#include "model_responder.h"

namespace bcmhil::runner {

ModelResponder::ModelResponder(const char* name, diag::DiagnosticBackend& backend, std::function<bool()> line_usable)
    : sc_prim_channel(name), backend_(backend), line_check_(std::move(line_usable)) {
  // No async_attach_suspending(): the kernel would then block inside sc_start() waiting for a
  // tester instead of advancing time; the RealtimePacer does the waiting, on the wall clock.
  sc_core::sc_spawn_options options;
  options.spawn_method();
  options.set_sensitivity(&arrived_);
  options.dont_initialize();
  sc_core::sc_spawn([this] { serve_pending(); }, sc_core::sc_gen_unique_name("ds2_service"), &options);
}

std::chrono::steady_clock::time_point ModelResponder::simulated_now() {
  return std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(static_cast<std::int64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9)));
}

std::optional<std::vector<uint8_t>> ModelResponder::respond(const std::vector<uint8_t>& request_frame) {
  std::future<std::optional<std::vector<uint8_t>>> answer;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back({request_frame, {}});
    answer = queue_.back().answer.get_future();
  }
  async_request_update();
  if (wake_) wake_();
  if (answer.wait_for(timeout) != std::future_status::ready) return std::nullopt;
  return answer.get();
}

void ModelResponder::update() { arrived_.notify(sc_core::SC_ZERO_TIME); }

void ModelResponder::serve_pending() {
  std::deque<Pending> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(queue_);
  }
  // A line pulled to ground (a wetted K-line) carries nothing: the module never hears the request.
  if (line_check_) line_usable_ = line_check_();
  for (auto& p : batch)
    p.answer.set_value(line_usable_ ? server_.handle_raw(p.request, backend_, simulated_now()) : std::nullopt);
}

}  // namespace bcmhil::runner
