// bcmhil catalogue: the test catalogue a technician works from, checked, listed, and played on a
// scenario's car (every test's reading and outcome class, as the workshop performs it).
#include "command_registry.h"

#include "diagnosis/catalogue.h"
#include "diagnosis/workshop.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace bcmhil::cli {

namespace {

struct CatalogueOptions {
  std::string file;      // empty: the shipped catalogue
  std::string scenario;  // empty: list only
  std::string test;      // empty: every test
};

void list(const diagnosis::Catalogue& c, const std::string& only) {
  std::printf("%s (sha256 %s): %zu tests; costs are workshop minutes, estimates\n", c.file.c_str(), c.sha256.c_str(),
              c.tests.size());
  for (const auto& t : c.tests) {
    if (!only.empty() && t.id != only) continue;
    std::string classes;
    for (const auto& k : t.classes) classes += (classes.empty() ? "" : " | ") + k.name;
    std::printf("%-44s %-16s %5.0f min  %-7s %s\n    %s\n", t.id.c_str(), t.path.c_str(), t.cost_min, t.unit.c_str(),
                classes.c_str(), t.title.c_str());
  }
}

std::string shown(double raw, const std::string& unit) {
  if (std::isnan(raw)) return "nothing";
  char text[64];
  std::snprintf(text, sizeof text, "%.4g %s", raw, unit.c_str());
  return text;
}

void play(const diagnosis::Catalogue& c, const std::string& scenario_file, const std::string& only) {
  const auto car = diagnosis::car_from_scenario(scenario::load_scenario(scenario_file));
  std::printf("%s: the car as it comes in at %s; each test on a fresh copy of it\n", scenario_file.c_str(),
              car.examine_at.to_string().c_str());
  for (const auto& t : c.tests) {
    if (!only.empty() && t.id != only) continue;
    const auto r = diagnosis::play_test(car, t);
    const auto& outcome = t.classes.at(static_cast<std::size_t>(r.outcome));
    std::printf("%-44s %14s  %-14s %s\n", t.id.c_str(), shown(r.raw, t.unit).c_str(), outcome.name.c_str(),
                outcome.means.c_str());
  }
}

int run_catalogue(const CatalogueOptions& o) {
  try {
    const auto c = diagnosis::load_catalogue(o.file.empty() ? diagnosis::shipped_catalogue_path() : o.file);
    if (!o.test.empty() && !c.find(o.test)) {
      std::cerr << "no test '" << o.test << "' in " << c.file << "\n";
      return 2;
    }
    if (o.scenario.empty())
      list(c, o.test);
    else
      play(c, o.scenario, o.test);
    return 0;
  } catch (const diagnosis::CatalogueError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {  // a name the car does not have, at the test's line
    std::cerr << e.what() << "\n";
    return 2;
  }
}

void add_catalogue(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<CatalogueOptions>();
  auto* cmd = app.add_subcommand(
      "catalogue", "List the test catalogue (what a technician can measure), or play it on a scenario's car");
  cmd->add_option("--catalogue", o->file, "a catalogue file (default: the shipped diagnosis/catalogue/bc1-tests.yaml)");
  cmd->add_option("--play", o->scenario,
                  "perform every test on this scenario's car (its vehicle and faults at the end of its story) "
                  "and print each reading and outcome");
  cmd->add_option("--test", o->test, "only this test id");
  cmd->callback([o, exit_code] { *exit_code = run_catalogue(*o); });
}

const bool registered = register_command({"catalogue", 72, &add_catalogue});

}  // namespace
}  // namespace bcmhil::cli
