// The fork-per-test builder is only worth having if a forked run is the run: a car simulated to
// the workshop door, forked, and simulated on in the child must show exactly what a car simulated
// from time zero in a fresh kernel shows. Traces first (every signal and probe, every sample, bit
// for bit, trace::compare), then the readings of every catalogue test on cars of several faults.
#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary_builder.h"
#include "diagnosis/fork_pool.h"
#include "diagnosis/variants.h"
#include "diagnosis/workshop.h"

#include "bench/runner/simulation.h"
#include "bench/scenario/scenario.h"
#include "model/trace/compare.h"
#include "source_dir.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bcmhil::diagnosis {
namespace {

// Fresh: one kernel runs the scenario from 0 to its end. Forked: another runs it to `fork_at`,
// forks, and the child runs on to the end and compares its whole trace with the fresh one.
std::string compare_forked_with_fresh(const std::string& file, sc_core::sc_time fork_at) {
  const auto sc = scenario::load_scenario(testing::source_dir() + "/scenarios/" + file);
  // Never destroyed: SystemC cannot tear down a kernel once it ran (nor Verilator a model whose
  // context went with it), so both are left to the end of the process on purpose.
  const auto* kept = new scenario::Scenario(sc);
  auto& fresh = *new runner::Simulation(*kept, model::ClockMode::skip_idle);
  fresh.start();
  fresh.advance(sc.duration);
  auto& forked = *new runner::Simulation(*kept, model::ClockMode::skip_idle);
  forked.start();
  forked.advance(fork_at);
  return in_child([&] {
    forked.advance(sc.duration - fork_at);
    const auto c = trace::compare(*fresh.recorder(), *forked.recorder());
    return c.same ? "same, " + std::to_string(c.signals_compared) + " signals" : c.first_difference;
  });
}

TEST(ForkedEqualsFresh, TracesOfAFloodedModuleForkedMidStory) {
  const auto result = compare_forked_with_fresh("flooded-bcm-hatch.yaml", sc_core::sc_time(22, sc_core::SC_SEC));
  EXPECT_EQ(result.substr(0, 6), "same, ") << result;
}

TEST(ForkedEqualsFresh, TracesOfAnIntermittentWireForkedBeforeItsDraws) {
  // The broken ends settle by a seeded draw at each shutting (8 s): the child must draw the same.
  const auto result = compare_forked_with_fresh("hinge-wire-intermittent.yaml", sc_core::sc_time(5, sc_core::SC_SEC));
  EXPECT_EQ(result.substr(0, 6), "same, ") << result;
}

bool same(const Reading& a, const Reading& b) {
  return a.outcome == b.outcome && ((std::isnan(a.raw) && std::isnan(b.raw)) || a.raw == b.raw);
}

// Every test of the shipped catalogue on cars of several kinds of fault: by fork from the car at
// the workshop door (the builder's way) and by play_test in a fresh kernel from time zero.
TEST(ForkedEqualsFresh, ReadingsOfEveryCatalogueTest) {
  const auto catalogue = load_catalogue(shipped_catalogue_path());
  const auto variants = load_variants(shipped_variants_path());
  for (const char* id : {"healthy#0", "water_ingress{region=tailgate_driver}#5", "bad_ground{point=hatch}#2",
                         "hinge_wire_intermittent{wire=tailgate_feed}#1", "input_leak_intermittent{input=DIP_BOOT_HANDLE_SW}#0"}) {
    const VariantCar* car = nullptr;
    for (const auto& c : variants.cars)
      if (c.variant.id == id) car = &c;
    ASSERT_NE(car, nullptr) << id;
    const auto forked = readings_by_fork(car_of(*car), catalogue.tests);
    ASSERT_EQ(forked.size(), catalogue.tests.size());
    for (std::size_t t = 0; t < catalogue.tests.size(); ++t) {
      const auto fresh = play_test(car_of(*car), catalogue.tests[t]);
      EXPECT_TRUE(same(forked[t], fresh)) << id << ", test " << catalogue.tests[t].id << ": forked " << forked[t].raw
                                          << " (class " << forked[t].outcome << "), fresh " << fresh.raw << " (class "
                                          << fresh.outcome << ")";
    }
  }
}

}  // namespace
}  // namespace bcmhil::diagnosis
