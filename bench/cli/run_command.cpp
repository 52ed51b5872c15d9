// bcmhil run SCENARIO: one scenario on the model, each expectation with what was observed.
#include "command_registry.h"
#include "run_output.h"

#include "bench/report/html_report.h"
#include "bench/report/json_report.h"
#include "bench/report/junit_report.h"
#include "bench/report/vcd_writer.h"
#include "bench/runner/scenario_runner.h"

#include <fstream>
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
};

// Opens an artefact file or says clearly why it cannot.
bool open_output(std::ofstream& out, const std::string& path) {
  out.open(path, std::ios::binary | std::ios::trunc);
  if (!out) std::cerr << "bcmhil run: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

int run(const RunArgs& args) {
  scenario::Scenario sc;
  runner::RunResult result;
  try {
    sc = scenario::load_scenario(args.scenario);
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
    if (!args.junit.empty()) {
      std::ofstream out;
      if (open_output(out, args.junit)) report::write_junit(out, {{nullptr, args.scenario, e.what()}});
    }
    return 2;
  }
  if (!args.quiet) print_run(std::cout, sc, result);
  bool written = true;
  if (!args.json.empty()) {
    std::ofstream out;
    if ((written &= open_output(out, args.json))) out << report::to_json(result).dump(2) << "\n";
  }
  if (!args.junit.empty()) {
    std::ofstream out;
    if ((written &= open_output(out, args.junit))) report::write_junit(out, {{&result, sc.file, ""}});
  }
  if (!args.trace.empty()) {
    std::ofstream out;
    if ((written &= open_output(out, args.trace))) report::write_vcd(out, *result.recorder, sc.name);
  }
  if (!args.html.empty()) {
    std::ofstream out;
    if ((written &= open_output(out, args.html))) report::write_html(out, sc, result);
  }
  if (!written) return 3;
  return result.passed ? 0 : 1;
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run one scenario on the BC1 model and judge its expectations");
  cmd->footer(
      "Exit status: 0 every expectation held, 1 some failed, 2 the scenario is invalid, 3 an output\n"
      "file could not be written.\nExample: bcmhil run scenarios/flooded-bcm-hatch.yaml --trace flood.vcd");
  cmd->add_option("scenario", args->scenario, "scenario file (YAML, see scenarios/README.md)")->required();
  cmd->add_option("--json", args->json, "write the result as JSON to this file");
  cmd->add_option("--junit", args->junit, "write JUnit XML (one test case per expectation) to this file");
  cmd->add_option("--trace", args->trace, "write a VCD trace of every signal and probe (open with GTKWave)");
  cmd->add_option("--report", args->html,
                  "write a report to look at: verdicts and a timing picture (HTML with SVG)");
  cmd->add_option("--clock", args->clock,
                  "skip: evaluate the RTL only on cycles where something can change (default);\n"
                  "step: clock every cycle (the slow reference, same results)")
      ->check(CLI::IsMember({"skip", "step"}));
  cmd->add_flag("-q,--quiet", args->quiet, "print nothing; the exit status and files say it all");
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

const bool registered = register_command({"run", 10, &add});

}  // namespace
}  // namespace bcmhil::cli
