#pragma once
// Coding values of the BC1's body functions (alarm, interior light), kept beside Bc1Coding until
// the module carries them (see model/bc1/README.md). Every value no source gives is marked.
#include <systemc>

namespace bcmhil::model {

struct BodyCoding {
  // Flashes when the alarm arms with a door, the bonnet or the tailgate open (a mislock), instead
  // of the lock acknowledge: chosen (no source gives the real pattern).
  int mislock_flashes = 3;
  // Interior light: on after the last door closes, and the battery saver's cut-off with a door
  // left open (both estimates, typical of the period's body modules).
  sc_core::sc_time interior_light_delay{20, sc_core::SC_SEC};
  sc_core::sc_time interior_light_cutoff{15 * 60, sc_core::SC_SEC};
  // How long a triggered alarm sounds the siren and flashes the indicators: estimate, the 30 s
  // UN ECE R97 allows for an audible warning.
  sc_core::sc_time alarm_time{30, sc_core::SC_SEC};
};

}  // namespace bcmhil::model
