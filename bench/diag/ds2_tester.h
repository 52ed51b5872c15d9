#pragma once
// The DS2 tester: sends a job to a module on a BytePort (a pty peer, a USB K-line cable), skips
// the echo, reads the answer with timeouts and retries, and decodes it into named results with
// the BC1 reference tables. Works the same against the simulated module and a real one.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client_port.h"
#include "diagnostic_backend.h"
#include "ds2_protocol.h"
#include "frame.h"
#include "reference_tables.h"

namespace bcmhil::tester {

enum class EchoMode { kAuto, kOn, kOff };

struct TesterOptions {
  uint8_t address = diag::ds2::kBc1Address;
  EchoMode echo = EchoMode::kAuto;
  // One try: the whole answer must be in within this of sending the request (bytes arriving do
  // not extend it). A 255-byte answer takes 292 ms on the wire at 9600 baud.
  std::chrono::milliseconds timeout{1000};
  int retries = 2;                          // extra tries after the first
  std::chrono::milliseconds retry_pause{30};
  std::chrono::milliseconds busy_pause{100};  // before asking again after A1 BUSY
};

// The one deadline of a request, fixed when it starts: every try's timeout and the pauses
// between tries. transact() returns within it whatever the line does.
std::chrono::milliseconds request_budget(const TesterOptions& options);

enum class LineError { kNone, kNoAnswer, kChecksum, kEchoMismatch, kLineGone };

struct Exchange {
  std::optional<diag::Frame> answer;
  std::vector<uint8_t> raw;  // the answer frame as received (address = byte 0)
  LineError error = LineError::kNone;
  std::string detail;        // a sentence for a technician when error != kNone
  int tries = 0;
  bool echo_seen = false;
};

// Exit codes shared with the CLI (command_registry.h): 0 ok, 1 the module answered with an
// error status, 2 invalid input, 3 device / line problem.
inline constexpr int kExitOk = 0;
inline constexpr int kExitModuleError = 1;
inline constexpr int kExitBadArguments = 2;
inline constexpr int kExitLine = 3;

struct JobResult {
  int exit_code = kExitOk;
  std::string text;     // what a technician reads
  nlohmann::json json;  // the same, named, for --json
};

class Ds2Tester {
 public:
  Ds2Tester(transport::BytePort& port, TesterOptions options = {});

  // One request/answer, with echo handling, timeouts and retries.
  Exchange transact(const std::vector<uint8_t>& request_data);

  // Jobs (bc1_jobs.csv names in the comments).
  JobResult ident();                  // IDENT
  JobResult faults();                 // FS_LESEN
  JobResult clear_faults();           // FS_LOESCHEN
  JobResult info();                   // IS_LESEN (both blocks)
  JobResult inputs();                 // STATUS_DIGITAL_INPUTS
  JobResult outputs();                // STATUS_DIGITAL_OUTPUTS
  JobResult analog();                 // STATUS_ANALOG
  JobResult rf();                     // STATUS_RF
  JobResult tilt();                   // STATUS_TILT_SENSOR
  JobResult force(const std::string& output, bool on);  // START_DIAGNOSTICS + STEUERN_IOSTATES
  JobResult ping();                   // DIAGNOSE_AUFRECHT
  JobResult end();                    // DIAGNOSE_ENDE
  JobResult reset();                  // SG_RESET
  JobResult clear_rf();               // CLEAR_RF_BUFFERS
  JobResult read_plip(uint8_t location);                                  // START_DIAGNOSTICS + READ_PLIP_CODES
  JobResult write_plip(uint8_t location, const diag::PlipCodes& codes);  // START_DIAGNOSTICS + WRITE_PLIP_CODES
  JobResult raw(const std::vector<uint8_t>& request_data);  // any request, answer as hex
  JobResult start_diagnostics();      // START_DIAGNOSTICS alone

  // Runs a job by its CLI name with its arguments; unknown job or bad args: exit 2.
  JobResult run(const std::string& job, const std::vector<std::string>& args);
  static const std::vector<std::string>& job_names();

 private:
  // Sends and checks the status; on failure fills `result` and returns nullopt.
  std::optional<Exchange> ask(const std::vector<uint8_t>& request, JobResult& result,
                              const char* what);
  JobResult simple(const std::vector<uint8_t>& request, const char* job, const char* done_text);
  JobResult digital_status(uint8_t selector, diag::SignalGroup group, const char* job, const char* heading);

  transport::BytePort& port_;
  TesterOptions options_;
};

std::string hex_byte(uint8_t b);

}  // namespace bcmhil::tester
