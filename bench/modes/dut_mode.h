#pragma once
// bcmhil bench dut: a real (salvaged) BC1 on the K-line is checked the way a technician does it on
// the bench (domain notes, "Bench-testing a salvaged BC1"), and every check runs the same way on
// the reference: the scenario's module, healthy (its faults and steps are not played), served on a
// second pseudo-terminal in this process and read through the same DS2 tester code.
//
// Checks: ident; fault memory as found, clear, and after the checks; per output function
// (tailgate release DOP_BOOT_RELEASE, left and right indicators): force it on over DS2, read the
// outputs and the readback inputs (and a sense point that `follows:` the output, with any load
// channel that follows it connected), force it off, read again; per module input wired to a relay
// (`follows: DIP_...` on an input_to_ground channel): ground it, read it over DS2, release it, and
// the same on the model (its pin grounded through a relay contact). No expected value is fixed:
// each reference is the healthy model's answer to the same stimulus. Inputs the bench does not
// wire are reported "not tested (not wired)", never passed.
#include "mode_common.h"
#include "safe_bench.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace bcmhil::modes {

struct DutOptions {
  std::string bench_path;
  std::string kline;          // the module's K-line: a USB K-line cable, or a pty in CI
  std::string scenario_path;  // the reference: this scenario's car and coding, healthy
  std::string echo = "auto";  // does the module's line echo (tester EchoMode): auto | on | off
  std::chrono::milliseconds timeout{1000};  // tester: first answer byte and gaps
  std::chrono::milliseconds settle{200};    // after a switch or a force, before reading
  bool clear_faults = true;   // FS_LOESCHEN after reading the fault memory as found
  std::ostream* progress = nullptr;
  bool watchdog = true;
  bool handle_signals = true;
};

enum class Verdict { pass, fail, info, not_wired };
const char* to_string(Verdict v);

struct DutCheck {
  std::string function;   // "tailgate release", "left indicator", "diagnostics", "tailgate handle input"
  std::string check;      // "forced ON: DIP_BOOT_RELEASE_MONITOR"
  std::string reference;  // what the healthy model answered
  std::string module;     // what the module answered
  Verdict verdict = Verdict::info;
  std::string note;
  // What the check read from the module over DS2, for code that maps it onto other measurements
  // (diagnosis/bench_dut.h): the job ("ident", "inputs"), the item (a DIP_ name) and what the
  // bench did first: "force DOP_..." (read while forced on), "ground" (the relay closed),
  // "release" (the relay opened again), "" (nothing). An empty job: not such a reading.
  std::string ds2_job, ds2_item, bench_stimulus;
};

struct DutReport {
  int exit_code = kExitOk;
  std::string error;
  std::string scenario;
  std::string bench;
  std::string kline;
  std::vector<std::string> reference_notes;  // what was left out of the reference scenario
  nlohmann::json faults_found = nlohmann::json::array();  // FS_LESEN's "faults" as found
  std::vector<DutCheck> checks;
  std::vector<std::string> failed_functions;
  std::vector<std::string> evidence;  // one sentence per failed function
  std::vector<std::string> notes;     // stored faults on a function that works, bench notes
  std::string overall;                // "healthy" or "FAILED: tailgate release"
  std::vector<rig::SafetyEvent> events;
  rig::AllOffReport final_off;
  double seconds = 0;
};

DutReport run_dut(const DutOptions& options);

std::string format_dut(const DutReport& report);
nlohmann::json dut_json(const DutReport& report);

}  // namespace bcmhil::modes
