// bcmhil serve SCENARIO --kline PATH: the simulated BC1, running in real time, answering DS2 on
// a pseudo-terminal linked at PATH (or a real serial device, e.g. a K-line cable's USB serial
// port, when PATH is one). A tester - bcmhil diag, or any DS2 tool - talks to it in bytes.
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
  bool echo = false;
  bool forever = false;
  int response_ms = 10;
};

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
  runner::Simulation sim(sc, model::ClockMode::skip_idle);
  // As in a scenario's diagnose step: a request reaches the module only over a usable K-line (not
  // wetted to ground, module powered), and hearing it keeps the module awake.
  runner::ModelResponder responder("ds2_responder", sim.diagnostics(),
                                   [&sim] { return sim.vehicle().bc1.hear_kline(); });
  runner::RealtimePacer pacer;
  responder.on_request([&pacer] { pacer.wake(); });
  try {
    sim.start();
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }

  serve::KlineServerOptions options;
  options.path = args.kline;
  options.echo = args.echo;
  options.response_delay = std::chrono::milliseconds(args.response_ms);
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

  std::cerr << "bcmhil serve: BC1 of scenario '" << sc.name << "' answers DS2 (address 0x00, 9600 8E1) on "
            << args.kline << (server.pty_name().empty() ? "" : " -> " + server.pty_name())
            << (args.echo ? ", with K-line echo" : "") << "\n"
            << "  try: bcmhil diag --port " << args.kline << " faults     (Ctrl-C stops)\n";
  const sc_core::sc_time end = args.forever ? sc_core::sc_time(1e6, sc_core::SC_SEC) : sc.duration;
  pacer.run(end);

  server.stop();
  // Release the signal thread if it is still waiting (normal end of the scenario).
  if (!pacer.stopped()) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  const auto late = pacer.lateness();
  std::fprintf(stderr, "bcmhil serve: stopped at %.3f s simulated; %zu frames, %zu answers; lateness p99 %.3f ms\n",
               sc_core::sc_time_stamp().to_seconds(), server.stats().frames.load(), server.stats().answers.load(),
               late.p99_ms);
  return 0;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the simulated BC1 on a diagnostic line (DS2 on a pty or serial port)");
  cmd->add_option("scenario", args->scenario, "scenario whose module (coding, faults, steps) is served")->required();
  cmd->add_option("--kline", args->kline,
                  "where the tester connects: a path to link a new pseudo-terminal at, or a serial device")
      ->required();
  cmd->add_flag("--echo", args->echo, "echo the tester's bytes like a single-wire K-line (a pty has no wire to do it)");
  cmd->add_flag("--forever", args->forever, "keep serving after the scenario's duration, until Ctrl-C");
  cmd->add_option("--response-ms", args->response_ms, "module processing time before it answers")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  cmd->footer("Exit status: 0 served until the end or Ctrl-C, 2 invalid scenario, 3 the line could not be opened.");
  cmd->callback([args, exit_code] { *exit_code = serve(*args); });
}

const bool registered = register_command({"serve", 30, &add});

}  // namespace
}  // namespace bcmhil::cli
