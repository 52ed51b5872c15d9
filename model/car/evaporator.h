#pragma once
// The A/C evaporator and its temperature sensor (an NTC thermistor in the fins, read by the BC1
// as AIP_EVAPORATOR_SENSE). The evaporator cools while the compressor clutch is engaged and warms
// back towards the cabin air when it is not; the NTC's resistance follows its temperature.
//
// Thermal model (ESTIMATES, no source gives the R50's): first order towards a target, -5 degC
// with the compressor running (time constant 20 s), the ambient 25 degC without (60 s). The
// temperature is known in closed form; while it moves, the NTC's resistance is brought up to date
// every kStep (0.5 s, chosen), so the module reads a staircase at most 0.5 s behind; a settled
// evaporator (within 0.05 K) schedules nothing.
//
// NTC (estimate, a common automotive type): 10 kohm at 25 degC, beta 3950 K.
//
// Recorded: "<net_name>.temperature" (degC, what a thermometer in the fins would read).
#include "model/circuit/circuit.h"
#include "model/trace/recorder.h"

#include <systemc>

#include <cstdint>
#include <string>

namespace bcmhil::model {

struct EvaporatorSpec {
  double ambient_c = 25.0;            // chosen: a warm day
  double cold_c = -5.0;               // estimate: where the compressor would take it unchecked
  double cooling_time_s = 20.0;       // estimate
  double warming_time_s = 60.0;       // estimate
  double clutch_engaged_a = 1.0;      // the clutch draws ~3 A engaged: more than this is "running"
  double ntc_r25_ohm = 10e3;          // estimate
  double ntc_beta_k = 3950.0;         // estimate
  sc_core::sc_time step{500, sc_core::SC_MS};  // chosen
};

class Evaporator : public sc_core::sc_module {
 public:
  // Adds the branch "<net_name>.ntc" from `sensor` to ground; `clutch`: the compressor clutch
  // coil's branch, whose current says whether the compressor runs.
  Evaporator(sc_core::sc_module_name name, const std::string& net_name, Circuit& circuit, trace::Recorder& recorder,
             electrical::NodeId sensor, electrical::BranchId clutch, EvaporatorSpec spec = {});

  double temperature_c() const;  // now, in closed form
  double ntc_ohm(double celsius) const;
  electrical::BranchId ntc() const { return ntc_; }

 private:
  void on_solved();
  void on_step();
  void catch_up();  // the temperature from since_ps_ to now, under the present target
  double target_c() const { return cooling_ ? spec_.cold_c : spec_.ambient_c; }
  bool settled() const;

  Circuit& circuit_;
  EvaporatorSpec spec_;
  electrical::BranchId clutch_;
  electrical::BranchId ntc_;
  double temperature_c_;
  std::uint64_t since_ps_ = 0;
  bool cooling_ = false;
  bool stepping_ = false;
  sc_core::sc_event step_;
  sc_core::sc_signal<double> temperature_sig_;
};

}  // namespace bcmhil::model
