#include "pin_bridge.h"

#include "growth_law.h"

#include "model/bc1/connector_map.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::faults {

namespace {
const sc_core::sc_time kStep{100, sc_core::SC_MS};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

electrical::NodeId pin_node(const model::Vehicle& vehicle, const std::string& label) {
  const auto& map = model::ConnectorMap::bc1();
  const auto* pin = map.find(label);
  if (!pin) throw std::invalid_argument("pin " + label + " is not on the BC1's connector map");
  if (!pin->modelled())
    throw std::invalid_argument("pin " + label + " (" + (pin->function.empty() ? "unassigned" : pin->function) +
                                ") is not modelled; modelled pins: " + join(map.modelled_labels()));
  const auto node = vehicle.circuit.network().find_node(pin->node);
  if (!node) throw std::invalid_argument("pin " + label + ": the model has no node " + pin->node);
  return *node;
}

electrical::BranchId make_bridge(const std::string& name, const FaultSpec& spec, model::Vehicle& vehicle) {
  const auto& from = spec.choice("from");
  const auto& to = spec.choice("to");
  if (from == to) throw std::invalid_argument("a pin bridge needs two different pins, got " + from + " twice");
  const auto a = pin_node(vehicle, from);
  const auto b = pin_node(vehicle, to);
  const auto& map = model::ConnectorMap::bc1();
  if (!map.adjacent(from, to))
    throw std::invalid_argument("pins " + from + " and " + to + " are not adjacent on the connector map (neighbours of " +
                                from + ": " + join(map.neighbours(from)) + ")");
  return vehicle.circuit.network().add_resistor(name + ".bridge", a, b, electrical::kOpen);
}
}  // namespace

std::vector<ParamSpec> pin_bridge_params() {
  const auto labels = model::ConnectorMap::bc1().modelled_labels();
  return {
      {"from", ParamKind::choice, "X330.4", "one pin, CONNECTOR.PIN (default: the tailgate output)", labels},
      {"to", ParamKind::choice, "X330.3", "the neighbouring pin it bridges to (default: the ground pin beside it)",
       labels},
      {"resistance", ParamKind::resistance_ohm, "50 ohm", "the bridge once grown (a dendrite ~50 ohm, a crust less)",
       {}, 1e-3, 1e6},
      {"growth_time", ParamKind::duration_s, "10 s", "time from onset until it reaches that resistance (from 1 Mohm)",
       {}, 0.0, 1e6},
      {"law", ParamKind::choice, "timed",
       "timed: grows over growth_time whatever the pins carry; migration: a dendrite that grows only under bias "
       "(growth_time = time to bridge at 12 V, fresh water)",
       {"timed", "migration"}},
      {"salt", ParamKind::number, "0.2", "migration: salt content 0..1 of the wet gap (grows faster)", {}, 0.0, 1.0},
      {"intermittent", ParamKind::choice, "no", "yes: burns open above 0.5 A within ms and regrows", {"no", "yes"}},
      {"seed", ParamKind::number, "1", "seed of the burn and regrowth draws (same seed, same run)", {}, 0.0,
       4294967295.0},
  };
}

PinBridge::PinBridge(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle)
    : Fault(name, spec, kStep),
      vehicle_(vehicle),
      bridge_(make_bridge(basename(), spec, vehicle)),
      end_ohm_(spec.number("resistance")),
      growth_s_(spec.number("growth_time")),
      migration_(spec.choice("law") == "migration"),
      salt_(spec.number("salt")),
      a_(vehicle.circuit.network().branch_a(bridge_)),
      b_(vehicle.circuit.network().branch_b(bridge_)),
      intermittent_(spec.choice("intermittent") == "yes"),
      rng_(static_cast<std::uint32_t>(spec.number("seed"))),
      onset_(spec.onset),
      growth_now_s_(growth_s_) {
  if (!intermittent_) return;
  // Created only once the pins were accepted (a rejected fault leaves no process behind).
  SC_HAS_PROCESS(PinBridge);
  SC_METHOD(watch_current);
  sensitive << vehicle.circuit.solved();
  dont_initialize();
  SC_METHOD(burn_open);
  sensitive << burn_;
  dont_initialize();
}

double PinBridge::uniform() { return static_cast<double>(rng_()) / 4294967296.0; }

void PinBridge::watch_current() {
  if (burning_ || !started_) return;
  if (std::fabs(vehicle_.circuit.network().current(bridge_)) <= kBurnCurrentA) return;
  burning_ = true;
  const double delay_s = kBurnMinS + uniform() * (kBurnMaxS - kBurnMinS);
  burn_.notify(sc_core::sc_time(std::round(delay_s * 1e6), sc_core::SC_US));
}

void PinBridge::burn_open() {
  burning_ = false;
  ++burns_;
  regrow_from_s_ = (sc_core::sc_time_stamp() - onset_).to_seconds();
  growth_now_s_ = growth_s_ * (0.5 + uniform());
  dose_ = 0.0;
  vehicle_.circuit.network().set_resistance(bridge_, electrical::kOpen);
  vehicle_.circuit.request_solve();
}

double PinBridge::resistance() const { return vehicle_.circuit.network().resistance(bridge_); }

bool PinBridge::migrate(double since_onset_s) {
  auto& net = vehicle_.circuit.network();
  const double dt = since_onset_s - last_s_;
  last_s_ = since_onset_s;
  // The bias the gap sat at over the last step: the operating point solved at its start.
  const MigrationLaw law{kDryOhm, end_ohm_, growth_now_s_};
  dose_ = std::min(1.0, dose_ + law.dose(1.0, salt_, net.voltage(a_) - net.voltage(b_), dt));
  const double ohms = dose_ > 0.0 ? law.ohm_at(dose_) : electrical::kOpen;
  if (net.resistance(bridge_) != ohms) {
    net.set_resistance(bridge_, ohms);
    vehicle_.circuit.request_solve();
  }
  // Not grown yet: it may grow whenever a bias comes (an output switched on), so keep stepping.
  return dose_ < 1.0 || intermittent_;
}

bool PinBridge::progress(sc_core::sc_time since_onset) {
  started_ = true;
  if (migration_) return migrate(since_onset.to_seconds());
  const double age = since_onset.to_seconds() - regrow_from_s_;
  if (age < 0) return true;  // burnt open since the last step: regrowth starts at the next one
  // Geometric: a growing dendrite gains orders of magnitude in conductance, not ohms.
  const GrowthLaw law{kDryOhm, end_ohm_, growth_now_s_};
  const double ohms = law.ohm_at(age);
  auto& net = vehicle_.circuit.network();
  if (net.resistance(bridge_) != ohms) {
    net.set_resistance(bridge_, ohms);
    vehicle_.circuit.request_solve();
  }
  // An intermittent bridge keeps its step running: it may burn open and regrow at any time.
  return !law.grown(age) || intermittent_;
}

}  // namespace bcmhil::faults
