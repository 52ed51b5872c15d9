// bcmhil speed SCENARIO: how fast the model runs, measured in one process: skipping idle cycles
// (repeated, median) against stepping every cycle, on the same scenario, with peak memory; the
// two runs' histories of every signal and probe are compared (trace::compare, the judge of the
// step-vs-skip equivalence test). With --no-step the runs keep in memory only what the
// expectations read, as `bcmhil run` does: the long-run benchmark.
#include "command_registry.h"
#include "run_output.h"

#include "bench/runner/scenario_runner.h"
#include "model/trace/compare.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace bcmhil::cli {

namespace {

struct SpeedArgs {
  std::string scenario = std::string(BCMHIL_SCENARIO_DIR) + "/flooded-bcm-hatch.yaml";
  int repeat = 5;
  bool skip_step = false;
  bool json = false;
};

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

int speed(const SpeedArgs& args) {
  try {
    const auto sc = scenario::load_scenario(args.scenario);
    runner::RunOptions skip;
    if (args.skip_step) skip.keep = runner::Keep::what_expectations_need;
    std::vector<runner::RunResult> fast;
    for (int i = 0; i < args.repeat; ++i) fast.push_back(runner::run_scenario(sc, skip));
    std::sort(fast.begin(), fast.end(), [](const auto& a, const auto& b) { return a.wall_time_s < b.wall_time_s; });
    const auto& median = fast[fast.size() / 2];
    const long rss_after_skip = peak_rss_kib();

    runner::RunResult slow;
    if (!args.skip_step) {
      runner::RunOptions step;
      step.clock_mode = model::ClockMode::step_every_cycle;
      ProgressLine progress(&std::cerr);
      step.progress = [&](double now, double total) { progress.update(sc.name + " (every cycle)", now, total); };
      slow = runner::run_scenario(sc, step);
      progress.finish();
    }
    const double ratio = args.skip_step ? 0.0 : slow.wall_time_s / median.wall_time_s;
    trace::Comparison same;
    if (!args.skip_step) same = trace::compare(*median.recorder, *slow.recorder);
    const int status = args.skip_step || same.same ? 0 : 1;
    if (args.json) {
      nlohmann::json j{{"scenario", sc.name},
                       {"sim_time_s", median.sim_time_s},
                       {"skip", {{"wall_time_s", median.wall_time_s}, {"realtime_factor", median.realtime_factor()},
                                 {"clock_edges", median.clock_edges}, {"circuit_solves", median.circuit_solves},
                                 {"repeat", args.repeat}}},
                       {"peak_rss_kib_skip", rss_after_skip},
                       {"peak_rss_kib", peak_rss_kib()}};
      if (!args.skip_step)
        j["step"] = {{"wall_time_s", slow.wall_time_s}, {"realtime_factor", slow.realtime_factor()},
                     {"clock_edges", slow.clock_edges}, {"circuit_solves", slow.circuit_solves}},
        j["skip_vs_step_speedup"] = ratio,
        j["same_traces"] = same.same,
        j["signals_compared"] = same.signals_compared;
      if (!same.first_difference.empty()) j["first_difference"] = same.first_difference;
      std::cout << j.dump(2) << "\n";
      return status;
    }
    std::printf("scenario %s: %.1f s simulated, module clock 1 MHz\n", sc.name.c_str(), median.sim_time_s);
    std::printf("  skip idle cycles   %9.4f s wall  %10.0fx real time  %12llu clock edges  (median of %d)\n",
                median.wall_time_s, median.realtime_factor(), static_cast<unsigned long long>(median.clock_edges),
                args.repeat);
    // The other unit of work besides clock edges: each solve is a factorisation or substitution
    // of the network and a recording of every probe.
    std::printf("  %llu network solves per run\n", static_cast<unsigned long long>(median.circuit_solves));
    if (!args.skip_step) {
      std::printf("  step every cycle   %9.4f s wall  %10.1fx real time  %12llu clock edges\n", slow.wall_time_s,
                  slow.realtime_factor(), static_cast<unsigned long long>(slow.clock_edges));
      if (same.same)
        std::printf("  skipping is %.0fx faster than stepping, same traces (%zu signals compared)\n", ratio,
                    same.signals_compared);
      else
        std::printf("  skipping is %.0fx faster than stepping, but the traces DIFFER: %s\n", ratio,
                    same.first_difference.c_str());
    }
    std::printf("  peak memory (whole process): %.1f MiB after the skip runs, %.1f MiB at the end\n",
                rss_after_skip / 1024.0, peak_rss_kib() / 1024.0);
    return status;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}

void add(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SpeedArgs>();
  auto* cmd = app.add_subcommand("speed", "Measure the model's speed: skipping idle cycles vs stepping every cycle");
  cmd->add_option("scenario", args->scenario, "scenario to time")->capture_default_str();
  cmd->add_option("--repeat", args->repeat, "runs of the fast mode (the median is reported)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_flag("--no-step", args->skip_step,
                "skip the slow every-cycle reference run and the trace comparison; the runs then keep\n"
                "only what the expectations read, as bcmhil run does (for long scenarios)");
  cmd->footer("Exit status: 0 measured (and, with the reference run, the traces are identical), 1 the two\n"
              "runs' traces differ (the first difference is printed), 2 the scenario is invalid.");
  cmd->add_flag("--json", args->json, "print the figures as JSON");
  cmd->callback([args, exit_code] { *exit_code = speed(*args); });
}

const bool registered = register_command({"speed", 80, &add});

}  // namespace
}  // namespace bcmhil::cli
