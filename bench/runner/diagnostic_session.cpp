#include "diagnostic_session.h"

#include "bench/diag/ds2_tester.h"
#include "bench/serve/kline_server.h"
#include "ds2_signals.h"
#include "client_port.h"
#include "expectation_check.h"
#include "model_responder.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace bcmhil::runner {

namespace {

std::string info_signal(int code) {
  char name[24];
  std::snprintf(name, sizeof name, "ds2.info.0x%02X", code);
  return name;
}

std::string fault_signal(int code) {
  char name[24];
  std::snprintf(name, sizeof name, "ds2.fault.0x%02X", code);
  return name;
}

// Declares a ds2.* signal on first use, with its kind and meaning from ds2_signals(); a code
// outside the reference tables (a module logging something unexpected) is still recorded.
trace::SignalId declared(trace::Recorder& recorder, const std::string& name, trace::Kind kind) {
  if (auto id = recorder.id_of(name)) return *id;
  const Ds2Signal* d = find_ds2_signal(name);
  return recorder.declare(name, d ? d->kind : kind, "", d ? d->meaning : "read over DS2 by the scenario's tester",
                          0.0);
}

// One more read: a counter's sample marks when it happened (ds2_signals.h).
void count_read(trace::Recorder& recorder, const char* counter, std::uint64_t now) {
  const auto id = declared(recorder, counter, trace::Kind::real);
  recorder.record(id, now, recorder.signal(id).samples.back().value + 1.0);
}

}  // namespace

struct DiagnosticSession::Impl {
  Impl(diag::DiagnosticBackend& backend, std::function<bool()> line_usable)
      : responder("ds2_responder", backend, std::move(line_usable)) {}
  ModelResponder responder;
  std::filesystem::path dir;
  std::unique_ptr<serve::KlineServer> server;
  std::unique_ptr<transport::SerialClientPort> port;
  std::unique_ptr<tester::Ds2Tester> tester;
};

DiagnosticSession::DiagnosticSession(diag::DiagnosticBackend& backend, trace::Recorder& recorder,
                                     std::function<bool()> line_usable)
    : impl_(std::make_unique<Impl>(backend, std::move(line_usable))), recorder_(recorder) {}

DiagnosticSession::~DiagnosticSession() {
  if (impl_->server) impl_->server->stop();
  impl_->port.reset();
  if (!impl_->dir.empty()) std::filesystem::remove_all(impl_->dir);
}

void DiagnosticSession::declare_signals(const scenario::Scenario& scenario, trace::Recorder& recorder) {
  bool any = false;
  for (const auto& s : scenario.steps) any |= s.action == scenario::Action::diagnose;
  if (!any) return;
  declared(recorder, "ds2.job_ok", trace::Kind::bit);
  for (const auto& d : ds2_signals())
    if (d.reads.empty()) declared(recorder, d.name, d.kind);  // the read counters
  // Unknown ds2.* names are left to validate_expectation, which names the near ones.
  for (const auto& e : scenario.expectations)
    if (const Ds2Signal* d = find_ds2_signal(e.signal)) declared(recorder, d->name, d->kind);
}

void DiagnosticSession::open() {
  char templ[] = "/tmp/bcmhil-kline-XXXXXX";
  if (!mkdtemp(templ)) throw std::runtime_error("cannot create a folder for the scenario's K-line pty");
  impl_->dir = templ;
  serve::KlineServerOptions options;
  options.path = (impl_->dir / "kline").string();
  options.mode = serve::KlineServerOptions::Mode::kPty;
  options.echo = false;  // the tester below is told the line does not echo
  impl_->server = std::make_unique<serve::KlineServer>(impl_->responder, options);
  impl_->server->start();
  impl_->port = std::make_unique<transport::SerialClientPort>(options.path);
  tester::TesterOptions topt;
  topt.echo = tester::EchoMode::kOff;
  topt.timeout = std::chrono::milliseconds(300);
  topt.retries = 1;
  impl_->tester = std::make_unique<tester::Ds2Tester>(*impl_->port, topt);
}

void DiagnosticSession::run(const scenario::Step& step) {
  // Simulated time stands still while the tester talks: the bytes really cross the pty, but the
  // module answers at the step's instant, so a scenario gives the same trace on every run and in
  // both clock modes. The kernel runs delta cycles only, whenever a request comes in.
  std::mutex mutex;
  std::condition_variable cv;
  bool poke = false, done = false;
  impl_->responder.on_request([&] {
    std::lock_guard<std::mutex> lock(mutex);
    poke = true;
    cv.notify_one();
  });
  tester::JobResult result;
  const auto wall_start = std::chrono::steady_clock::now();
  std::thread worker([&] {
    result = impl_->tester->run(step.job, step.job_args);
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
    cv.notify_one();
  });
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait_for(lock, std::chrono::milliseconds(5), [&] { return poke || done; });
      if (done && !poke) break;
      poke = false;
    }
    // Let the request in (the async update counts as pending activity) and the DS2 service answer
    // in the following delta cycles; never a zero-time start with nothing to do.
    while (sc_core::sc_pending_activity_at_current_time()) sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  worker.join();
  impl_->responder.on_request({});
  paced_wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  const auto now = sc_core::sc_time_stamp().value();
  const bool ok = result.exit_code == tester::kExitOk;
  recorder_.record(declared(recorder_, "ds2.job_ok", trace::Kind::bit), now, ok);
  count_read(recorder_, kJobsSignal, now);
  const auto& j = result.json;
  if (step.job == "faults" && result.exit_code == tester::kExitOk && j.contains("faults")) {
    // Every code read is recorded; a code that was present before and is gone now reads absent.
    std::vector<std::pair<int, double>> states;
    for (const auto& f : j["faults"]) states.push_back({f["F_ORT_NR"].get<int>(), f["active"].get<bool>() ? 2.0 : 1.0});
    for (const auto& s : recorder_.signals())
      if (s.name.rfind("ds2.fault.0x", 0) == 0) recorder_.record(*recorder_.id_of(s.name), now, 0.0);
    for (const auto& [code, state] : states) recorder_.record(declared(recorder_, fault_signal(code), trace::Kind::real), now, state);
    count_read(recorder_, kFaultReadsSignal, now);
  }
  if (step.job == "info" && result.exit_code == tester::kExitOk && j.contains("records")) {
    // As for faults: every info record read is recorded with its count, one not read reads 0.
    for (const auto& s : recorder_.signals())
      if (s.name.rfind("ds2.info.0x", 0) == 0) recorder_.record(*recorder_.id_of(s.name), now, 0.0);
    for (const auto& rec : j["records"])
      recorder_.record(declared(recorder_, info_signal(rec["F_ORT_NR"].get<int>()), trace::Kind::real), now,
                       rec["count"].get<double>());
    count_read(recorder_, kInfoReadsSignal, now);
  }
  // Inputs and outputs come as true/false, STATUS_RF's flags as 0/1 (STAT_RF_...): both are bits.
  if (ok && j.contains("signals") && j["signals"].is_object()) {
    for (const auto& [name, value] : j["signals"].items()) {
      const bool flag = value.is_boolean() || (value.is_number_integer() && (value == 0 || value == 1));
      if (flag)
        recorder_.record(declared(recorder_, "ds2." + name, trace::Kind::bit), now,
                         value.is_boolean() ? value.get<bool>() : value.get<int>() == 1);
    }
    if (step.job == "inputs") count_read(recorder_, kInputReadsSignal, now);
    if (step.job == "outputs") count_read(recorder_, kOutputReadsSignal, now);
    if (step.job == "rf") count_read(recorder_, kRfReadsSignal, now);
  }
}

}  // namespace bcmhil::runner
