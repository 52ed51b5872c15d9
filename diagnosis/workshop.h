#pragma once
// The workshop: a simulated car comes in with its hidden faults, and a technician performs one
// catalogue test on it: the stimulus (press the fob's trunk button, turn the key, unplug a
// connector), then the reading over the test's window, reduced to one number and classified.
//
// One Workshop is one car in one SystemC kernel. bring_in() runs the car, untouched, to the
// moment it reaches the workshop; perform() then does one test. The dictionary builder forks
// the process after bring_in() and performs one test per child (copy-on-write), so perform()
// is called once per Workshop; play_test() does all three in this process.
#include "catalogue.h"
#include "dictionary.h"

#include "bench/diag/ds2_tester.h"
#include "bench/scenario/scenario.h"
#include "model/car/vehicle.h"
#include "model/faults/fault.h"

#include <systemc>

#include <memory>
#include <vector>

namespace bcmhil::runner {
class Simulation;
}

namespace bcmhil::diagnosis {

// The car as it comes in: its build and coding, its fobs, its faults (with their onsets), and
// when it reaches the workshop (the faults have had that long to develop; nobody touches it).
struct CarUnderTest {
  model::VehicleConfig vehicle;
  std::vector<scenario::FobSetup> fobs;
  std::vector<faults::FaultSpec> faults;
  sc_core::sc_time examine_at{60, sc_core::SC_SEC};
};

// The scenario's vehicle, fobs and faults; its steps are not played (the owner's story is the
// complaint, not the examination). examine_at is the scenario's duration: where its story ends,
// its faults have reached the state the scenario's expectations describe.
CarUnderTest car_from_scenario(const scenario::Scenario& scenario);

class Workshop {
 public:
  // A fresh SystemC kernel with the car elaborated in it. Throws scenario::ScenarioError for a
  // fault the model rejects.
  explicit Workshop(const CarUnderTest& car);
  ~Workshop();
  Workshop(const Workshop&) = delete;
  Workshop& operator=(const Workshop&) = delete;

  // Runs the untouched car to examine_at.
  void bring_in();
  // Performs one test, from now: its stimulus, then its reading. Once per Workshop (the car
  // keeps what the test did to it). Throws std::invalid_argument naming the test's file:line:col
  // for what the car does not have (a signal, a measurement point, a connector, a fuse).
  Reading perform(const CatalogueTest& test);

  model::Vehicle& vehicle();

  struct Meter;  // an instrument on the car for the length of one test

 private:
  struct Hands;
  void check_performable(const CatalogueTest& test);
  void watch_meter(const CatalogueTest& test, sc_core::sc_time start);
  double reduce_signal(const CatalogueTest& test, sc_core::sc_time start) const;
  double reduce_meter(const CatalogueTest& test) const;

  scenario::Scenario scenario_;  // the car as a scenario without steps (the Simulation keeps a reference)
  std::unique_ptr<runner::Simulation> sim_;
  std::unique_ptr<Hands> hands_;
  std::unique_ptr<Meter> meter_;
  std::vector<double> meter_samples_;  // the instrument's display at each operating point in the window
  bool brought_in_ = false;
  bool performed_ = false;
};

// The number a DS2 job's result gives for one catalogue read (units in diagnosis/README.md):
// faults 0 absent, 1 stored, 2 active; info the record's count; ident 1 answered, 0 not; the
// others the named signal's value; NaN when the module did not answer or refused. The training
// session values its student's tester jobs with it, as the workshop does.
double ds2_value(const Ds2Read& read, const tester::JobResult& result);

// A fresh kernel, bring_in(), perform(test): one reading in this process.
Reading play_test(const CarUnderTest& car, const CatalogueTest& test);

}  // namespace bcmhil::diagnosis
