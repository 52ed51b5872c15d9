#pragma once
// The assistant's verdict on a module alone on the bench (`bcmhil bench dut`, issue 10): what the
// bench read from it over DS2 goes to the assistant as readings of the catalogue tests that are
// the same measurement, and the assistant ranks the faults a module can carry by itself.
//
// A bench reading is the same measurement as a catalogue test when both run the same DS2 job on
// the same item after the same stimulus:
//   - ident, nothing done first                  -> a catalogue ident test with no stimulus;
//   - inputs while the tester forces an output on -> a test whose stimulus forces that output on;
//   - inputs after the bench's relay let go       -> a test of that input with no stimulus (at rest);
//   - inputs while the relay grounds the input    -> a test whose stimulus is what grounds that input
//     on the car (kGroundedBy: the lid handle button grounds DIP_BOOT_HANDLE_SW);
//   - a fault code in the memory as found         -> the test reading that code, as active or stored.
//     A code absent from a salvaged module's memory is not entered: the catalogue reads it after
//     a stimulus (a trunk press, the hazards) the module's past may never have had.
// Everything else the bench does (its sense points, the outputs' own state bits, power, the
// memory after the checks) is listed as not mapped.
//
// The candidates are the faults that sit in the module itself (kModuleFaults, chosen from the
// library's descriptions) and the healthy module: a broken hinge wire, a seized lock or a blown
// fuse is not on the bench, and a module alone reads healthy for all of them. The dictionary's
// readings come from whole cars (the module with its loads), so a driver that only sags under a
// load can read better on a bench without one.
#include "assistant.h"
#include "catalogue.h"
#include "dictionary.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bcmhil::diagnosis {

// One thing the bench read from the module over DS2.
struct BenchReading {
  std::string what;      // the bench's name for the check, for the report
  std::string job;       // "ident", "inputs", "faults"
  std::string item;      // a DIP_ name; a fault code "0xC4"
  std::string stimulus;  // "force DOP_...", "ground", "release", "" (nothing)
  double raw = 0;        // ident: 1 answered, 0 not; inputs: 1 on, 0 off; faults: 2 active, 1 stored
};

struct BenchEntry {
  std::string test;     // catalogue test id
  std::string from;     // the bench check it came from
  std::string outcome;  // the class it reads
};

struct BenchCandidate {
  std::string key;  // "driver_failure{mode=open,output=indicator_lh}", "healthy"
  double probability = 0;
};

struct BenchDiagnosis {
  std::vector<BenchEntry> entered;
  std::vector<std::string> not_mapped;       // bench checks that are no catalogue test's measurement
  std::vector<BenchCandidate> candidates;    // the module's own faults and healthy, best first
  bool explained = true;
  bool certain = false;                      // the top candidate passed the assistant's stop level
  std::string verdict;                       // one line
};

// The fault types that sit in the module (chosen, see above).
const std::vector<std::string>& module_fault_types();

// The dictionary with only the module's own candidates and the healthy car.
Dictionary module_dictionary(const Dictionary& dictionary);

// `readings` in bench order. The dictionary must hold the catalogue's tests (load_or_build_dictionary).
BenchDiagnosis diagnose_bench(const Dictionary& dictionary, const Catalogue& catalogue,
                              const std::vector<BenchReading>& readings, const AssistantOptions& options = {});

std::string format_bench_diagnosis(const BenchDiagnosis& diagnosis);
nlohmann::json bench_diagnosis_json(const BenchDiagnosis& diagnosis);

}  // namespace bcmhil::diagnosis
