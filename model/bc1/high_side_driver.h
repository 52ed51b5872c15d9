#pragma once
// A smart high-side switch (the BC1 board carries MC33286 dual high-side switches) between a
// fused KL30 feed and an output pin, with the protection of its class:
//
// - on-resistance when on, open when off;
// - current limit with foldback, as the MC33286 datasheet gives it: 30 A while the output is
//   above 1 V (a cold lamp's inrush passes), 10 A below 1 V (a hard short is held at 10 A);
// - junction heating: the die dissipates I^2 R_DS(on) when on, (V across the die) x I in the
//   limit, and warms through two thermal RCs in series to ambient (a Foster pair: the die on its
//   lead frame, fast; the package on the board, slow), so a short trips it within milliseconds
//   while a lock motor's stall for a second does not;
// - thermal shutdown at the junction limit and automatic restart once it has cooled by the
//   hysteresis (BTS / MC33286 class): into a short the switch chops the current in short bursts,
//   it does not hold it.
//
// Nothing runs per cycle: the power only changes when the circuit is solved, so at each solve the
// junction temperature is brought up to date analytically at the old power, the new power taken,
// and the shutdown (or, while shut down, the restart) scheduled at the instant the exponential
// crosses its threshold (rounded up to whole microseconds, the module clock's unit).
//
// Water and heat damage act on it through the fault hooks: a growing series resistance
// (corroded bond wires and pads, outside the die: it does not heat the junction), failing open
// (burnt, as found on flooded boards) or failing shorted (output stuck on, no protection left).
#include "model/circuit/circuit.h"

#include <systemc>

#include <cstdint>
#include <string>

namespace bcmhil::model {

struct HighSideDriverSpec {
  double on_resistance_ohm = 0.1;         // in the network: the switch plus board traces (estimate)
  double die_on_resistance_ohm = 0.035;   // MC33286 R_DS(on), 35 mΩ max at 25 °C (datasheet): what heats the die
  double current_limit_a = 30.0;          // MC33286 high current limitation, V_OUT > 1 V (datasheet)
  double short_circuit_limit_a = 10.0;    // MC33286 short-circuit current limitation, V_OUT < 1 V (datasheet)
  double foldback_below_v = 1.0;          // V_OUT under which the short-circuit limit applies (datasheet)
  // Junction to ambient 70 K/W: MC33286 R_th,ja on a minimum PCB (datasheet), split CHOSEN (the
  // MC33286 datasheet gives no transient curve) into the die on its lead frame and the package on
  // the board, shaped like the Z_th curves of BTS parts in SO packages (~2 K/W at 10 ms, ~7 at
  // 100 ms, ~23 at 1 s, ~68 at 10 s). A hard short (~120 W) then trips within ~10 ms and restarts
  // every few ms, as BTS-class parts toggle; a ~9 A stall (~3 W) for the 0.6 s release pulse
  // warms the junction ~45 K, held on it trips after a few seconds (the MC33286 is rated 6 A DC).
  double die_thermal_resistance_k_per_w = 5.0;       // chosen
  double die_thermal_time_constant_s = 0.03;         // chosen
  double package_thermal_resistance_k_per_w = 65.0;  // 70 - 5
  double package_thermal_time_constant_s = 3.0;      // chosen
  double ambient_c = 25.0;            // CHOSEN: the passenger footwell
  double shutdown_c = 160.0;          // CHOSEN within the class (BTS: 150 min, 175 typ)
  double restart_hysteresis_k = 10.0;  // class figure (BTS / IntelliFET: ~10 K)
};

class HighSideDriver {
 public:
  enum class Health { ok, failed_open, failed_short };

  HighSideDriver(Circuit& circuit, const std::string& name, electrical::NodeId supply,
                 electrical::NodeId output, HighSideDriverSpec spec = {});

  void command(bool on);
  bool commanded() const { return commanded_; }
  bool conducting() const;   // what the power stage really does
  bool limiting() const;     // in current limit right now
  bool thermal_shutdown() const { return shut_down_; }  // off by over-temperature, waiting to cool
  // Junction temperature now (°C), from the thermal state at the last solve.
  double junction_c() const;

  void set_damage_resistance(double ohms);
  double damage_resistance() const { return damage_ohm_; }
  void set_health(Health health);
  Health health() const { return health_; }

  electrical::BranchId branch() const { return branch_; }
  const std::string& name() const { return name_; }
  const HighSideDriverSpec& spec() const { return spec_; }

 private:
  void apply();
  bool limit_current(electrical::Network& net);
  bool protects() const { return commanded_ && health_ == Health::ok; }
  // The thermal model (see the header comment): the two RCs' rises above ambient.
  struct Rise {
    double die = 0.0;
    double package = 0.0;
    double total() const { return die + package; }
  };
  Rise rise_at(std::uint64_t now_ps) const;  // at the present power since since_ps_
  Rise rise_after(double seconds) const;     // from since_ps_
  double die_power(const electrical::Network& net) const;
  void on_solved();
  void on_thermal_event();
  void schedule_thermal_event();

  Circuit& circuit_;
  std::string name_;
  HighSideDriverSpec spec_;
  electrical::BranchId branch_;
  bool commanded_ = false;
  double damage_ohm_ = 0.0;
  Health health_ = Health::ok;
  bool shut_down_ = false;
  Rise rise_;                 // above ambient at since_ps_
  double power_w_ = 0.0;      // die power holding since since_ps_
  std::uint64_t since_ps_ = 0;
  sc_core::sc_event thermal_;  // the shutdown (on) or restart (shut down) instant
};

}  // namespace bcmhil::model
