// bcmhil run SCENARIO: one scenario on the model, each expectation with what was observed.
#include "command_registry.h"
#include "run_output.h"

#include "bench/report/html_report.h"
#include "bench/report/json_report.h"
#include "bench/report/junit_report.h"
#include "bench/report/provenance.h"
#include "bench/report/vcd_writer.h"
#include "bench/runner/scenario_runner.h"

#include <chrono>
#include <iostream>

namespace bcmhil::cli {

namespace {

struct RunArgs {
  std::string scenario;
  std::string json;
  std::string junit;
  std::string trace;
  std::string html;
  std::string clock = "skip";
  bool quiet = false;
  bool allow_empty = false;
};

// Every file asked for is attempted, even after one failed: one full disk loses one file, and
// each loss is named.
bool write_outputs(const RunArgs& args, const scenario::Scenario& sc, const runner::RunResult& result,
                   std::chrono::system_clock::time_point started) {
  bool written = true;
  if (!args.json.empty())
    written &= write_output("run", args.json, [&](std::ostream& o) { o << report::to_json(result).dump(2) << "\n"; });
  if (!args.junit.empty())
    written &= write_output("run", args.junit, [&](std::ostream& o) {
      report::write_junit(o, "bcmhil", {report::junit_suite(result, report::iso8601_utc(started), report::host_name())});
    });
  const bool traced = !args.trace.empty() && write_output("run", args.trace, [&](std::ostream& o) {
    report::write_vcd(o, *result.recorder, sc.name);
  });
  written &= traced || args.trace.empty();
  if (!args.html.empty()) {
    report::HtmlOptions options;
    if (traced) options.trace_href = report::relative_href(args.html, args.trace);  // no link to a file not written
    written &= write_output("run", args.html, [&](std::ostream& o) { report::write_html(o, sc, result, options); });
  }
  return written;
}

int run(const RunArgs& args) {
  scenario::Scenario sc;
  runner::RunResult result;
  const auto started = std::chrono::system_clock::now();
  try {
    sc = scenario::load_scenario(args.scenario);
    if (!args.allow_empty) scenario::require_expectations(sc);
    runner::RunOptions options;
    options.clock_mode = args.clock == "step" ? model::ClockMode::step_every_cycle : model::ClockMode::skip_idle;
    // Memory stays small on long runs: only the report's pictures need every history in memory;
    // a trace streams to a temporary file.
    options.keep = args.html.empty() ? runner::Keep::what_expectations_need : runner::Keep::everything;
    options.log_changes = !args.trace.empty();
    ProgressLine progress(args.quiet ? nullptr : &std::cerr);
    options.progress = [&](double now, double total) { progress.update(sc.name, now, total); };
    result = runner::run_scenario(sc, options);
    progress.finish();
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    // CI sees the broken file too: one errored case naming file:line:column.
    if (!args.junit.empty() && !write_output("run", args.junit, [&](std::ostream& o) {
          report::write_junit(o, "bcmhil", {report::junit_error_suite(args.scenario, "invalid_scenario", e.what(), e.what(), 0,
                                                                      report::iso8601_utc(started), report::host_name())});
        }))
      return 3;
    return 2;
  }
  if (!args.quiet) print_run(std::cout, sc, result);
  if (!write_outputs(args, sc, result, started)) return 3;
  return result.passed ? 0 : 1;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run one scenario on the BC1 model and judge its expectations");
  cmd->footer(
      "Exit status: 0 every expectation held, 1 some failed, 2 the scenario is invalid, 3 an output\n"
      "file could not be written (the message names it; no file is left half written).\nExample: bcmhil run scenarios/flooded-bcm-hatch.yaml --trace flood.vcd");
  cmd->add_option("scenario", args->scenario, "scenario file (YAML, see scenarios/README.md)")->required();
  cmd->add_option("--json", args->json, "write the result as JSON to this file");
  cmd->add_option("--junit", args->junit, "write JUnit XML (one test case per expectation) to this file");
  cmd->add_option("--trace", args->trace, "write a VCD trace of every signal and probe (open with GTKWave)");
  cmd->add_option("--report", args->html,
                  "write a report to look at (HTML with SVG): verdicts, faults and steps, fault memory, timing\n"
                  "pictures; links the --trace file of the same run");
  cmd->add_option("--clock", args->clock,
                  "skip: evaluate the RTL only on cycles where something can change (default);\n"
                  "step: clock every cycle (the slow reference, same results)")
      ->check(CLI::IsMember({"skip", "step"}));
  cmd->add_flag("-q,--quiet", args->quiet, "print nothing; the exit status and files say it all");
  cmd->add_flag("--allow-empty", args->allow_empty,
                "run a scenario that has no expectations (it passes whatever happens; by default it is an error, "
                "exit 2)");
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

const bool registered = register_command({"run", 10, &add});

}  // namespace
}  // namespace bcmhil::cli
