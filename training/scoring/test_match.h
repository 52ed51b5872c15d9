#pragma once
// Which catalogue test a student's free measurement amounts to. The student places a DVM on two
// points, unplugs a connector, presses the fob's trunk button and reads the MIN/MAX hold; the
// catalogue's hatch.pin2.volts_unplugged_trunk is exactly that. A path entry matches a test when
// - it reads the same way: the same instrument on the same points (a DVM's leads swapped read
//   the negated value; an ohmmeter or a lamp either way round), the same DS2 job and item, the
//   same observed signal;
// - the car is in the test's state: the connectors unplugged and the fuses pulled are the ones
//   the test's stimulus leaves unplugged and pulled;
// - the student's recent actions end with the test's person steps, in order (the scenario
//   parser reads both, so `press_fob trunk` is the same step however it is written), timed so
//   the reading covers the test's window: the instrument on before the window opens and read
//   after it closes; a DS2 state (inputs, outputs) read within kStateTolerance of the test's
//   instant, a DS2 memory (faults, info, ...) from kMemorySettle after the last step (or the
//   test's instant if sooner) on; an observation of several
//   steps watched (placed_before_s) over the whole window; a test without person steps wants the
//   car at rest: nothing done for kRestSeconds before the window.
// - of several such tests, the one with the most person steps (three presses counted are "opens
//   on three presses", not "opens" on the last of them).
// - an instrument's reading is in the test's unit.
// Then the test's reduction of the window (max, min, last, count) is taken from the reading (the
// hold's max or min, the display, the count of rises) and classified by the catalogue's thresholds.
// Tests whose stimulus the session cannot express (a DS2 job forcing an output, a loom flexed:
// takeable.h) are not matched: the path does not say what the tester forced or what was flexed.
#include "attempt.h"

#include "diagnosis/catalogue.h"

#include <optional>

namespace bcmhil::training {

constexpr double kRestSeconds = 3.0;      // chosen: the longest shipped stimulus effect is a 2.5 s flash train
constexpr double kStateTolerance = 0.5;   // chosen: a DS2 input/output read this close to the test's instant
// A DS2 memory (faults, info, rf, ...) read this long after the test's last person step, or at the
// test's instant if that is sooner, amounts to the test: the module has stored what the step
// caused. Chosen: 0xC4 read 1 s after the trunk button reads as at the catalogue's 2.5 s on six
// look-alikes (`bcmhil catalogue --play` with the test's `at: 1 s`).
constexpr double kMemorySettle = 1.0;

struct TestMatch {
  const diagnosis::CatalogueTest* test = nullptr;
  double raw = 0;   // the reading reduced as the test reduces its window
  int outcome = 0;  // its class
};

// The test of the catalogue the entry amounts to, or nullopt (and for replace, repair, hint).
std::optional<TestMatch> match_test(const PathEntry& entry, const diagnosis::Catalogue& catalogue);

// Whether the entry amounts to this one test (nullopt when not).
std::optional<TestMatch> match_one(const PathEntry& entry, const diagnosis::CatalogueTest& test);

}  // namespace bcmhil::training
