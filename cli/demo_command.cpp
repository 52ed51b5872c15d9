// bcmhil demo: the case bcmhil was born from, told to a technician. Runs the flooded-BC1
// scenario and its look-alikes, measures each like a technician with a meter would, and lets
// the measurements (not the injected fault) name the culprit.
#include "command_registry.h"
#include "run_output.h"

#include "bench/runner/hatch_diagnosis.h"
#include "bench/runner/scenario_runner.h"

#include <cstdio>
#include <iostream>

namespace bcmhil::cli {

namespace {

struct Case {
  const char* file;
  const char* title;
};

// The seed case first, then the look-alikes a technician must rule out.
const Case kCases[] = {
    {"flooded-bcm-hatch.yaml", "water in the passenger footwell (the seed case)"},
    {"hinge-wire-broken.yaml", "look-alike: broken wire in the hinge loom"},
    {"fuse-30cdl-blown.yaml", "look-alike: blown fuse on the 30CDL feed"},
    {"actuator-seized.yaml", "look-alike: seized lock actuator"},
};

double last_trunk_press(const scenario::Scenario& sc) {
  double at = -1;
  for (const auto& s : sc.steps)
    if (s.action == scenario::Action::press_fob && s.button == model::FobButton::trunk) at = s.at.to_seconds();
  return at;
}

void print_measurement(const runner::HatchDiagnosis& d) {
  const auto& m = d.measured;
  std::printf("  t = %.1f s   fob trunk button pressed\n", m.press_s);
  std::printf("  the owner sees      lights blinked %dx, hatch %s\n", m.flashes, m.hatch_opened ? "OPENED" : "stayed shut");
  std::printf("  BC1 commands        release %s\n", m.release_commanded ? "yes (DOP_BOOT_RELEASE)" : "no");
  std::printf("  meter, BC1 30CDL feed pin   %6.2f V\n", m.feed_pin_v);
  std::printf("  meter, BC1 tailgate pin     %6.2f V   (during the release pulse)\n", m.bc1_pin_v);
  std::printf("  meter, hatch lock pin 2     %6.2f V\n", m.hatch_pin2_v);
  std::printf("  clamp, lock motor current   %6.2f A\n", m.motor_a);
  std::printf("  => %s\n\n", d.finding.c_str());
}

int demo(const std::string& dir) {
  std::cout << "bcmhil demo - the flooded-BC1 hatch case (MINI R50/R53, 2002-2006)\n\n"
               "Complaint: the hatch will not unlock. The fob's trunk button makes the lights blink\n"
               "twice, but no voltage reaches the hatch lock. Four cars, four causes; the meter tells\n"
               "them apart.\n\n";
  int status = 0;
  for (const auto& c : kCases) {
    const std::string path = dir + "/" + c.file;
    try {
      const auto sc = scenario::load_scenario(path);
      ProgressLine progress(&std::cerr);
      runner::RunOptions options;
      options.progress = [&](double now, double total) { progress.update(sc.name, now, total); };
      const auto result = runner::run_scenario(sc, options);
      progress.finish();
      std::printf("%s - %s\n", sc.name.c_str(), c.title);
      print_measurement(runner::diagnose_hatch(runner::measure_hatch(*result.recorder, last_trunk_press(sc))));
      if (!result.passed) {
        std::printf("  (the scenario's own expectations did not all hold: run 'bcmhil run %s')\n\n", path.c_str());
        status = 1;
      }
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return 2;
    }
  }
  std::cout << "Try it yourself: bcmhil run scenarios/flooded-bcm-hatch.yaml --trace flood.vcd\n"
               "(open flood.vcd in GTKWave: V(bc1.tailgate_out), V(hatch_lock.pin2), indicator_lh.lit)\n";
  return status;
}

void add(CLI::App& app, int* exit_code) {
  auto dir = std::make_shared<std::string>(BCMHIL_SCENARIO_DIR);
  auto* cmd = app.add_subcommand("demo", "The flooded-BC1 hatch case and its look-alikes, measured and explained");
  cmd->add_option("--scenarios", *dir, "folder holding the shipped scenarios")->capture_default_str();
  cmd->callback([dir, exit_code] { *exit_code = demo(*dir); });
}

const bool registered = register_command({"demo", 5, &add});

}  // namespace
}  // namespace bcmhil::cli
