#include "hatch_diagnosis.h"

#include "expectation_check.h"

#include <algorithm>
#include <stdexcept>

namespace bcmhil::runner {

namespace {

constexpr std::uint64_t kPsPerSecond = 1000000000000ULL;

const trace::Signal& need(const trace::Recorder& recorder, const char* name) {
  const auto* s = recorder.find(name);
  if (!s) throw std::logic_error(std::string("hatch diagnosis: the model records no ") + name);
  return *s;
}

struct Window {
  std::uint64_t from, to;
};

double extreme(const trace::Signal& s, Window w, bool highest) {
  const auto stats = window_stats(s, w.from, w.to);
  return highest ? stats.max : stats.min;
}

int rising_edges(const trace::Signal& s, Window w) { return window_stats(s, w.from, w.to).rising; }

// The release pulse as commanded, or the 2 s after the press when there was none.
Window pulse_window(const trace::Signal& command, Window after_press) {
  for (const auto& sample : command.samples) {
    if (sample.time_ps < after_press.from || sample.time_ps > after_press.to || sample.value < 0.5) continue;
    const auto start = sample.time_ps;
    for (const auto& later : command.samples)
      if (later.time_ps > start && later.value < 0.5) return {start, later.time_ps - 1};
    return {start, after_press.to};
  }
  return after_press;
}

}  // namespace

HatchMeasurement measure_hatch(const trace::Recorder& recorder, double press_s) {
  const auto press = static_cast<std::uint64_t>(press_s * kPsPerSecond);
  const Window after{press, press + 2 * kPsPerSecond};
  const auto& command = need(recorder, "DOP_BOOT_RELEASE");
  const Window pulse = pulse_window(command, after);

  HatchMeasurement m;
  m.press_s = press_s;
  m.flashes = rising_edges(need(recorder, "indicator_lh.lit"), after);
  m.release_commanded = rising_edges(command, after) > 0;
  m.feed_pin_v = extreme(need(recorder, "V(bc1.kl30_cdl)"), pulse, false);
  m.bc1_pin_v = extreme(need(recorder, "V(bc1.tailgate_out)"), pulse, true);
  m.hatch_pin2_v = extreme(need(recorder, "V(hatch_lock.pin2)"), pulse, true);
  m.motor_a = extreme(need(recorder, "I(hatch_lock.motor)"), pulse, true);
  m.hatch_opened = rising_edges(need(recorder, "hatch.open"), after) > 0;
  return m;
}

HatchDiagnosis diagnose_hatch(const HatchMeasurement& m) {
  // Thresholds a technician uses with a meter on a 12 V car.
  constexpr double kPresent = 9.0, kAbsent = 1.0;
  if (m.hatch_opened) return {m, HatchVerdict::released, "the hatch released: the path works"};
  if (!m.release_commanded && m.flashes == 0)
    return {m, HatchVerdict::fob_not_heard,
            "no acknowledge flash and no release command: the BC1 did not accept the fob "
            "(fob battery, rolling code out of sync, receiver)"};
  if (m.feed_pin_v < kAbsent)
    return {m, HatchVerdict::feed_fuse_blown,
            "no supply at the BC1's 30CDL feed pin: check fuse F9 before condemning the module"};
  if (m.bc1_pin_v < kAbsent)
    return {m, HatchVerdict::module_output_dead,
            "the BC1 has its supply and commands the release, yet its tailgate pin stays at 0 V: "
            "the module's output stage is dead (look for water in the passenger footwell)"};
  if (m.bc1_pin_v < kPresent)
    return {m, HatchVerdict::weak_output,
            "the BC1 tailgate pin rises only partly: high resistance in the module's output "
            "(corrosion) or its connector"};
  if (m.hatch_pin2_v < kAbsent)
    return {m, HatchVerdict::harness_open,
            "battery voltage leaves the BC1 but none reaches hatch lock pin 2: a wire is broken "
            "between them, most likely in the hinge loom"};
  if (m.motor_a < 0.5)
    return {m, HatchVerdict::actuator_open,
            "voltage arrives at the hatch lock but the motor draws no current: open winding or "
            "lost ground at pin 1: replace the actuator / repair its ground"};
  return {m, HatchVerdict::actuator_seized,
          "voltage arrives and the motor draws current without releasing: the lock mechanism is "
          "seized: replace the actuator"};
}

const char* to_string(HatchVerdict verdict) {
  switch (verdict) {
    case HatchVerdict::released: return "released";
    case HatchVerdict::fob_not_heard: return "fob_not_heard";
    case HatchVerdict::feed_fuse_blown: return "feed_fuse_blown";
    case HatchVerdict::module_output_dead: return "module_output_dead";
    case HatchVerdict::weak_output: return "weak_output";
    case HatchVerdict::harness_open: return "harness_open";
    case HatchVerdict::actuator_open: return "actuator_open";
    case HatchVerdict::actuator_seized: return "actuator_seized";
  }
  return "?";
}

}  // namespace bcmhil::runner
