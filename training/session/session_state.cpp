// What the session shows the student: the state events, the points and controls of `hello`.
#include "session.h"

#include "training/wiring/circuits.h"

#include "model/bc1/connector_map.h"

#include <cmath>
#include <set>

namespace bcmhil::training {

namespace {

nlohmann::json reading_json(const instruments::InstrumentReading& r) {
  nlohmann::json value = r.overload || !std::isfinite(r.value) ? nlohmann::json(nullptr) : nlohmann::json(r.value);
  return {{"value", value}, {"unit", r.unit}, {"display", r.display}, {"overload", r.overload}};
}

nlohmann::json senses_json(const Senses& s) {
  return {{"indicator_lh", s.indicator_lh},     {"indicator_rh", s.indicator_rh},
          {"interior_light", s.interior_light}, {"hatch_open", s.hatch_open},
          {"latch_released", s.latch_released}, {"hatch_angle_deg", std::round(s.hatch_angle_deg)},
          {"locked", s.locked},                 {"siren", s.siren}};
}

nlohmann::json control(const std::string& label, const std::string& action, nlohmann::json args = nlohmann::json::object()) {
  return {{"label", label}, {"action", action}, {"args", args}};
}

}  // namespace

nlohmann::json Session::instruments_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : placed_) {
    const auto d = display_of(*p);
    nlohmann::json j{{"slot", p->slot},        {"instrument", p->instrument}, {"first", p->first},
                     {"second", p->second},    {"now", reading_json(d.now)},  {"min", reading_json(d.min)},
                     {"max", reading_json(d.max)}, {"held", d.held}};
    if (p->instrument == "ohmmeter") j["energised"] = d.energised;
    if (p->instrument == "test_lamp") j["lit"] = d.lit;
    out.push_back(j);
  }
  return out;
}

nlohmann::json Session::state_json() {
  const auto senses = car_->senses();
  // What the car itself has unplugged and pulled (not the session's bookkeeping of it).
  auto& vehicle = car_->vehicle();
  std::vector<std::string> unplugged, pulled;
  for (const auto& spec : vehicle.connectors.specs())
    if (!vehicle.connectors.plugged(spec.name)) unplugged.push_back(spec.name);
  for (const auto& f : vehicle.power.fuses())
    if (f.pulled) pulled.push_back(f.name.substr(std::string("fuse.").size()));
  return {{"event", "state"},
          {"sim_s", sim_s()},
          {"wall_s", wall_s()},
          {"time_budget_s", exercise_.time_budget_s},
          {"money_spent", money_},
          {"minutes_charged", minutes_},
          {"instruments", instruments_json()},
          {"car", senses_json(senses)},
          {"heard", {{"relay_clicks", senses.relay_clicks}, {"latch_clunks", senses.latch_clunks}}},
          {"seen", {{"flashes", senses.flashes}}},
          {"unplugged", unplugged},
          {"fuses_pulled", pulled}};
}

// Every 50 ms of wall time, when the car changed (what a person sees, hears, what the workshop
// did) or an instrument is on.
std::optional<nlohmann::json> Session::state_event() {
  const double now = wall_s();
  if (last_state_wall_ >= 0 && now - last_state_wall_ < kStateEveryS) return std::nullopt;
  last_state_wall_ = now;
  auto state = state_json();
  const auto heard = state["heard"];
  const bool noise = heard["relay_clicks"].get<int>() > 0 || heard["latch_clunks"].get<int>() > 0 ||
                     state["seen"]["flashes"].get<int>() > 0;
  const std::string car = state["car"].dump() + state["unplugged"].dump() + state["fuses_pulled"].dump();
  if (placed_.empty() && !noise && car == last_state_) return std::nullopt;
  last_state_ = car;
  return state;
}

// Where the exercise's instruments may go, by the circuits it concerns.
nlohmann::json Session::points_json() const {
  std::set<std::string> points{"ground", "battery+", "battery-"}, clamps{"battery"}, connectors, fuses;
  for (const auto& name : exercise_.circuits) {
    const auto* c = wiring::find_circuit(name);
    for (const auto& label : c->bc1_pins) {
      points.insert(label);
      points.insert(label + "@module");
      clamps.insert(label);
      connectors.insert(model::ConnectorMap::bc1().find(label)->connector);
    }
    for (const auto& conn : c->connectors) {
      connectors.insert(conn);
      const auto* spec = car_->vehicle().connectors.find(conn);
      for (const auto& pin : spec->pins) {
        points.insert(pin.label);
        points.insert(pin.label + "@" + spec->part_side);
        clamps.insert(pin.label);
      }
    }
    for (const auto& f : c->fuses) {
      fuses.insert(f);
      points.insert(f + ".in");
      points.insert(f + ".out");
      clamps.insert(f);
    }
    for (const auto& s : c->sockets) points.insert(s);
  }
  if (!exercise_.allows("connectors")) connectors.clear();
  if (!exercise_.allows("fuses")) fuses.clear();
  return {{"measure", points}, {"clamp", clamps}, {"connectors", connectors}, {"fuses", fuses}};
}

// The car's controls, each an `act` request's action and arguments (the scenario vocabulary).
nlohmann::json Session::controls_json() const {
  return nlohmann::json::array({
      control("key fob: lock", "press_fob", {{"button", "lock"}}),
      control("key fob: unlock", "press_fob", {{"button", "unlock"}}),
      control("key fob: boot", "press_fob", {{"button", "trunk"}}),
      control("boot lid handle", "press_lid_handle"),
      control("shut the boot", "close", {{"what", "hatch"}}),
      control("open driver's door", "open", {{"what", "driver_door"}}),
      control("shut driver's door", "close", {{"what", "driver_door"}}),
      control("open passenger door", "open", {{"what", "passenger_door"}}),
      control("shut passenger door", "close", {{"what", "passenger_door"}}),
      control("open bonnet", "open", {{"what", "bonnet"}}),
      control("shut bonnet", "close", {{"what", "bonnet"}}),
      control("key in driver's door: lock", "turn_key", {{"door", "driver"}, {"to", "lock"}}),
      control("key in driver's door: unlock", "turn_key", {{"door", "driver"}, {"to", "unlock"}}),
      control("central lock button: lock", "press_lock_button", {{"to", "lock"}}),
      control("central lock button: unlock", "press_lock_button", {{"to", "unlock"}}),
      control("ignition on", "set_ignition", {{"on", true}}),
      control("ignition off", "set_ignition", {{"on", false}}),
      control("hazard button", "press_hazard"),
      control("heated rear window button", "press_switch", {{"switch", "heated_rear_window"}}),
      control("battery charge", "set_battery", {{"volts", "12.6 V"}}),
  });
}

}  // namespace bcmhil::training
