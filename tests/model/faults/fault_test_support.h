#pragma once
// Faults as a scenario declares them: a FaultSpec built from the library's own defaults (parsed
// the way scenario files are), overridden where a test needs other values.
#include "bench/scenario/quantity.h"
#include "model/faults/fault.h"

#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

namespace bcmhil::testing {

inline scenario::Dimension dimension_of(faults::ParamKind kind) {
  switch (kind) {
    case faults::ParamKind::duration_s: return scenario::Dimension::time;
    case faults::ParamKind::resistance_ohm: return scenario::Dimension::resistance;
    case faults::ParamKind::voltage_v: return scenario::Dimension::voltage;
    default: return scenario::Dimension::none;
  }
}

inline faults::FaultSpec default_spec(const std::string& type, sc_core::sc_time onset,
                                      const std::map<std::string, double>& numbers = {},
                                      const std::map<std::string, std::string>& choices = {}) {
  const auto* t = faults::find_fault_type(type);
  if (!t) throw std::invalid_argument("no fault type " + type);
  faults::FaultSpec spec;
  spec.type = type;
  spec.onset = onset;
  spec.origin = "test";
  for (const auto& p : t->params) {
    if (p.kind == faults::ParamKind::choice) {
      spec.choices[p.name] = p.default_value;
    } else {
      const auto q = scenario::parse_quantity(p.default_value, dimension_of(p.kind));
      if (!q) throw std::invalid_argument("default of " + type + "." + p.name + " does not parse");
      spec.numbers[p.name] = q->value;
    }
  }
  for (const auto& [k, v] : numbers) spec.numbers[k] = v;
  for (const auto& [k, v] : choices) spec.choices[k] = v;
  return spec;
}

// A parked car with one fault injected before elaboration.
struct FaultyCar : CarUnderTest {
  explicit FaultyCar(const faults::FaultSpec& spec, model::VehicleConfig config = {}) : CarUnderTest(std::move(config)) {
    fault = faults::find_fault_type(spec.type)->create(spec, *vehicle);
    elaborate();
  }
  std::unique_ptr<faults::Fault> fault;
};

}  // namespace bcmhil::testing
