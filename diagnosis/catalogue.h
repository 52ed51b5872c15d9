#pragma once
// The test catalogue: every measurement a technician can take on this car, as data
// (diagnosis/catalogue/bc1-tests.yaml, format in diagnosis/README.md). A test says what a person
// does first (the stimulus), what is read (a recorded observation, an instrument on named
// points, a DS2 job), over which window, how the window's values reduce to one number, which
// outcome classes that number falls into, what it costs in workshop minutes, and the words a
// technician follows. The workshop (workshop.h) performs one on a simulated car; the dictionary
// tabulates every test on every fault variant; the assistant picks the next one.
#include "bench/scenario/scenario.h"
#include "dictionary.h"

#include <systemc>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

// A malformed catalogue. what() reads "file:line:column: message".
class CatalogueError : public std::runtime_error {
 public:
  CatalogueError(const scenario::Location& where, const std::string& message);
  const scenario::Location& where() const { return where_; }

 private:
  scenario::Location where_;
};

// The readings a test can give at all (what its instrument displays, what a count can reach):
// anything outside is a mistyped reading, refused before it reaches the assistant.
struct Range {
  double lo = 0;
  double hi = 0;
  bool contains(double value) const { return value >= lo && value <= hi; }
};

// One outcome of a test: raw readings below `below` (and at or above the previous class's
// bound) fall into it. The last threshold class has no bound (+inf). A class with `none` holds
// the reading "the instrument shows nothing" (NaN: no answer on the K-line, OL).
struct OutcomeClass {
  std::string name;       // "0 V", "battery", "2 flashes"
  double below = std::numeric_limits<double>::infinity();
  bool none = false;      // the class of a NaN reading
  std::string means;      // what this outcome points at, in a technician's words
};

// What the test reads.
enum class ReadKind {
  signal,      // a recorded observation or ideal probe: indicator_lh.lit, hatch.open, V(node)...
  ds2,         // a DS2 job through the module's diagnostic backend, at one instant
  instrument,  // a DVM, ohmmeter, clamp or test lamp on named measurement points
};

// How the values inside the window reduce to one number.
enum class Reduce { max, min, last, count };  // count: rising edges of an on/off signal

struct Ds2Read {
  std::string job;   // faults | info | inputs | outputs | rf | analog | ident
  std::string item;  // faults, info: "0xC4"; inputs/outputs: DIP_/DOP_ name; rf: STAT_ name; analog: AIP_ name
};

struct InstrumentRead {
  std::string instrument;  // dvm | ohmmeter | clamp | test_lamp
  std::string plus;        // red lead (dvm, ohmmeter, test lamp) or the clamp's place
  std::string minus;       // black lead; empty for a clamp
};

// A workshop action before or during a test (the meter needs the part de-energised...).
struct WorkshopAction {
  enum class Kind { unplug, plug, pull_fuse, refit_fuse, flex_loom };
  Kind kind;
  std::string target;  // a connector ("X330", "hatch"), a fuse ("F9") or a loom ("hinge")
};

// One thing done at `at` after the test starts: a person's step in the scenario vocabulary
// (press_fob, turn_key, diagnose...) or a workshop action.
struct StimulusStep {
  sc_core::sc_time at;
  std::optional<scenario::Step> person;
  std::optional<WorkshopAction> workshop;
  scenario::Location where;
};

struct CatalogueTest {
  std::string id;      // "hatch.pin2.volts.trunk": stable, the dictionary's column key
  std::string path;    // hatch | central_locking | indicators | kline | fob | alarm | power
  std::string title;   // one line
  std::string words;   // the instruction a technician follows
  std::string access;  // what has to come off first ("footwell trim", "none")
  std::string unit;    // "V", "A", "ohm", "flashes", "count", "state", "" (yes/no)
  double cost_min = 0; // workshop minutes including access: an estimate
  std::vector<StimulusStep> stimulus;
  ReadKind kind = ReadKind::signal;
  std::string signal;          // kind signal
  Ds2Read ds2;                 // kind ds2
  InstrumentRead instrument;   // kind instrument
  sc_core::sc_time from;       // the window, after the stimulus starts (ds2: from == to, the read's instant)
  sc_core::sc_time to;
  Reduce reduce = Reduce::max;
  std::vector<OutcomeClass> classes;
  scenario::Location where;

  // The class index of a raw reading: the first threshold class whose bound is above it; NaN
  // goes to the `none` class, or the last class when there is none (OL on an ohmmeter: open).
  int classify(double raw) const;
  TestInfo info() const;
  Range range() const;
  // Simulated time from the test's start until its reading is complete.
  sc_core::sc_time duration() const;
};

struct Catalogue {
  std::string file;    // as loaded
  std::string sha256;  // of the file's bytes (hex): the dictionary records it
  std::vector<CatalogueTest> tests;
  const CatalogueTest* find(const std::string& id) const;  // nullptr when absent
};

// Throws CatalogueError (file:line:column) for anything malformed, unknown or inconsistent.
Catalogue load_catalogue(const std::string& path);
Catalogue parse_catalogue(const std::string& text, const std::string& origin);
// diagnosis/catalogue/bc1-tests.yaml in the source tree this binary was built from.
std::string shipped_catalogue_path();

const char* to_string(ReadKind kind);
const char* to_string(Reduce reduce);
const std::vector<std::string>& catalogue_paths();     // hatch, central_locking, ...
const std::vector<std::string>& catalogue_units();     // V, A, ohm, ...
const std::vector<std::string>& catalogue_ds2_jobs();  // faults, info, ...
const std::vector<std::string>& catalogue_instruments();

}  // namespace bcmhil::diagnosis
