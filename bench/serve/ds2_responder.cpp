#include "ds2_responder.h"

namespace bcmhil::serve {

BackendResponder::BackendResponder(diag::DiagnosticBackend& backend, diag::Ds2ServerConfig config,
                                   std::function<Clock::time_point()> clock)
    : backend_(backend), server_(config), clock_(std::move(clock)) {}

std::optional<std::vector<uint8_t>> BackendResponder::respond(
    const std::vector<uint8_t>& request_frame) {
  std::lock_guard<std::mutex> lock(mutex_);
  return server_.handle_raw(request_frame, backend_, clock_());
}

bool BackendResponder::line_usable() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return line_usable_;
}

void BackendResponder::set_line_usable(bool usable) {
  std::lock_guard<std::mutex> lock(mutex_);
  line_usable_ = usable;
}

diag::Ds2ServerStats BackendResponder::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return server_.stats();
}

}  // namespace bcmhil::serve
