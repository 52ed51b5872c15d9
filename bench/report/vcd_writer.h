#pragma once
// Value Change Dump (IEEE 1364 §18) of recorded signals, for GTKWave: bits as wires, voltages
// and currents as reals, grouped in scopes by the name's prefix (V(...), I(...), bc1., hatch...).
#include "model/trace/recorder.h"

#include <ostream>
#include <string>

namespace bcmhil::report {

// Timescale 1 us: the module clock's period; every event of the model falls on a whole cycle.
// Streams the changes (after the run: it closes the recorder's last instant).
void write_vcd(std::ostream& out, trace::Recorder& recorder, const std::string& scenario_name);

}  // namespace bcmhil::report
