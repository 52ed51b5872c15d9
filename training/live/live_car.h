#pragma once
// One student's car in this process: the model with its hidden fault, brought into the workshop
// and then run on by whoever owns it (the session child paces it to the wall clock with advance()
// in small steps between requests). What the student does goes in at the present simulated
// instant: a person's action in the scenario step vocabulary, an instrument placed by measurement
// point names, a connector or fuse, a DS2 job through the real tester and server over the
// in-process K-line (diagnosis/in_process_kline.h). What comes out is what a person would read,
// see and hear.
//
// SystemC allows one simulation per process, so a LiveCar is the only one in its process and a
// car cannot lose a fault once elaborated: replacing a part means a new process (the session
// re-executes itself with --resume, training/session/README.md).
#include "training/exercise/exercise.h"

#include "bench/diag/ds2_tester.h"
#include "bench/scenario/scenario.h"
#include "model/car/vehicle.h"
#include "model/faults/fault.h"
#include "model/instruments/placement.h"

#include <systemc>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::runner {
class Simulation;
}

namespace bcmhil::training {

// An instrument on the car, as its display shows it now and what its MIN/MAX hold caught since
// it was placed (every operating point the circuit solved since then: a 200 ms release pulse is
// caught whenever it comes).
struct SlotDisplay {
  int slot = 0;
  std::string instrument;  // "dvm", "ohmmeter", "clamp", "test_lamp"
  std::string first, second;
  instruments::InstrumentReading now;
  instruments::InstrumentReading min;  // lowest since placed ("OL" below the range counts lowest)
  instruments::InstrumentReading max;
  bool held = false;                   // min/max hold something (a solve has happened since placement)
  bool energised = false;              // ohmmeter only: voltage on the part, the reading is not to be trusted
  bool lit = false;                    // test lamp only
};

// What a person standing at the car sees and hears now; `clicks` and `flashes` count since the
// previous call to senses().
struct Senses {
  bool indicator_lh = false, indicator_rh = false, interior_light = false;
  bool hatch_open = false, latch_released = false;
  double hatch_angle_deg = 0;
  std::map<std::string, bool> locked;  // door_lock.driver, .passenger, .fuel_flap, .deadlock
  bool siren = false;
  int relay_clicks = 0;   // lock relay armatures moving (each move is one click)
  int latch_clunks = 0;   // the tailgate latch releasing
  int flashes = 0;        // indicator lamps lighting (either side)
};

// What a person watching the car saw of one signal (the catalogue's observation signals:
// indicator_lh.lit, hatch.open, door_lock.driver.locked, fuse.F9.blown, ...) since the last
// mark_observations(): its value now, its lowest and highest, and how often it rose (a lamp's
// flashes).
struct Observed {
  std::string signal;
  double last = 0, min = 0, max = 0;
  int rises = 0;
};

class LiveCar {
 public:
  // A fresh kernel with the car elaborated: the exercise's car set-up and these faults (onset 0).
  LiveCar(const CarSetup& setup, std::vector<faults::FaultSpec> faults);
  ~LiveCar();
  LiveCar(const LiveCar&) = delete;
  LiveCar& operator=(const LiveCar&) = delete;

  // Runs the untouched car as fast as it can until `until` (at least the set-up's arrives_after):
  // the fault develops; nobody touches the car.
  void bring_in(sc_core::sc_time until);
  // Lets simulated time pass (the caller paces it to the wall clock).
  void advance(sc_core::sc_time by);
  sc_core::sc_time now() const;

  // A person's action, as a scenario step (scenario::parse_step): applied at the present
  // instant, in effect from the next advance(). Throws std::invalid_argument for a diagnose step
  // (the tester is ds2()).
  void act(const scenario::Step& step);

  // Instruments by kind name and measurement point names (model/instruments). Throws
  // std::invalid_argument naming the unknown point or kind. Slots count up from 1.
  int place(const std::string& instrument, const std::string& first, const std::string& second);
  void remove(int slot);  // throws std::invalid_argument for a slot that is not placed
  std::vector<SlotDisplay> displays() const;

  // The workshop's hands; each throws std::invalid_argument naming what the car does not have.
  void unplug(const std::string& connector);
  void plug(const std::string& connector);
  void pull_fuse(const std::string& fuse);
  void refit_fuse(const std::string& fuse);

  // One DS2 job by its bcmhil diag name, at the present simulated instant.
  tester::JobResult ds2(const std::string& job, const std::vector<std::string>& args);

  Senses senses();
  // Observations since the last mark (or bring_in), one per observed signal, in a fixed order.
  std::vector<Observed> observed() const { return observed_; }
  void mark_observations();
  model::Vehicle& vehicle();

 private:
  struct Slot;
  struct Hands;
  void watch_instruments();
  void watch_signals();
  void sample_signals();
  void count_clicks();
  void split_connectors();

  scenario::Scenario scenario_;  // the car as a scenario without steps (the Simulation keeps a reference)
  std::unique_ptr<runner::Simulation> sim_;
  std::unique_ptr<Hands> hands_;
  std::map<int, std::unique_ptr<Slot>> slots_;
  int next_slot_ = 1;
  std::vector<Observed> observed_;
  int relay_clicks_ = 0, latch_clunks_ = 0, flashes_ = 0;
  bool brought_in_ = false;
};

}  // namespace bcmhil::training
