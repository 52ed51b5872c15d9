// bcmhil signals / bcmhil faults: what a scenario may name.
#include "command_registry.h"

#include "bench/runner/ds2_signals.h"
#include "bench/runner/scenario_runner.h"
#include "model/faults/fault.h"

#include <cstdio>
#include <iostream>

namespace bcmhil::cli {

namespace {

int list_signals(const std::string& file) {
  try {
    scenario::Scenario sc;
    if (file.empty()) {
      sc = scenario::parse_scenario("name: catalog\nduration: 1 ms\n", "(built-in)");
    } else {
      sc = scenario::load_scenario(file);
      sc.duration = sc_core::sc_time(1, sc_core::SC_MS);
      sc.expectations.clear();
      sc.steps.clear();
    }
    const auto result = runner::run_scenario(sc);
    for (const auto& s : result.recorder->signals())
      std::printf("%-48s %-4s %s\n", s.name.c_str(), s.kind == trace::Kind::bit ? "bit" : s.unit.c_str(),
                  s.description.c_str());
    // What a 'do: diagnose' step's tester records: judged only with a read inside the window.
    for (const auto& d : runner::ds2_signals())
      if (!result.recorder->find(d.name))
        std::printf("%-48s %-4s %s\n", d.name.c_str(), d.kind == trace::Kind::bit ? "bit" : "",
                    d.meaning.c_str());
    return 0;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}

int list_faults() {
  for (const auto& type : faults::fault_library()) {
    std::printf("%s\n  %s\n  symptom: %s\n  tell:    %s\n", type.name.c_str(), type.summary.c_str(),
                type.symptom.c_str(), type.tell.c_str());
    for (const auto& p : type.params) {
      std::string choices;
      for (const auto& c : p.choices) choices += (choices.empty() ? " [" : "|") + c;
      if (!choices.empty()) choices += "]";
      std::printf("    %-16s default %-16s %s%s\n", p.name.c_str(), p.default_value.c_str(), p.description.c_str(),
                  choices.c_str());
    }
    std::printf("\n");
  }
  return 0;
}

void add_signals(CLI::App& app, int* exit_code) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("signals", "List every signal and probe a scenario's expectations may name");
  cmd->add_option("scenario", *file, "list the model as this scenario builds it (faults add probes)");
  cmd->callback([file, exit_code] { *exit_code = list_signals(*file); });
}

void add_faults(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("faults", "List the fault library: parameters, symptoms, how to tell each apart");
  cmd->callback([exit_code] { *exit_code = list_faults(); });
}

const bool registered_signals = register_command({"signals", 70, &add_signals});
const bool registered_faults = register_command({"faults", 71, &add_faults});

}  // namespace
}  // namespace bcmhil::cli
