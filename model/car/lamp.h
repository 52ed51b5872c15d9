#pragma once
// A filament lamp load (an indicator side: front 21 W + rear 21 W + repeater 5 W; the interior
// light), with its cold-filament inrush, and whether a person would see it lit.
//
// The filament's temperature T is kept as a fraction of its working temperature at the rated
// voltage (hot_kelvin). Tungsten's resistance goes as T^1.2, so cold (300 K of 2700 K, chosen
// typical car-bulb figures) it is (1/9)^1.2 = 1/14 of hot: a cold lamp draws ~12 times its
// running current for the first milliseconds. The filament is heated by the electrical power and
// loses it by radiation (T^4); both as fractions of the rated power, dT/dt = (P - T^4) / (4 tau),
// so tau is its time constant at the working point (chosen 10 ms: a car bulb's inrush dies away
// over some 20 ms, and switched off it stops glowing visibly ~130 ms later). At the rated voltage
// T settles at 1 (hot resistance, rated power); below it the current follows the known
// I ~ V^0.54 of tungsten lamps.
//
// Nothing runs per cycle: while the filament warms or cools under power, its temperature is
// integrated (with the lamp voltage of the last solve) up to the next step, its resistance set and
// the network solved again (a step moves T by at most kMaxStep); once it has settled nothing
// happens. Unpowered it cools along the closed-form solution of dT/dt = -T^4 / (4 tau), without a
// solve: its resistance is brought up to date when the power comes back, and "lit" falls at the
// instant the cooling crosses the visible-glow threshold.
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>

namespace bcmhil::model {

struct LampSpec {
  double cold_kelvin = 300.0;   // chosen
  double hot_kelvin = 2700.0;   // chosen: a car signal bulb's filament at its rated voltage
  double resistance_exponent = 1.2;  // tungsten: R ~ T^1.2
  double thermal_time_constant_s = 0.01;  // chosen: inrush gone in ~20 ms, afterglow ~130 ms
  double visible_fraction = 0.45;  // chosen: a dull orange glow (~1200 K), about a third of the rated current
};

class Lamp : public sc_core::sc_module {
 public:
  Lamp(sc_core::sc_module_name name, Circuit& circuit, trace::Recorder& recorder, electrical::NodeId feed,
       double watts, double rated_volts = 13.5, LampSpec spec = {});
  electrical::BranchId branch() const { return branch_; }
  bool lit() const { return lit_.read(); }
  void set_burnt_out(bool burnt);
  // Filament temperature now, as a fraction of its working temperature (cold ~0.11, hot 1).
  double temperature() const { return temperature_at(sc_core::sc_time_stamp().value()); }
  double ohms(double temperature) const;

  static constexpr double kMaxStep = 0.1;      // temperature moved per resistance step (chosen)
  static constexpr double kMinStepS = 0.0005;  // chosen
  static constexpr double kSettled = 0.01;     // |heating - radiation| below this: no more steps
  static constexpr double kUnpowered = 1e-3;   // below this power fraction the lamp just cools

 private:
  void on_solved();
  void on_step();
  void on_dark();
  double cold() const { return spec_.cold_kelvin / spec_.hot_kelvin; }
  double drive() const;                         // electrical power fraction at T, the last solve's voltage
  double rate(double temperature) const;        // dT/dt at that voltage
  double temperature_at(std::uint64_t t_ps) const;
  void advance_to_now();
  void set_filament(double temperature);  // the resistance for `temperature`, solve requested
  void schedule();

  Circuit& circuit_;
  LampSpec spec_;
  double hot_ohm_;
  double rated_volts_;
  electrical::BranchId branch_;
  bool burnt_ = false;
  double temperature_;          // as of since_ps_
  double volts_ = 0.0;          // across the filament since since_ps_
  std::uint64_t since_ps_ = 0;
  double filament_at_;          // the temperature the branch's resistance stands for
  double filament_ohm_;         // ohms(filament_at_): the branch's resistance, read after every solve
  double cold_radiated_;        // pow(cold(), 4), the radiation balance's floor in rate()
  sc_core::sc_event step_;
  bool step_pending_ = false;
  sc_core::sc_event dark_;
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> lit_{"lit"};  // steps, the dark instant, a burn-out
};

}  // namespace bcmhil::model
