#pragma once
// What a scenario did to the car, in words for a report: each injected fault with its onset and
// parameters, each step with its time and a short label, as markers for the time axis.
#include "bench/scenario/scenario.h"

#include <string>
#include <vector>

namespace bcmhil::report {

// "press_fob trunk (key 1)", "set_battery 11.5 V", "diagnose force DOP_BOOT_RELEASE on".
std::string step_label(const scenario::Step& step);

// "wetting_time 30 s, corrosion_time 40 s, region tailgate_driver, salt 0.2" (library units).
std::string fault_parameters(const faults::FaultSpec& fault);

// One mark on a timing picture's time axis.
struct Marker {
  enum class Kind { fault, step, fault_memory };
  Kind kind;
  double t_s;
  std::string label;   // short, on the axis
  std::string detail;  // long, as a tooltip
};

// Fault onsets, steps and the instants the module first logged each fault-memory entry.
std::vector<Marker> story_markers(const scenario::Scenario& sc, const std::vector<model::FaultEntry>& fault_memory);

// "0xC4 GEPÄCKR. ENTRIEG. AUS FEHLER (luggage (tailgate) release OFF fault)": bc1_forttexte.csv's
// text and the project's English gloss.
std::string fault_code_text(std::uint8_t code);

}  // namespace bcmhil::report
