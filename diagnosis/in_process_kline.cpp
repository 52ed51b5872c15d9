#include "in_process_kline.h"

#include <systemc>

#include <utility>

namespace bcmhil::diagnosis {

namespace {

std::chrono::steady_clock::time_point simulated_now() {
  return std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(static_cast<std::int64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9)));
}

}  // namespace

void InProcessKLine::write(const std::vector<uint8_t>& bytes) {
  answer_.clear();
  if (!module_.hear_kline()) return;  // silence: the tester times out
  if (auto a = server_.handle_raw(bytes, backend_, simulated_now())) answer_ = std::move(*a);
}

std::vector<uint8_t> InProcessKLine::read(std::chrono::milliseconds) {
  if (answer_.empty()) throw transport::TransportError("no answer: the module did not hear the request");
  return std::exchange(answer_, {});
}

tester::TesterOptions in_process_options() {
  tester::TesterOptions o;
  o.echo = tester::EchoMode::kOff;  // no wire, no echo
  o.timeout = std::chrono::seconds(10);
  o.retries = 0;
  return o;
}

}  // namespace bcmhil::diagnosis
