// bcmhil bench actuator|dut: the physical bench (bench/modes).
//   actuator: the scenario's model, paced to the wall clock, switches the relays whose channel
//             `follows:` a model signal (a healthy release clicks a real lock actuator);
//   dut:      a real (salvaged) BC1 on the K-line, checked against the healthy model served on a
//             second pty through the same DS2 tester code; what it read goes to the assistant
//             (diagnosis/bench_diagnosis.h), which names the module's fault. bench/ does not see
//             diagnosis/: the two meet here.
#include "command_registry.h"
#include "run_output.h"

#include "actuator_mode.h"
#include "dut_mode.h"

#include "diagnosis/bench_diagnosis.h"
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/variants.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

namespace bcmhil::cli {

namespace {

struct BenchArgs {
  std::string bench;
  std::string scenario;
  std::string json;
  bool dry_run = false;
  bool quiet = false;
  // dut
  std::string kline;
  std::string echo = "auto";
  int timeout_ms = 1000;
  int settle_ms = 200;
  bool keep_faults = false;
  int realtime_priority = 10;
};

// The report file, whole or not at all (exit 3 naming it, like a device problem).
// A device or file name with stray bytes must not turn into an internal error: they become U+FFFD.
int write_json(const std::string& path, const nlohmann::json& j) {
  if (path.empty()) return 0;
  const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (path == "-") {
    std::cout << text;
    return 0;
  }
  return write_output("bench", path, [&](std::ostream& o) { o << text; }) ? 0 : modes::kExitDevice;
}

int actuator(const BenchArgs& a) {
  modes::ActuatorOptions o;
  o.bench_path = a.bench;
  o.scenario_path = a.scenario;
  o.dry_run = a.dry_run;
  o.realtime_priority = a.realtime_priority;
  o.out = &std::cout;
  if (!a.quiet && ::isatty(STDERR_FILENO)) o.progress = &std::cerr;
  const auto report = modes::run_actuator(o);
  std::cout << modes::format_actuator(report) << std::flush;
  const int j = write_json(a.json, modes::actuator_json(report));
  return report.exit_code != 0 ? report.exit_code : j;
}

// What the bench read from the module over DS2, for the assistant: each check's reading (a check
// that read nothing the assistant could take still goes, to be listed as not mapped) and the
// fault codes as found.
std::vector<diagnosis::BenchReading> bench_readings(const modes::DutReport& report) {
  std::vector<diagnosis::BenchReading> out;
  for (const auto& c : report.checks) {
    if (c.verdict == modes::Verdict::not_wired || c.function == "power") continue;
    diagnosis::BenchReading r{c.function + ": " + c.check, c.ds2_job, c.ds2_item, c.bench_stimulus, 0.0};
    if (c.ds2_job == "ident") r.raw = c.verdict == modes::Verdict::pass ? 1.0 : 0.0;
    else if (c.ds2_job == "inputs" && (c.module == "ON" || c.module == "off")) r.raw = c.module == "ON" ? 1.0 : 0.0;
    else r.job.clear();  // n/a, not read, or not a DS2 reading of the module
    out.push_back(r);
  }
  for (const auto& f : report.faults_found) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", f["F_ORT_NR"].get<int>());
    out.push_back({std::string("fault memory as found: ") + code, "faults", code, "", f["active"].get<bool>() ? 2.0 : 1.0});
  }
  return out;
}

// The assistant's verdict, printed after the checks; null when the dictionary cannot be had.
nlohmann::json assistant_verdict(const modes::DutReport& report, bool quiet) {
  try {
    if (!quiet) std::cerr << "  asking the assistant (the fault dictionary is built once, then cached)...\n";
    const auto catalogue = diagnosis::load_catalogue(diagnosis::shipped_catalogue_path());
    const auto dictionary = diagnosis::load_or_build_dictionary(catalogue, diagnosis::load_variants(diagnosis::shipped_variants_path()));
    const auto d = diagnosis::diagnose_bench(dictionary, catalogue, bench_readings(report));
    std::cout << diagnosis::format_bench_diagnosis(d) << std::flush;
    return diagnosis::bench_diagnosis_json(d);
  } catch (const std::exception& e) {
    std::cout << "\ndiagnosis: unavailable (" << e.what() << ")\n" << std::flush;
    return nullptr;
  }
}

int dut(const BenchArgs& a) {
  modes::DutOptions o;
  o.bench_path = a.bench;
  o.kline = a.kline;
  o.scenario_path = a.scenario;
  o.echo = a.echo;
  o.timeout = std::chrono::milliseconds(a.timeout_ms);
  o.settle = std::chrono::milliseconds(a.settle_ms);
  o.clear_faults = !a.keep_faults;
  if (!a.quiet) o.progress = &std::cerr;
  const auto report = modes::run_dut(o);
  std::cout << modes::format_dut(report) << std::flush;
  auto json = modes::dut_json(report);
  // The checks ran (healthy or a function failed): the assistant names the fault.
  if (report.exit_code == modes::kExitOk || report.exit_code == modes::kExitFailed) json["diagnosis"] = assistant_verdict(report, a.quiet);
  const int j = write_json(a.json, json);
  return report.exit_code != 0 ? report.exit_code : j;
}

void add(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("bench", "The physical bench: a real lock actuator driven by the model (actuator), or a "
                                          "salvaged BC1 judged against the model (dut)");
  cmd->require_subcommand(1);
  const char* exit_text =
      "Exit status: 0 ran / module healthy, 1 a function failed (dut) or a max on-time tripped (actuator),\n"
      "2 invalid input (bench file or scenario, with file:line:col), 3 device problem (no port, no board,\n"
      "a board that vanished, a module that does not answer); 128+N stopped by signal N (every relay off).";
  cmd->footer(exit_text);

  auto act = std::make_shared<BenchArgs>();
  auto* a = cmd->add_subcommand("actuator", "Run a scenario paced to the wall clock; the model's outputs switch real relays");
  a->footer(std::string(
      "Runs SCENARIO paced to the wall clock; every bench channel with 'follows: <model signal>' is switched\n"
      "while that signal is on (e.g. hatch_actuator_feed follows \"V(hatch_lock.pin2) > 6 V\"): a healthy\n"
      "module's release clicks the real actuator, a flooded one's never does. Reports what was switched\n"
      "when, pacing lateness and relay command latency (p50/p99/max). Everything is switched off at the\n"
      "end, on error and on Ctrl-C / SIGTERM.\n\n") + exit_text);
  a->add_option("--bench", act->bench, "bench description (YAML, bench/rig/README.md)")->required();
  a->add_option("scenario", act->scenario, "scenario file (scenarios/README.md)")->required();
  a->add_flag("--dry-run", act->dry_run, "open no device; print each switch that would happen (still paced)");
  a->add_option("--json", act->json, "write the report as JSON to this file ('-' for stdout)");
  a->add_flag("--quiet", act->quiet, "no progress line");
  a->add_option("--realtime-priority", act->realtime_priority,
                "SCHED_FIFO priority of the pacing thread, 0 for normal scheduling (best effort: needs the privilege)")
      ->check(CLI::Range(0, 99))
      ->capture_default_str();
  a->callback([act, exit_code] { *exit_code = actuator(*act); });

  auto d = std::make_shared<BenchArgs>();
  auto* u = cmd->add_subcommand("dut", "Check a real (salvaged) BC1 on its K-line against the healthy model");
  u->footer(std::string(
      "Checks a real (salvaged) BC1 on its K-line the way a technician does on the bench: ident, fault memory\n"
      "(read, clear, read again), each output function (tailgate release, left and right indicators) forced\n"
      "on and off over DS2 with its readback (and a sense point where the bench has one), each module input\n"
      "wired to a relay grounded and read. The same checks run on the healthy model of SCENARIO, served\n"
      "on a second pty; the report gives reference, module and verdict per check, then 'healthy' or the\n"
      "failed function with its evidence. Inputs with no relay are 'not tested (not wired)'. Then the assistant\n"
      "names the module's fault from what the bench read over DS2 (the fault dictionary, built once and cached;\n"
      "diagnosis/README.md, 'A module on the bench'); the exit status stays the comparison's.\n\n") + exit_text);
  u->add_option("--bench", d->bench, "bench description (YAML, bench/rig/README.md)")->required();
  u->add_option("--kline", d->kline, "the module's K-line: a K-line cable (/dev/ttyUSB0) or a pty link")->required();
  u->add_option("scenario", d->scenario, "scenario whose car and coding the healthy reference model uses")->required();
  u->add_option("--json", d->json, "write the report as JSON to this file ('-' for stdout)");
  u->add_option("--echo", d->echo, "does the module's line echo: auto, on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  u->add_option("--timeout", d->timeout_ms, "ms to wait for the module's answer")->check(CLI::Range(10, 60000))->capture_default_str();
  u->add_option("--settle", d->settle_ms, "ms after a switch or a force before reading")
      ->check(CLI::Range(0, 10000))
      ->capture_default_str();
  u->add_flag("--keep-faults", d->keep_faults, "do not clear the fault memory after reading it");
  u->add_flag("--quiet", d->quiet, "no progress lines");
  u->callback([d, exit_code] { *exit_code = dut(*d); });
}

const bool registered = register_command({"bench", 50, &add});

}  // namespace
}  // namespace bcmhil::cli
