// DS2 request/answer benchmark over a pseudo-terminal (issue 4, "Proof"): N pairs against the
// KlineServer serving a fake BC1, answers paced at 11 bits / 9600 baud per byte. Reports lost
// answers and the latency beyond the answer's wire time: (last answer byte read - just before
// the request is written) - answer bytes x 1.1458 ms. Target: none lost, p99 <= 2 ms.
//   ds2_kline_bench [--count N] [--echo] [--rt] [--max-p99-ms X] [--port PATH]
// --port PATH measures a module served elsewhere instead of the built-in fake, e.g. the SystemC
// model: bcmhil serve scenarios/healthy-hatch.yaml --kline /tmp/k --forever --response-ms 0
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "client_port.h"
#include "ds2_protocol.h"
#include "fake_backend.h"
#include "frame.h"
#include "frame_assembler.h"
#include "kline_server.h"

using namespace bcmhil;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  int count = 10000;
  bool echo = false;
  bool rt = false;  // SCHED_FIFO for the server's I/O thread and this client (best effort)
  double max_p99_ms = -1;
  std::string external_port;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--count" && i + 1 < argc) count = std::atoi(argv[++i]);
    else if (a == "--echo") echo = true;
    else if (a == "--rt") rt = true;
    else if (a == "--max-p99-ms" && i + 1 < argc) max_p99_ms = std::atof(argv[++i]);
    else if (a == "--port" && i + 1 < argc) external_port = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--count N] [--echo] [--rt] [--max-p99-ms X] [--port PATH]\n", argv[0]);
      return 2;
    }
  }

  diag::testing::FakeBackend backend;
  backend.faults = {{0xC4, true, 3}, {0x84, false, 1}};
  backend.digitals = {{"DIP_BOOT_OPEN_SW", true}, {"DOP_BOOT_RELEASE", true}};
  backend.analogs = {{"AIP_BATT_VOLTS_MON", 173}};
  serve::BackendResponder responder(backend);
  serve::KlineServerOptions options;
  options.path = "/tmp/bcmhil-ds2-bench-" + std::to_string(::getpid());
  options.echo = echo;
  if (rt) {
    options.realtime_priority = 10;
    sched_param param{};
    param.sched_priority = 10;
    if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) != 0)
      std::fprintf(stderr, "ds2_kline_bench: SCHED_FIFO not permitted, running at normal priority\n");
  }
  serve::KlineServer server(responder, options);
  if (external_port.empty()) server.start();
  transport::SerialClientPort port(external_port.empty() ? options.path : external_port);

  // ping, digital inputs, digital outputs, fault memory, RF: answers of 4, 13, 13, 11, 10 bytes.
  const std::vector<std::vector<uint8_t>> requests{
      {diag::ds2::kCmdPing},
      {diag::ds2::kCmdStatus, diag::ds2::kStatusDigitalInputs},
      {diag::ds2::kCmdStatus, diag::ds2::kStatusDigitalOutputs},
      {diag::ds2::kCmdReadFaults},
      {diag::ds2::kCmdStatus, diag::ds2::kStatusRf}};

  std::vector<double> beyond_ms;
  beyond_ms.reserve(static_cast<std::size_t>(count));
  int lost = 0, wrong = 0;
  const auto t_start = Clock::now();
  for (int i = 0; i < count; ++i) {
    const auto request = diag::encode(diag::Frame{0x00, requests[i % requests.size()]});
    std::vector<uint8_t> answer;
    bool echo_skipped = !echo;
    diag::FrameAssembler assembler([&](const std::vector<uint8_t>& f) {
      if (!echo_skipped && f == request) {
        echo_skipped = true;
        return;
      }
      if (answer.empty()) answer = f;
    });
    // Timestamp before the write: a preemption between the two can only overstate the latency.
    const auto t_sent = Clock::now();
    port.write(request);
    auto t_last = t_sent;
    const auto deadline = t_sent + 200ms;
    while (answer.empty() && Clock::now() < deadline) {
      const auto bytes = port.read(50ms);
      if (bytes.empty()) continue;
      t_last = Clock::now();
      assembler.push(bytes.data(), bytes.size());
    }
    if (answer.empty()) {
      ++lost;
      port.flush_input();
      continue;
    }
    if (answer.size() < 4 || answer[0] != 0x00 || answer[2] != diag::ds2::kStatusOkay) ++wrong;
    const auto wire = diag::ds2::wire_time(answer.size());
    beyond_ms.push_back(std::chrono::duration<double, std::milli>(t_last - t_sent - wire).count());
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - t_start).count();
  if (external_port.empty()) server.stop();

  std::sort(beyond_ms.begin(), beyond_ms.end());
  auto pct = [&](double p) {
    if (beyond_ms.empty()) return 0.0;
    const std::size_t idx =
        std::min(beyond_ms.size() - 1, static_cast<std::size_t>(p * (beyond_ms.size() - 1) + 0.5));
    return beyond_ms[idx];
  };
  const double p50 = pct(0.50), p99 = pct(0.99), mx = beyond_ms.empty() ? 0 : beyond_ms.back();
  const double mn = beyond_ms.empty() ? 0 : beyond_ms.front();
  std::printf(
      "ds2_kline_bench: %d request/answer pairs over a pty to %s, echo %s%s, answers paced at 11/9600 "
      "s per byte\n"
      "  lost %d, wrong %d, wall %.1f s\n"
      "  latency beyond wire time: min %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
      count, external_port.empty() ? "the built-in fake BC1" : external_port.c_str(), echo ? "on" : "off",
      rt ? ", SCHED_FIFO" : "", lost, wrong, total_s, mn, p50, p99, mx);
  if (lost || wrong) return 1;
  if (max_p99_ms >= 0 && p99 > max_p99_ms) {
    std::printf("  FAIL: p99 %.3f ms > %.3f ms\n", p99, max_p99_ms);
    return 1;
  }
  return 0;
}
