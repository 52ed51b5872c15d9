#pragma once
// One function of the module (windows, wipers, lights, climate, ...) as its diagnostics see it.
// The module keeps a list of them (Bc1Module::add_function, called in its constructor) and asks
// each in turn for a name it does not own itself, so a new function plugs into DS2 (STATUS_*
// bits, analog channels, STEUERN_IOSTATES) without another branch in Bc1Module.
#include <cstdint>
#include <optional>
#include <string_view>

#include <systemc>

namespace bcmhil::model {

// An output a tester may force: written by the function's process and by the diagnostics.
using ForcibleOutput = sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS>;

class BodyFunction {
 public:
  virtual ~BodyFunction() = default;

  // Its DIP_/DOP_ bits by their name in bc1_bits.csv, as the module's software sees them;
  // std::nullopt for a name it does not own.
  virtual std::optional<bool> signal(std::string_view name) const = 0;

  // Its AIP_/AOP_ channels as the raw byte the module reports (bc1_analog.csv gives the scaling,
  // value = raw * FACT_A + FACT_B); std::nullopt for a channel it does not own.
  virtual std::optional<std::uint8_t> analog_raw(std::string_view /*channel*/) const { return std::nullopt; }

  // The output a tester may force by this name (STEUERN_IOSTATES), or nullptr. The module does
  // the forcing, so every forced output gets the same time limit (Bc1Module::kForcedOnLimitS).
  virtual ForcibleOutput* forcible_output(std::string_view /*name*/) { return nullptr; }
};

}  // namespace bcmhil::model
