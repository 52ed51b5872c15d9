// bcmhil speed SCENARIO: how fast the model runs, measured in one process: skipping idle cycles
// (repeated, median) against stepping every cycle, on the same scenario, with peak memory.
#include "command_registry.h"
#include "run_output.h"

#include "bench/runner/scenario_runner.h"

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
    if (args.json) {
      nlohmann::json j{{"scenario", sc.name},
                       {"sim_time_s", median.sim_time_s},
                       {"skip", {{"wall_time_s", median.wall_time_s}, {"realtime_factor", median.realtime_factor()},
                                 {"clock_edges", median.clock_edges}, {"repeat", args.repeat}}},
                       {"peak_rss_kib_skip", rss_after_skip},
                       {"peak_rss_kib", peak_rss_kib()}};
      if (!args.skip_step)
        j["step"] = {{"wall_time_s", slow.wall_time_s}, {"realtime_factor", slow.realtime_factor()},
                     {"clock_edges", slow.clock_edges}},
        j["skip_vs_step_speedup"] = ratio;
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::printf("scenario %s: %.1f s simulated, module clock 1 MHz\n", sc.name.c_str(), median.sim_time_s);
    std::printf("  skip idle cycles   %9.4f s wall  %10.0fx real time  %12llu clock edges  (median of %d)\n",
                median.wall_time_s, median.realtime_factor(), static_cast<unsigned long long>(median.clock_edges),
                args.repeat);
    if (!args.skip_step) {
      std::printf("  step every cycle   %9.4f s wall  %10.1fx real time  %12llu clock edges\n", slow.wall_time_s,
                  slow.realtime_factor(), static_cast<unsigned long long>(slow.clock_edges));
      std::printf("  skipping is %.0fx faster than stepping, same traces (tests/bench/runner/clock_equivalence_test)\n",
                  ratio);
    }
    std::printf("  peak memory (whole process): %.1f MiB after the skip runs, %.1f MiB at the end\n",
                rss_after_skip / 1024.0, peak_rss_kib() / 1024.0);
    return 0;
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
  cmd->add_flag("--no-step", args->skip_step, "skip the slow every-cycle reference run");
  cmd->add_flag("--json", args->json, "print the figures as JSON");
  cmd->callback([args, exit_code] { *exit_code = speed(*args); });
}

const bool registered = register_command({"speed", 80, &add});

}  // namespace
}  // namespace bcmhil::cli
