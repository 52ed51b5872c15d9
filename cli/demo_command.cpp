// bcmhil demo: the case bcmhil was born from, told to a technician. Brings the flooded-BC1 car
// and its look-alikes into the workshop, and lets the assistant (diagnosis/assistant.h) choose each
// measurement and name the culprit from the readings alone: the injected fault stays hidden.
#include "command_registry.h"

#include "diagnosis/advice.h"
#include "diagnosis/car_session.h"
#include "diagnosis/dictionary_cache.h"
#include "bench/scenario/scenario.h"

#include <cmath>
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
    {"actuator-shorted.yaml", "look-alike: shorted lock motor"},
    {"bad-ground-hatch.yaml", "look-alike: corroded hatch ground"},
};

void print_session(const diagnosis::Dictionary& d, const diagnosis::Catalogue& catalogue, const diagnosis::Session& s) {
  for (const auto& o : s.observations) {
    const auto* test = catalogue.find(d.tests[o.test].id);
    std::string value = d.tests[o.test].classes[o.outcome];
    if (std::isfinite(o.raw) && !d.tests[o.test].unit.empty() && d.tests[o.test].unit != "yes/no") {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f %s (%s)", o.raw, d.tests[o.test].unit.c_str(), value.c_str());
      value = buf;
    }
    std::printf("  %-68s %s\n", test ? test->title.c_str() : d.tests[o.test].id.c_str(), value.c_str());
  }
  const auto& top = s.ranking.front();
  const auto& second = s.ranking.at(1);
  std::printf("  => %s, %.0f %% (next: %s, %.0f %%) after %zu measurements, %g workshop min\n",
              d.candidates[top.candidate].key().c_str(), 100 * top.probability,
              d.candidates[second.candidate].key().c_str(), 100 * second.probability, s.observations.size(), s.cost_min);
  if (!s.explained) std::printf("     not explained: no fault of the library reads like this car\n");
  else if (top.probability < 0.95)
    std::printf("     no test of the catalogue tells these two apart (both read alike on all of them)\n");
  std::printf("\n");
}

int demo(const std::string& dir) {
  std::cout << "bcmhil demo - the flooded-BC1 hatch case (MINI R50/R53, 2002-2006)\n\n"
               "Complaint: the hatch will not unlock. Six cars, six causes, faults hidden. For each, the\n"
               "assistant picks the measurement worth most per workshop minute from the fault dictionary,\n"
               "the simulated car gives the reading, until one fault passes 95 %.\n\n";
  try {
    const auto catalogue = diagnosis::load_catalogue(diagnosis::shipped_catalogue_path());
    diagnosis::BuildOptions build;
    build.jobs = 2;
    build.progress = [](std::size_t done, std::size_t total, const std::string&) {
      std::fprintf(stderr, "\rbuilding the fault dictionary (once, into the cache): %zu/%zu variants", done, total);
      if (done == total) std::fprintf(stderr, "\n");
    };
    const auto dictionary =
        diagnosis::load_or_build_dictionary(catalogue, diagnosis::load_variants(diagnosis::shipped_variants_path()), build);
    for (const auto& c : kCases) {
      const auto sc = scenario::load_scenario(dir + "/" + c.file);
      std::printf("%s - %s\n", sc.name.c_str(), c.title);
      print_session(dictionary, catalogue, diagnosis::diagnose_car(dictionary, catalogue, diagnosis::car_from_scenario(sc)));
    }
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::runtime_error& e) {  // catalogue, variants, dictionary: the shipped files
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::cout << "Ask it yourself: bcmhil assist (prompts for each reading), or\n"
               "bcmhil assist --scenario scenarios/bad-ground-hatch.yaml --json\n";
  return 0;
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
