// bcmhil diag: a DS2 tester for the BC1, simulated (bcmhil serve --kline PATH) or real (a K-line
// USB cable at /dev/ttyUSB0). Exit: 0 ok, 1 the module answered with an error status,
// 2 bad arguments, 3 device / line problem.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ds2_tester.h"
#include "serial_line.h"

namespace {

using bcmhil::tester::EchoMode;

struct DiagArgs {
  std::string port;
  std::string echo = "auto";
  int timeout_ms = 1000;
  int retries = 2;
  bool json = false;
  std::string job;
  std::vector<std::string> args;
};

int run_diag(const DiagArgs& a) {
  namespace t = bcmhil::tester;
  bcmhil::tester::TesterOptions options;
  options.echo = a.echo == "on" ? EchoMode::kOn : a.echo == "off" ? EchoMode::kOff : EchoMode::kAuto;
  options.timeout = std::chrono::milliseconds(a.timeout_ms);
  options.retries = a.retries;

  std::unique_ptr<bcmhil::transport::SerialClientPort> port;
  try {
    port = std::make_unique<bcmhil::transport::SerialClientPort>(a.port);
  } catch (const bcmhil::transport::TransportError& e) {
    const std::string msg = std::string(e.what()) +
                            "; is the module served there (bcmhil serve ... --kline PATH) or the "
                            "K-line cable plugged in?";
    if (a.json)
      std::cout << nlohmann::json{{"job", a.job}, {"ok", false}, {"error", "no_port"},
                                  {"message", msg}}.dump(2)
                << "\n";
    else
      std::cerr << "bcmhil diag: " << msg << "\n";
    return t::kExitLine;
  }
  // A pty cannot keep even parity: diag tried 8E1 and fell back to 8N1; say so, never silently.
  if (!port->setup().note.empty()) std::cerr << "bcmhil diag: note: " << port->setup().note << "\n";
  t::Ds2Tester tester(*port, options);
  const t::JobResult result = tester.run(a.job, a.args);
  if (a.json) {
    nlohmann::json j = result.json;
    j["exit_code"] = result.exit_code;
    j["port"] = a.port;
    std::cout << j.dump(2) << "\n";
  } else if (result.exit_code == t::kExitOk) {
    std::cout << result.text << "\n";
  } else {
    std::cerr << "bcmhil diag: " << result.text << "\n";
  }
  return result.exit_code;
}

void add_diag_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DiagArgs>();
  // One line in the command list; the details in this command's own --help.
  auto* cmd = app.add_subcommand("diag", "Talk DS2 to a BC1 on its K-line, simulated or real, as a workshop tester does");
  cmd->footer(
      "Jobs: ident, faults, clear-faults, info, inputs, outputs, analog, rf, tilt,\n"
      "      force OUTPUT on|off (e.g. force DOP_BOOT_RELEASE on), ping, start, end, reset,\n"
      "      clear-rf, raw BYTE... (hex request data after [addr][len]),\n"
      "      plip-read LOCATION, plip-write LOCATION CIPHER(16 hex) WINDOW(6 hex) BASE(6 hex) 0|1.\n"
      "Exit: 0 ok, 1 the module answered with an error status, 2 bad arguments,\n"
      "      3 device or line problem (no port, silent line, checksum or echo errors).");
  cmd->add_option("--port", args->port,
                  "serial device or pty link of the K-line (e.g. /dev/ttyUSB0, /tmp/bc1-kline), opened at 9600 "
                  "8E1; a pty cannot keep a parity bit, so there it falls back to 8N1 and says so")
      ->required();
  cmd->add_option("--echo", args->echo,
                  "does the line echo our bytes: auto (detect), on (must), off (must not)")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout_ms,
                  "ms for one try's whole answer; a request ends within (retries + 1) tries of it")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  cmd->add_option("--retries", args->retries, "extra tries after a silent or garbled answer")
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "print named results as JSON");
  cmd->add_option("job", args->job, "the job to run")
      ->required()
      ->check(CLI::IsMember(bcmhil::tester::Ds2Tester::job_names()));
  cmd->add_option("args", args->args, "the job's arguments");
  cmd->callback([args, exit_code] { *exit_code = run_diag(*args); });
}

const bool registered = bcmhil::cli::register_command({"diag", 40, &add_diag_command});

}  // namespace
