#pragma once
// Contract 2 of /work/wt/ISSUE13.md: one student's attempt at an exercise, as the session logs it
// (the path), what the student submits, and the score with its debrief. The session child
// (training/session, train-car) fills the path and calls score_attempt() on `submit` and
// next_hint() on `hint`; the records (training/records) store it; the page shows it.
//
// Scoring needs of the exercise and its drawn fault only the answer key (AnswerKey): the fault's
// component and cause, the parts whose replacement or repair cures it, the car the assistant's
// optimal path is played on, the time budget and the tools allowed. score_attempt(Exercise, ...)
// builds it with answer_key() and scores against it. The points rules: training/scoring/README.md.
#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary.h"
#include "diagnosis/workshop.h"

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bcmhil::training {

struct Exercise;    // training/exercise/exercise.h (train-car)
struct DrawnFault;  // the fault drawn for one student from the exercise's pool and seed (train-car)

// ------------------------------------------------------------------------------------ the path

enum class PathKind { measurement, ds2, observation, replace, repair, hint };

// One thing the student did to the car with contract 1's `act` op: a step of the scenario
// vocabulary (scenarios/README.md) with its arguments, and how long before the reading it was
// done. Workshop actions (unplug, pull a fuse) are not actions: they are the state in PathDetail.
struct TimedAction {
  std::string action;                       // "press_fob", "press_lid_handle", "turn_key", ...
  std::map<std::string, std::string> args;  // {"button": "trunk"}; as the scenario step writes them
  double before_s = 0;                      // simulated seconds from the action to the reading
};

// What was read: an instrument's display, a DS2 job's value, what a person saw. An instrument's
// unit is the catalogue's (V, ohm, A, W: the session converts before it logs); a DS2 read or an
// observation may leave it empty (the catalogue's flashes/count/state/yes-no depend on the test).
struct MeasurementValue {
  double value = std::numeric_limits<double>::quiet_NaN();  // when read; NaN: OL, no answer
  std::string unit;
  // Since the instrument was placed (a DVM's MIN/MAX hold) or the observation began (lowest and
  // highest of the signal); NaN when there is none.
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  int count = -1;  // an observation: how often the signal rose (a lamp's flashes); -1 not counted
};

// Everything scoring needs to know about one path entry; the fields of other kinds stay empty.
struct PathDetail {
  // measurement: an instrument on measurement points (model/instruments/measurement_points.h names)
  std::string instrument;        // dvm | ohmmeter | clamp | test_lamp
  std::string first;             // red lead, or the clamp's place
  std::string second;            // black lead; empty for a clamp
  double placed_before_s = 0;    // simulated seconds from placing the instrument to the reading
  // ds2: a tester job, the catalogue's reading convention (diagnosis/README.md "Read")
  std::string job;               // faults | info | inputs | outputs | rf | analog | ident
  std::string item;              // "0xC4", "DIP_BOOT_HANDLE_SW", ...; empty for ident
  // observation: what a person sees or hears, a signal of `bcmhil signals`
  std::string signal;            // "indicator_lh.lit" (value: flashes counted), "hatch.open" ...
  // measurement, ds2, observation: the car's state when it was read
  std::vector<std::string> unplugged;     // connectors unplugged: "X330", "hatch"
  std::vector<std::string> fuses_pulled;  // "F9"
  std::vector<TimedAction> actions;       // the student's recent actions, oldest first (at least the last)
  // replace, repair: the part and what it was charged; hint: the words given
  std::string part;
  double price = 0;    // money
  double minutes = 0;  // workshop minutes
  std::string text;
};

struct PathEntry {
  PathKind kind = PathKind::measurement;
  PathDetail detail;
  MeasurementValue reading;  // measurement, ds2, observation
  double wall_s = 0;         // wall seconds since the attempt started
  double sim_s = 0;          // simulated seconds of the student's car
};

struct Submission {
  std::string component;  // "BC1"
  std::string cause;      // "water damage"
  double wall_s = 0;      // wall seconds since the attempt started, when submitted
};

// What scoring needs of the exercise and its drawn fault (the answer key; never shown before submit).
struct AnswerKey {
  std::string exercise;                // exercise id
  std::string component;               // the drawn fault's component ("BC1")
  std::string cause;                   // and cause ("water damage")
  std::vector<std::string> parts;      // parts whose replacement or repair cures it
  diagnosis::CarUnderTest car;         // the car with the drawn fault, for the assistant's optimal path
  double time_budget_s = 0;
  std::vector<std::string> tools;      // allowed, of exercise_tools(): dvm, ohmmeter, clamp, test_lamp, ds2, connectors, fuses (empty: all)
};

AnswerKey answer_key(const Exercise& exercise, const DrawnFault& drawn);

// --------------------------------------------------------------------------- measurement value

// The classes of troubleshooting research (Rouse; Konradt): thresholds in training/scoring/README.md.
enum class MeasurementClass {
  redundant,           // its outcome was already implied by what had been read (or it repeats a test)
  irrelevant,          // it does not separate the candidates still in play
  serial_elimination,  // it splits off one candidate or a small share of the posterior
  space_splitting,     // it splits the posterior mass near evenly
};

// One measurement, ds2 read or observation of the student's path, valued.
struct MeasurementScore {
  std::size_t path_index = 0;          // into the path
  std::string test;                    // the catalogue test it amounts to; empty: none
  std::string title;                   // its catalogue title, for the debrief
  std::string outcome;                 // its outcome class, by name ("0 V"); empty when unmatched
  double raw = std::numeric_limits<double>::quiet_NaN();  // the reduced reading classified
  double cost_min = 0;                 // the catalogue's minutes for it (0 when unmatched)
  double bits = 0;                     // expected information at the moment it was taken
  double largest_share = 1;            // the posterior's share on its most likely outcome then
  MeasurementClass value = MeasurementClass::irrelevant;
  std::string why;                     // the class in words
};

// One step of the assistant's optimal path on the same car (diagnosis::diagnose_car).
struct OptimalStep {
  std::string test;
  std::string title;  // its catalogue title
  std::string outcome;
  double raw = std::numeric_limits<double>::quiet_NaN();
  double cost_min = 0;
  double bits = 0;  // expected information when the assistant took it
};

struct OptimalPath {
  std::vector<OptimalStep> steps;
  double cost_min = 0;
  std::string verdict;      // the assistant's top candidate at the end (a fault key of the library)
  double probability = 0;
  bool explained = true;
};

struct WrongPart {
  std::size_t path_index = 0;
  std::string part;
  double price = 0;
  double minutes = 0;
  bool repair = false;  // repaired rather than replaced
};

// The points (training/scoring/README.md): each share out of its maximum, hints subtracted.
struct Points {
  double solved = 0;     // of 40
  double parts = 0;      // of 15
  double time = 0;       // of 15
  double quality = 0;    // of 30
  double hints = 0;      // subtracted: 5 a hint
  double total = 0;      // of 100, never below 0
};

struct Score {
  bool solved = false;
  Submission submitted;
  std::string component;                // the drawn fault's: revealed only in the score
  std::string cause;
  std::vector<WrongPart> wrong_parts;
  double wrong_parts_cost = 0;
  double time_used_s = 0;               // wall time at submission + workshop minutes charged
  double time_budget_s = 0;
  int hints = 0;
  // Every read valued; of a DS2 job's items or what was seen after one action, only those that
  // amount to a test (or the first, when none does).
  std::vector<MeasurementScore> measurements;
  double student_bits = 0;              // sum over the path's serial and space-splitting measurements
  // Catalogue minutes of the path's reads, each charged at least the assistant's floor
  // (AssistantOptions::cost_floor_min, 2 min: a free look still takes a measurement); a read is
  // one instrument reading, one DS2 job's items, or what was seen after one action (consecutive
  // entries of the same kind, job and sim_s), charged once; one that amounts to no catalogue test
  // is charged the floor.
  double student_cost_min = 0;
  OptimalPath optimal;
  double optimal_bits = 0;
  double optimal_cost_min = 0;          // the optimal path's minutes charged the same way
  Points points;
};

// ------------------------------------------------------------------------------- the functions

// The score of a submitted attempt. Plays the assistant's optimal path on the drawn car in a
// forked child (its own SystemC kernel, so the caller's running car is untouched; the child
// leaves with _exit). Throws diagnosis::MismatchError when dictionary and catalogue do not belong
// together, diagnosis::ChildFailed when the drawn car cannot be played (a fault the model rejects).
Score score_attempt(const Exercise& exercise, const DrawnFault& drawn, const std::vector<PathEntry>& path,
                    const Submission& submission, const diagnosis::Dictionary& dictionary,
                    const diagnosis::Catalogue& catalogue);
Score score_attempt(const AnswerKey& key, const std::vector<PathEntry>& path, const Submission& submission,
                    const diagnosis::Dictionary& dictionary, const diagnosis::Catalogue& catalogue);
// The same with the optimal path already known (computed once per car: optimal_path()).
Score score_attempt(const AnswerKey& key, const std::vector<PathEntry>& path, const Submission& submission,
                    const diagnosis::Dictionary& dictionary, const diagnosis::Catalogue& catalogue,
                    const OptimalPath& optimal);

// The assistant's next measurement in words (diagnosis/advice: the catalogue's instruction, its
// cost, and what each outcome would mean), the assistant replayed over the student's path and
// limited to the exercise's tools. It names no fault of the library (fairness: the hidden fault
// never reaches the browser). "" never: when nothing is worth measuring it says so.
std::string next_hint(const Exercise& exercise, const DrawnFault& drawn, const std::vector<PathEntry>& path,
                      const diagnosis::Dictionary& dictionary, const diagnosis::Catalogue& catalogue);
std::string next_hint(const AnswerKey& key, const std::vector<PathEntry>& path,
                      const diagnosis::Dictionary& dictionary, const diagnosis::Catalogue& catalogue);

// diagnosis::diagnose_car on the key's car in a forked child, each step valued.
OptimalPath optimal_path(const AnswerKey& key, const diagnosis::Dictionary& dictionary,
                         const diagnosis::Catalogue& catalogue);

const char* to_string(PathKind kind);
const char* to_string(MeasurementClass value);
std::optional<PathKind> path_kind(const std::string& name);

}  // namespace bcmhil::training
