#pragma once
// The exact motion of a small DC-motor mechanism between two solves of the network.
//
// The motor draws I = (V_th - k*s) / R_total from the network (its Thevenin source V_th, R_th
// plus its own winding: R_total), its torque is proportional to I and the load (a spring, the
// gear train's friction) to a constant current I_load, and the mechanism's inertia turns the
// excess into acceleration: ds/dt = a * (I - I_load). Substituting I gives a first-order linear
// equation,
//     ds/dt = rate * (settled_speed - s),   rate = a*k / R_total,
//     settled_speed = (V_th - I_load*R_total) / k,
// whose speed relaxes exponentially to settled_speed and whose position is its exact integral.
// Speeds are in travels (or turns) per second, positions in travels; times in seconds from the
// start of this motion. A negative settled_speed means the drive cannot hold the load: the
// mechanism slows down and stops (time_to_stop()) instead of running backwards.
#include <optional>

namespace bcmhil::model {

struct FirstOrderMotion {
  double start_speed = 0.0;
  double start_position = 0.0;
  double settled_speed = 0.0;
  double rate = 0.0;  // 1/s, > 0

  // The motion of a motor of back-EMF `volts_per_speed` (k) and `accel_per_amp` (a) fed from a
  // Thevenin source through `total_ohms` (finite, > 0) against `load_amps`.
  static FirstOrderMotion of_motor(double speed, double position, double source_volts, double total_ohms,
                                   double volts_per_speed, double accel_per_amp, double load_amps);

  double speed_at(double t) const;
  double position_at(double t) const;
  // When a mechanism whose settled speed is negative comes to rest (0 at once if it is at rest);
  // nothing if it settles at a speed >= 0.
  std::optional<double> time_to_stop() const;
  // When the position first reaches `target`, if it does by `horizon` (while the speed is >= 0:
  // the position rises monotonically up to the horizon the caller gives, at most time_to_stop()).
  std::optional<double> time_to_reach(double target, double horizon) const;
};

}  // namespace bcmhil::model
