#pragma once
// How a film, a dendrite or a corroded joint grows: its resistance moves geometrically (by equal
// factors in equal times) from where it starts to where it ends, because the conductance of a
// thickening film grows by orders of magnitude, not by ohms. A 1 Mohm film ending at 1 kohm is
// at 31.6 kohm half-way. Six faults share this law (input_pullup_corroded, kline_wetted,
// pin_bridge, relay_contact_corroded, supply_brownout, water_ingress).
namespace bcmhil::faults {

// The resistance `fraction` (0..1, clamped) of the way from `from_ohm` to `to_ohm`,
// geometrically: from^(1 - f) * to^f. Both ends must be positive.
double geometric_between(double from_ohm, double to_ohm, double fraction);

// A film growing from `from_ohm` at the onset to `to_ohm` after `over_s` seconds (at once for
// `over_s` <= 0), then staying there.
struct GrowthLaw {
  double from_ohm;
  double to_ohm;
  double over_s;

  // How far it has grown `since_s` after the onset: 0 .. 1, linear in time.
  double fraction(double since_s) const;
  double ohm_at(double since_s) const { return geometric_between(from_ohm, to_ohm, fraction(since_s)); }
  bool grown(double since_s) const { return fraction(since_s) >= 1.0; }
};

// Electrochemical migration: a dendrite grows from the anode's dissolved metal only where two
// pins sit at different potentials in a wet film (two grounds never bridge), faster with
// moisture, salt and voltage. Its growth is a dose: 0 at the start, the dendrite has bridged the
// gap at 1, and the bridge's resistance follows the dose like a GrowthLaw's fraction
// (geometrically from from_ohm to to_ohm). Rate, per second:
//     moisture x (1 + 2 salt) x max(0, |V| - threshold) / (reference - threshold) / time_s
// so `time_s` is the time to bridge fully wet, fresh water, at the reference bias. Below the
// threshold no metal dissolves (water decomposes from ~1.23 V: CHOSEN 1.5 V); linear in the
// field above it (estimate: no source gives R50 figures, the domain notes report bridging
// "within minutes" under condensation).
struct MigrationLaw {
  double from_ohm;
  double to_ohm;
  double time_s;
  static constexpr double kThresholdV = 1.5;
  static constexpr double kReferenceV = 12.0;

  // Dose gained in `dt_s` at this moisture (0..1), salt (0..1) and bias (volts, either sign).
  double dose(double moisture, double salt, double bias_v, double dt_s) const;
  double ohm_at(double dose) const { return geometric_between(from_ohm, to_ohm, dose); }
  static bool biased(double bias_v);
};

}  // namespace bcmhil::faults
