#pragma once
// Faults are data: a scenario names a fault type from the library, an onset and parameters.
// Each type knows its parameters (with units and defaults, so scenario files are checked
// against them) and how it acts on the vehicle over time.
#include "model/car/vehicle.h"

#include <systemc>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::faults {

enum class ParamKind { duration_s, resistance_ohm, voltage_v, number, choice };

struct ParamSpec {
  std::string name;
  ParamKind kind;
  std::string default_value;  // as a scenario would write it, e.g. "20 s"
  std::string description;
  std::vector<std::string> choices;  // for ParamKind::choice
  double min = -1e300;               // checked for numeric kinds
  double max = 1e300;
};

struct FaultSpec {
  std::string type;
  sc_core::sc_time onset;
  std::map<std::string, double> numbers;      // SI units: s, ohm, V
  std::map<std::string, std::string> choices;
  std::string origin;  // "file:line" of the declaration, for messages

  double number(const std::string& name) const { return numbers.at(name); }
  const std::string& choice(const std::string& name) const { return choices.at(name); }
};

// A fault acting on the vehicle. It does nothing before its onset; then it applies itself and,
// while progress() returns true, keeps evolving at its own time step.
class Fault : public sc_core::sc_module {
 public:
  Fault(sc_core::sc_module_name name, const FaultSpec& spec, sc_core::sc_time step);

 protected:
  virtual void begin() = 0;
  // Advance by `dt` since the last call; return false when nothing will change any more.
  virtual bool progress(sc_core::sc_time since_onset) { return false; }

 private:
  // The thread is created only once construction has fully succeeded: a subclass that rejects
  // its parameters in its constructor must not leave a process behind on a destroyed object.
  void before_end_of_elaboration() override;
  void run();
  sc_core::sc_time onset_;
  sc_core::sc_time step_;
};

struct FaultType {
  std::string name;
  std::string summary;   // one line: what broke
  std::string symptom;   // what the driver / technician notices
  std::string tell;      // the measurement that tells it apart from its look-alikes
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Fault>(const FaultSpec&, model::Vehicle&)> create;
};

const std::vector<FaultType>& fault_library();
const FaultType* find_fault_type(const std::string& name);

}  // namespace bcmhil::faults
