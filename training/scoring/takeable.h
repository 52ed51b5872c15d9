#pragma once
// Which catalogue tests a student can take in a training session: the exercise's tools allow it
// (its instrument or the tester, the hands to unplug or pull a fuse), and the session can express
// its stimulus. The session has no op that forces an output over DS2 and none that flexes a loom
// (a wiggle test), so a test whose stimulus does either is out of a student's reach: out of the
// scoring's optimal path and hints, and never matched (test_match.h).
#include "attempt.h"

#include "diagnosis/catalogue.h"

#include <string>
#include <vector>

namespace bcmhil::training {

// The tools a test needs, of exercise_tools(): "dvm", "ohmmeter", "clamp", "test_lamp", "ds2",
// "connectors", "fuses". Eyes and ears need none.
std::vector<std::string> tools_of(const diagnosis::CatalogueTest& test);

// Whether a session's ops can do what the stimulus does: no DS2 job (forcing an output), no loom flexed.
bool session_can_express(const diagnosis::CatalogueTest& test);

// The exercise's tools allow the test (an empty list allows all) and the session can express it.
bool student_can_take(const AnswerKey& key, const diagnosis::CatalogueTest& test);

// The dictionary's indices of the tests a student cannot take (entries: catalogue_entries order).
std::vector<int> untakeable_tests(const AnswerKey& key, const std::vector<const diagnosis::CatalogueTest*>& entries);

}  // namespace bcmhil::training
