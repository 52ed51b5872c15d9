#pragma once
// Blade fuses that blow on overload, without per-cycle work.
//
// Time-current characteristic (ESTIMATE: typical ATO/ATC blade-fuse datasheet behaviour, e.g.
// Littelfuse ATO: 110 % of rating carried for 100 h, 135 % opens within 1800 s, 200 % within
// 0.15-5 s, 350 % within 0.08-0.5 s, 600 % in tens of ms). The model's curve, as the ratio r of
// current to rating -> seconds to blow from cold at a constant current:
//   r <= 1.10            never
//   1.10 < r < 1.35      600 s * 0.25 / (r - 1.10)          (grows without bound towards 110 %)
//   1.35 .. 5.0          log-log interpolation through (1.35, 600 s) (2.0, 2 s) (3.5, 0.2 s) (5.0, 30 ms)
//   r > 5.0              30 ms * (5 / r)^2                   (adiabatic: constant I^2 t)
// Heat: a fraction of the melting energy, 0 cold and 1 blown. Under overload it grows at
// 1 / t_blow(r) per second (so a constant overload blows exactly at t_blow, and a second pulse
// starts from the heat the first one left); at or below 110 % it decays with a thermal time
// constant of 5 s (estimate: a blade fuse's element and body cooling).
//
// Nothing runs per cycle: the current only changes when the circuit is solved, so at each solve
// every fuse brings its heat up to date at the old current, takes the new one and schedules its
// blow time (rounded up to whole microseconds, the module clock's unit); the next solve that
// changes its current reschedules it.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace bcmhil::model {

struct FuseCharacteristic {
  static constexpr double kNoBlowRatio = 1.10;
  static constexpr double kCoolingTimeConstantS = 5.0;
  // Seconds to blow from cold at a constant current of `ratio` x rating; infinity if never.
  static double blow_time_s(double ratio);
};

struct Fuse {
  std::string name;  // branch name, e.g. "fuse.F9"
  std::string feed;  // what it feeds, e.g. "30CDL"
  double rating_a = 0.0;
  electrical::BranchId branch = -1;
  bool blown = false;
  bool pulled = false;  // taken out of its holder by hand (the workshop), refit puts it back

  // Thermal state (see above).
  double heat = 0.0;            // 0 cold .. 1 blown, as of since_ps
  double current_a = 0.0;       // magnitude holding since since_ps
  std::uint64_t since_ps = 0;
  std::uint64_t due_ps = kNever;  // when it blows at the present current
  trace::SignalId blown_signal = kNoSignal;

  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
  static constexpr trace::SignalId kNoSignal = std::numeric_limits<trace::SignalId>::max();

  // Heat at `now_ps` if the present current kept flowing (does not change the fuse).
  double heat_at(std::uint64_t now_ps) const;
};

// Watches the fuses' currents at every solve and blows them when their time has come.
class FuseMonitor : public sc_core::sc_module {
 public:
  FuseMonitor(sc_core::sc_module_name name, Circuit& circuit, std::vector<Fuse>& fuses,
              std::function<void(Fuse&)> blow);

 private:
  void on_solved();
  void on_due();
  void schedule();

  Circuit& circuit_;
  std::vector<Fuse>& fuses_;
  std::function<void(Fuse&)> blow_;
  sc_core::sc_event due_;
};

}  // namespace bcmhil::model
