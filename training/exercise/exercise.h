#pragma once
// A training exercise, as an instructor writes it in training/exercises/*.yaml (format:
// training/exercises/README.md): a work order in the customer's words, a pool of root causes
// behind that complaint with the ranges their parameters are drawn from, the tools the student
// may use, a time budget, the parts the workshop can fit (with prices, and which causes each one
// cures), the circuits the wiring view shows, and the answers the submit form offers.
//
// Every student gets one cause from the pool, drawn from a seed (draw.h): neighbours with
// different seeds get different causes behind the same complaint, the same seed always the same.
#include "bench/scenario/scenario.h"
#include "diagnosis/dictionary.h"
#include "model/faults/fault.h"

#include <systemc>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::training {

// Invalid exercise file. what() reads "file:line:column: message".
class ExerciseError : public std::runtime_error {
 public:
  ExerciseError(const scenario::Location& where, const std::string& message);
  const scenario::Location& where() const { return where_; }

 private:
  scenario::Location where_;
};

// One parameter of a pool fault that the draw picks: either from a list of values (each as a
// scenario writes it: "40 s", "tailgate", "0.2") or uniformly from a numeric range [min, max] in
// the parameter's SI unit (s, ohm, V or a bare number), log-uniformly when `log` (resistances
// spanning decades).
struct ParamDraw {
  std::string name;
  std::vector<std::string> values;  // non-empty: pick one of these
  double min = 0;                   // values empty: the range
  double max = 0;
  bool log = false;
  scenario::Location where;
};

// One root cause behind the complaint. `where` are the parameters that say what a technician
// repairs (they make the candidate of the fault dictionary: water_ingress{region=tailgate_driver});
// `draws` the others, picked per student; parameters named in neither take the library's default.
struct PoolFault {
  std::string id;                                // unique in the exercise: "bc1_water"
  std::string fault;                             // a fault type of the library (model/faults)
  std::map<std::string, std::string> where;      // scenario-style text
  std::vector<ParamDraw> draws;
  double weight = 1.0;                           // relative chance of being drawn
  std::string component;                         // the right answer: "BC1"
  std::string cause;                             // "water damage"
  scenario::Location at;                         // of the entry, for messages

  diagnosis::Candidate candidate() const;        // fault + where (prior = weight)
};

// Something the workshop can do that costs money and time: replace a part or repair one.
// `fixes` lists pool fault ids this cures (a replaced part that was the faulty one removes that
// fault from the car); the others leave the car as it was.
struct Part {
  enum class Action { replace, repair };
  std::string id;          // "bc1", "hinge_loom": what `replace`/`repair` name
  std::string name;        // "body control module BC1"
  Action action = Action::replace;
  double price = 0;        // in the exercise's currency
  double minutes = 0;      // workshop time charged
  std::vector<std::string> fixes;
  scenario::Location at;
};

// The car as it comes into the workshop (its fault has had `arrives_after` to develop).
struct CarSetup {
  double battery_volts = 12.6;
  bool locked = true;
  bool ignition_on = false;
  sc_core::sc_time arrives_after{20, sc_core::SC_SEC};
};

struct Exercise {
  std::string file;                      // as loaded
  std::string id;                        // "hatch-flashes-twice": unique among shipped exercises
  std::string title;                     // one line
  std::string work_order;                // the customer's words
  std::vector<std::string> tools;        // of exercise_tools(): what the student may use
  double time_budget_s = 1800;           // wall time plus workshop minutes charged
  std::string currency = "EUR";
  CarSetup car;
  std::vector<PoolFault> pool;           // at least one
  std::vector<Part> parts;
  std::vector<std::string> circuits;     // of wiring::circuit_names(): what the wiring view shows
  std::vector<std::string> components;   // the submit form's choices: every pool component, and decoys
  std::vector<std::string> causes;       // likewise every pool cause, and decoys

  const PoolFault* find_fault(const std::string& id) const;  // nullptr when absent
  const Part* find_part(const std::string& id) const;        // nullptr when absent
  bool allows(const std::string& tool) const;
};

// What a student's car actually has: one pool fault with every parameter drawn.
struct DrawnFault {
  std::uint64_t seed = 0;
  std::string pool_id;                             // PoolFault::id
  std::string fault;                               // fault type
  std::map<std::string, std::string> parameters;   // every parameter the draw or `where` set, scenario-style
  faults::FaultSpec spec;                          // as the model takes it (onset 0)
  std::string component;
  std::string cause;
  diagnosis::Candidate candidate;                  // the dictionary's candidate it belongs to
};

// "dvm", "ohmmeter", "clamp", "test_lamp", "ds2", "connectors" (unplug/plug), "fuses" (pull/refit).
const std::vector<std::string>& exercise_tools();
const char* to_string(Part::Action action);

}  // namespace bcmhil::training
