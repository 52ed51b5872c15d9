// bcmhil serve SCENARIO --kline PATH: the simulated BC1, running in real time, answering DS2 on
// a pseudo-terminal linked at PATH, a real serial device (e.g. a K-line cable's USB serial port)
// when PATH is one, or an RFC 2217 network serial port when PATH is rfc2217://HOST:PORT. A tester
// - bcmhil diag, or any DS2 tool - talks to it in bytes.
#include "command_registry.h"

#include "bench/runner/model_responder.h"
#include "bench/runner/realtime_pacer.h"
#include "bench/runner/simulation.h"
#include "bench/serve/kline_server.h"
#include "serial_line.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace bcmhil::cli {

namespace {

struct ServeArgs {
  std::string scenario;
  std::string kline;
  std::string echo = "auto";
  bool forever = false;
  int response_ms = 10;
};

// Where the module is, what to open it with, and a first command to try (stderr, unbuffered: a
// script waiting for "serving on" sees it at once).
void announce(const serve::KlineServer& server, const std::string& scenario_name) {
  using Mode = serve::KlineServerOptions::Mode;
  const std::string where = server.endpoint();
  std::string line;
  std::string try_this;
  switch (server.mode()) {
    case Mode::kRfc2217:
      line = "9600 8E1, parity honoured; one tester at a time";
      try_this = "python3 -c \"import serial; s = serial.serial_for_url('" + where +
                 "', 9600, parity='E', timeout=1)\"";
      break;
    case Mode::kSerial:
      line = "9600 8E1";
      try_this = "bcmhil diag --port " + where + " faults";
      break;
    default:
      line = "pty " + server.pty_name() + ": open it as 9600 8N1, a pty cannot keep a parity bit";
      try_this = "bcmhil diag --port " + where + " faults";
      break;
  }
  std::cerr << "bcmhil serve: serving on " << where << " (" << line << ")"
            << (server.echoes() ? ", with K-line echo" : ", no echo") << "\n"
            << "  the BC1 of scenario '" << scenario_name << "' answers DS2 at address 0x00\n"
            << "  try: " << try_this << "     (Ctrl-C stops)\n";
}

int serve(const ServeArgs& args) {
  // SIGINT/SIGTERM go to one waiting thread that stops the pacer: the simulation thread and the
  // K-line thread never see them, and the exit path below always runs.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  scenario::Scenario sc;
  try {
    sc = scenario::load_scenario(args.scenario);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  // The DS2 backend reads the model itself and nothing here judges expectations: keep only the
  // signals' current values, so a serve left running --forever holds its memory flat.
  runner::Simulation sim(sc, model::ClockMode::skip_idle, runner::Keep::latest_values);
  // As in a scenario's diagnose step: a request reaches the module only over a usable K-line (not
  // wetted to ground, module powered), and hearing it keeps the module awake.
  runner::ModelResponder responder("ds2_responder", sim.diagnostics(),
                                   [&sim] { return sim.vehicle().bc1.hear_kline(); });
  runner::RealtimePacer pacer;
  responder.on_request([&pacer] { pacer.wake(); });
  // The line heals as the model does.
  pacer.after_slice = [&responder, &sim] { responder.refresh_line(sim.vehicle().bc1.kline_usable()); };
  try {
    sim.start();
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }

  serve::KlineServerOptions options;
  options.path = args.kline;
  if (args.echo != "auto") options.echo = args.echo == "on";
  options.response_delay = std::chrono::milliseconds(args.response_ms);
  options.log = [](const std::string& event) { std::cerr << "bcmhil serve: " << event << "\n"; };
  serve::KlineServer server(responder, options);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "bcmhil serve: cannot serve the K-line at " << args.kline << ": " << e.what() << "\n";
    return 3;
  }
  std::thread signal_waiter([&] {
    int received = 0;
    sigwait(&stop_signals, &received);
    pacer.stop();
  });

  announce(server, sc.name);
  const sc_core::sc_time end = args.forever ? sc_core::sc_time(1e6, sc_core::SC_SEC) : sc.duration;
  pacer.run(end);

  server.stop();
  // Release the signal thread if it is still waiting (normal end of the scenario).
  if (!pacer.stopped()) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  const auto late = pacer.lateness();
  const auto& recorder = *sim.recorder();
  std::fprintf(stderr,
               "bcmhil serve: stopped at %.3f s simulated; %zu frames, %zu answers; lateness p99 %.3f ms; "
               "%zu samples of %zu signals in memory\n",
               sc_core::sc_time_stamp().to_seconds(), server.stats().frames.load(), server.stats().answers.load(),
               late.p99_ms, recorder.kept_samples(), recorder.signals().size());
  return 0;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the simulated BC1 on a diagnostic line (DS2 on a pty, a serial port or rfc2217://)");
  cmd->add_option("scenario", args->scenario, "scenario whose module (coding, faults, steps) is served")->required();
  cmd->add_option("--kline", args->kline,
                  "where the tester connects: a path to link a new pseudo-terminal at (open it as 9600 8N1: a "
                  "Linux pty cannot keep a parity bit), a serial device, or rfc2217://127.0.0.1:PORT for an RFC 2217 "
                  "network serial port with 9600 8E1 honoured (port 0: any free port, printed)")
      ->required();
  cmd->add_option("--echo", args->echo,
                  "reflect the tester's bytes like a single-wire K-line: auto (on for a pty and rfc2217, off for a "
                  "serial device, whose wire echoes), on, or off (for adapters that swallow the echo)")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  cmd->add_flag("--forever", args->forever, "keep serving after the scenario's duration, until Ctrl-C");
  cmd->add_option("--response-ms", args->response_ms, "module processing time before it answers")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  cmd->footer(
      "A pty link or an rfc2217 port held by a running serve is refused (exit 3), never shared. On rfc2217 a\n"
      "client may set other settings (it is told what is in force); bytes sent with settings other than\n"
      "9600 8E1 reach the module as a real UART would decode them: dropped or garbled.\n"
      "Exit status: 0 served until the end or Ctrl-C, 2 invalid scenario, 3 the line could not be opened.");
  cmd->callback([args, exit_code] { *exit_code = serve(*args); });
}

const bool registered = register_command({"serve", 30, &add});

}  // namespace
}  // namespace bcmhil::cli
