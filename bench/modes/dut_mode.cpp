// bcmhil bench dut: loads the bench and the scenario, opens the bench (guard, signals), builds the
// healthy reference and the two testers, runs the checks (dut_checks.h) and always ends with every
// relay off. The reference model: dut_reference.h; what is checked: dut_catalogue.h; the verdict:
// dut_verdict.h; the reports: dut_report_text.cpp, dut_report_json.cpp.
#include "dut_mode.h"

#include "dut_checks.h"
#include "dut_reference.h"

#include "bench/scenario/scenario.h"
#include "client_port.h"
#include "ds2_tester.h"
#include "reference_tables.h"
#include "signal_guard.h"

#include <unistd.h>

#include <memory>
#include <optional>

namespace bcmhil::modes {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "FAIL";
    case Verdict::info: return "info";
    case Verdict::not_wired: return "not tested (not wired)";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;

tester::EchoMode echo_mode(const std::string& e) {
  return e == "on" ? tester::EchoMode::kOn : e == "off" ? tester::EchoMode::kOff : tester::EchoMode::kAuto;
}

// dut mode speaks DS2: a bench point must follow a signal of the reference tables. Otherwise the
// report carries kExitInvalid and the file:line:col of the `follows:`.
bool follows_ds2_signals(const rig::BenchConfig& cfg, DutReport& r) {
  auto check_follow = [&](const std::string& what, const std::optional<rig::Follow>& f) {
    if (!f) return;
    if (!diag::ReferenceTables::bc1().find_bit(f->signal) ||
        (diag::signal_group(f->signal) != diag::SignalGroup::kDigitalInputs &&
         diag::signal_group(f->signal) != diag::SignalGroup::kDigitalOutputs))
      throw rig::BenchConfigError(cfg.source, f->at,
                                  what + ": dut mode reads the module over DS2, so it follows a DIP_* or DOP_* "
                                         "signal of bc1_bits.csv, not '" + f->signal + "'");
  };
  try {
    for (const auto& ch : cfg.channels) check_follow("channel '" + ch.name + "'", ch.follows);
    for (const auto& s : cfg.sense) check_follow("sense point '" + s.name + "'", s.follows);
  } catch (const rig::BenchConfigError& e) {
    r.exit_code = kExitInvalid;
    r.error = e.what();
    return false;
  }
  return true;
}

// The scenario's car and coding, healthy: its faults left out, its steps not played (the bench
// checks are the stimulus), its expectations not judged. The report says what was left out.
scenario::Scenario healthy_reference(scenario::Scenario ref_sc, DutReport& r) {
  if (!ref_sc.faults.empty())
    r.reference_notes.push_back(std::to_string(ref_sc.faults.size()) + " fault(s) of the scenario left out: the reference is healthy");
  if (!ref_sc.steps.empty())
    r.reference_notes.push_back(std::to_string(ref_sc.steps.size()) + " step(s) of the scenario not played: the bench checks are the stimulus");
  ref_sc.faults.clear();
  ref_sc.steps.clear();
  ref_sc.expectations.clear();
  return ref_sc;
}

// The reference served on its own pty, a tester on each side, every check; what stops it early
// becomes the report's exit code and error.
void check_against_reference(const DutOptions& o, DutReport& r, rig::SafeBench& bench, const rig::SignalGuard* guard,
                             transport::SerialClientPort& module_port, const scenario::Scenario& ref_sc) {
  try {
    DutReference reference(ref_sc, "/tmp/bcmhil-dut-reference-" + std::to_string(::getpid()));
    reference.start();
    transport::SerialClientPort ref_port(reference.link());
    tester::TesterOptions mo;
    mo.echo = echo_mode(o.echo);
    mo.timeout = o.timeout;
    tester::Ds2Tester module_tester(module_port, mo);
    tester::TesterOptions ro;
    ro.timeout = std::chrono::milliseconds(1000);
    tester::Ds2Tester ref_tester(ref_port, ro);
    run_dut_checks(o, r, bench, guard, Side{"module", module_tester}, Side{"reference", ref_tester}, reference);
    reference.stop();
  } catch (const ModeError& e) {
    r.exit_code = e.exit_code();
    r.error = e.what();
  } catch (const rig::BenchHalted& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("the bench halted: ") + e.what();
  } catch (const relay::RelayError& e) {
    r.exit_code = kExitDevice;
    r.error = e.what();
  } catch (const std::exception& e) {
    r.exit_code = kExitInternal;
    r.error = std::string("internal error: ") + e.what();
  }
}

// Every way out once the bench is open: all relays off, read back, the safety events kept.
DutReport finish(DutReport& r, rig::SafeBench& bench, Clock::time_point started) {
  r.final_off = bench.all_off();
  r.events = bench.events();
  if (!r.final_off.ok && r.exit_code == kExitOk) r.exit_code = kExitDevice;
  r.seconds = ms_between(started, Clock::now()) / 1000.0;
  return r;
}

}  // namespace

DutReport run_dut(const DutOptions& o) {
  DutReport r;
  const auto started = Clock::now();
  r.kline = o.kline;
  const auto inputs = load_inputs(o.bench_path, o.scenario_path, r);
  if (!inputs || !follows_ds2_signals(inputs->bench, r)) return r;
  const scenario::Scenario ref_sc = healthy_reference(inputs->scenario, r);

  // The bench first: it forks its guard process before any thread starts.
  rig::BenchOptions bo;
  bo.watchdog = o.watchdog;
  const auto bench = open_bench(inputs->bench, bo, r);
  if (!bench) return r;
  std::optional<rig::SignalGuard> guard;
  if (o.handle_signals) guard.emplace(*bench, rig::SignalGuard::Action::off_then_flag);

  std::unique_ptr<transport::SerialClientPort> module_port;
  try {
    module_port = std::make_unique<transport::SerialClientPort>(o.kline);
  } catch (const std::exception& e) {
    r.exit_code = kExitDevice;
    r.error = std::string("no K-line at ") + o.kline + ": " + e.what() +
              " (is the K-line cable plugged in, or the module served there?)";
    return finish(r, *bench, started);
  }
  check_against_reference(o, r, *bench, guard ? &*guard : nullptr, *module_port, ref_sc);
  return finish(r, *bench, started);
}

}  // namespace bcmhil::modes
