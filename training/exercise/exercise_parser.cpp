#include "exercise_parser.h"

#include "bench/scenario/node_reader.h"
#include "bench/scenario/quantity.h"
#include "bench/yaml/strict_yaml.h"
#include "bench/yaml/utf8_text.h"
#include "training/wiring/circuits.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::training {

using scenario::Dimension;
using scenario::Location;

namespace {

constexpr const char* kFormat = "bcmhil-exercise/1";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool one_of(const std::string& value, const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

Dimension dimension_of(faults::ParamKind kind) {
  switch (kind) {
    case faults::ParamKind::duration_s: return Dimension::time;
    case faults::ParamKind::resistance_ohm: return Dimension::resistance;
    case faults::ParamKind::voltage_v: return Dimension::voltage;
    default: return Dimension::none;
  }
}

// The shared node reader (bench/scenario/node_reader.h) and what exercises add to it: free text,
// identifiers, bounded numbers, lists of names.
class Reader : public scenario::NodeReader {
 public:
  explicit Reader(const std::string& origin)
      : NodeReader(origin, [](const Location& where, const std::string& message) {
          throw ExerciseError(where, yaml::printable(message));
        }) {}

  std::string words(const YAML::Node& node, const std::string& what) const {
    auto t = text(node, what);
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();  // a folded block's end
    if (t.empty()) fail(node, what + " must not be empty");
    return t;
  }
  std::string identifier(const YAML::Node& node, const std::string& what) const {
    const auto t = text(node, what);
    const bool ok = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    });
    if (!ok) fail(node, what + " must be lower-case letters, digits, '_', '-' or '.', got '" + t + "'");
    return t;
  }
  double positive(const YAML::Node& node, Dimension dimension, const std::string& what, double max) const {
    const double v = quantity(node, dimension, what);
    if (v < 0 || v > max) {
      std::ostringstream m;
      m << what << " must be between 0 and " << max << (dimension == Dimension::none ? "" : " ")
        << scenario::unit_of(dimension) << ", got '" << node.Scalar() << "'";
      fail(node, m.str());
    }
    return v;
  }
  std::vector<std::string> names(const YAML::Node& node, const std::string& what,
                                 const std::vector<std::string>& known) const {
    if (!node.IsSequence() || node.size() == 0) fail(node, what + " must be a non-empty list");
    std::vector<std::string> out;
    for (const auto& item : node) {
      const auto name = words(item, what);
      if (!known.empty() && !one_of(name, known))
        fail(item, what + ": unknown '" + name + "' (known: " + join(known) + ")");
      if (one_of(name, out)) fail(item, what + ": '" + name + "' is listed twice");
      out.push_back(name);
    }
    return out;
  }
};

const faults::ParamSpec* find_param(const faults::FaultType& type, const std::string& name) {
  for (const auto& p : type.params)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> param_names(const faults::FaultType& type) {
  std::vector<std::string> names;
  for (const auto& p : type.params) names.push_back(p.name);
  return names;
}

// One value as a scenario writes it, checked against the parameter's spec; its SI number.
double check_value(const Reader& r, const YAML::Node& node, const faults::ParamSpec& p, const std::string& what) {
  if (p.kind == faults::ParamKind::choice) {
    const auto choice = r.text(node, what);
    if (!one_of(choice, p.choices)) r.fail(node, what + ": '" + choice + "' is not one of: " + join(p.choices));
    return 0;
  }
  const double number = r.quantity(node, dimension_of(p.kind), what);
  if (number < p.min || number > p.max) {
    std::ostringstream m;
    m << what << " must be between " << p.min << " and " << p.max << " " << scenario::unit_of(dimension_of(p.kind))
      << ", got '" << node.Scalar() << "'";
    r.fail(node, m.str());
  }
  return number;
}

// `name: value`, `name: [v1, v2]` or `name: {min: a, max: b, log: true}` (numeric parameters only).
ParamDraw read_draw(const Reader& r, const YAML::Node& key, const YAML::Node& node, const faults::ParamSpec& p,
                    const std::string& what) {
  ParamDraw d;
  d.name = p.name;
  d.where = r.at(key);
  if (node.IsScalar()) {
    check_value(r, node, p, what);
    d.values.push_back(node.Scalar());
    return d;
  }
  if (node.IsSequence()) {
    if (node.size() == 0) r.fail(node, what + ": an empty list draws nothing");
    for (const auto& v : node) {
      check_value(r, v, p, what);
      if (one_of(v.Scalar(), d.values)) r.fail(v, what + ": '" + v.Scalar() + "' is listed twice");
      d.values.push_back(v.Scalar());
    }
    return d;
  }
  r.expect_keys(node, {"min", "max", "log"}, what + " (a range)");
  if (p.kind == faults::ParamKind::choice) r.fail(node, what + " is a choice: list its values instead of a range");
  d.min = check_value(r, r.need(node, "min", what + " (a range)"), p, what + ".min");
  d.max = check_value(r, r.need(node, "max", what + " (a range)"), p, what + ".max");
  if (d.max < d.min) r.fail(node["max"], what + ": max is below min");
  if (node["log"]) d.log = r.boolean(node["log"], what + ".log");
  if (d.log && d.min <= 0) r.fail(node["min"], what + ": a log range needs min above 0");
  return d;
}

PoolFault read_pool_fault(const Reader& r, const YAML::Node& node) {
  r.expect_keys(node, {"id", "fault", "where", "draw", "weight", "component", "cause"}, "a pool entry");
  PoolFault f;
  f.at = r.at(node);
  f.id = r.identifier(r.need(node, "id", "a pool entry"), "id");
  const auto& type_node = r.need(node, "fault", "pool entry " + f.id);
  f.fault = r.text(type_node, "fault");
  const auto* type = faults::find_fault_type(f.fault);
  if (!type) {
    std::vector<std::string> known;
    for (const auto& t : faults::fault_library()) known.push_back(t.name);
    r.fail(type_node, "unknown fault type '" + f.fault + "' (known: " + join(known) + ")");
  }
  std::set<std::string> seen;
  const auto param_of = [&](const YAML::Node& key, const std::string& section) -> const faults::ParamSpec& {
    const auto name = r.text(key, "a parameter name");
    const auto* p = find_param(*type, name);
    if (!p) r.fail(key, "fault " + f.fault + " has no parameter '" + name + "' (known: " + join(param_names(*type)) + ")");
    if (!seen.insert(name).second) r.fail(key, "parameter '" + name + "' is given in both where and draw (" + section + ")");
    return *p;
  };
  if (const auto where = node["where"]) {
    if (!where.IsMap()) r.fail(where, "where must be a mapping of parameter: value");
    for (const auto& item : where) {
      const auto& p = param_of(item.first, "where");
      check_value(r, item.second, p, f.fault + "." + p.name);
      f.where[p.name] = r.text(item.second, p.name);
    }
  }
  if (const auto draw = node["draw"]) {
    if (!draw.IsMap()) r.fail(draw, "draw must be a mapping of parameter: value, list or {min, max}");
    for (const auto& item : draw) {
      const auto& p = param_of(item.first, "draw");
      f.draws.push_back(read_draw(r, item.first, item.second, p, f.fault + "." + p.name));
    }
  }
  if (node["weight"]) {
    f.weight = r.positive(node["weight"], Dimension::none, "weight", 1e6);
    if (f.weight <= 0) r.fail(node["weight"], "weight must be above 0 (leave the entry out instead)");
  }
  f.component = r.words(r.need(node, "component", "pool entry " + f.id), "component");
  f.cause = r.words(r.need(node, "cause", "pool entry " + f.id), "cause");
  return f;
}

Part read_part(const Reader& r, const YAML::Node& node, const std::vector<PoolFault>& pool) {
  r.expect_keys(node, {"id", "name", "action", "price", "minutes", "fixes"}, "a part");
  Part p;
  p.at = r.at(node);
  p.id = r.identifier(r.need(node, "id", "a part"), "id");
  p.name = r.words(r.need(node, "name", "part " + p.id), "name");
  const auto action = r.text(r.need(node, "action", "part " + p.id), "action");
  if (action == "replace") p.action = Part::Action::replace;
  else if (action == "repair") p.action = Part::Action::repair;
  else r.fail(node["action"], "action must be replace or repair, got '" + action + "'");
  p.price = r.positive(r.need(node, "price", "part " + p.id), Dimension::none, "price", 1e6);
  p.minutes = r.positive(r.need(node, "minutes", "part " + p.id), Dimension::none, "minutes", 24 * 60);
  if (const auto fixes = node["fixes"]) {
    std::vector<std::string> ids;
    for (const auto& f : pool) ids.push_back(f.id);
    p.fixes = r.names(fixes, "fixes", ids);
  }
  return p;
}

CarSetup read_car(const Reader& r, const YAML::Node& node) {
  r.expect_keys(node, {"battery", "locked", "ignition", "arrives_after"}, "car");
  CarSetup car;
  if (node["battery"]) {
    car.battery_volts = r.positive(node["battery"], Dimension::voltage, "battery", 16);
    if (car.battery_volts < 6) r.fail(node["battery"], "battery must be between 6 V and 16 V");
  }
  if (node["locked"]) car.locked = r.boolean(node["locked"], "locked");
  if (node["ignition"]) car.ignition_on = r.boolean(node["ignition"], "ignition");
  if (node["arrives_after"]) {
    const double s = r.positive(node["arrives_after"], Dimension::time, "arrives_after", 600);
    car.arrives_after = sc_core::sc_time(std::round(s * 1e6), sc_core::SC_US);
  }
  return car;
}

// Every pool answer must be one the submit form offers.
void check_answers(const Reader& r, const YAML::Node& answers, const Exercise& e) {
  for (const auto& f : e.pool) {
    if (!one_of(f.component, e.components))
      r.fail(answers["components"], "components must offer '" + f.component + "' (the answer of pool entry " + f.id + ")");
    if (!one_of(f.cause, e.causes))
      r.fail(answers["causes"], "causes must offer '" + f.cause + "' (the answer of pool entry " + f.id + ")");
  }
}

Exercise read_exercise(const Reader& r, const YAML::Node& root, const std::string& origin) {
  r.expect_keys(root, {"format", "id", "title", "work_order", "tools", "time_budget", "currency", "car", "circuits",
                       "pool", "parts", "answers"},
                "an exercise");
  const auto format = r.text(r.need(root, "format", "an exercise"), "format");
  if (format != kFormat) r.fail(root["format"], std::string("format must be ") + kFormat + ", got '" + format + "'");
  Exercise e;
  e.file = origin;
  e.id = r.identifier(r.need(root, "id", "an exercise"), "id");
  e.title = r.words(r.need(root, "title", "an exercise"), "title");
  e.work_order = r.words(r.need(root, "work_order", "an exercise"), "work_order");
  e.tools = r.names(r.need(root, "tools", "an exercise"), "tools", exercise_tools());
  const auto& budget = r.need(root, "time_budget", "an exercise");
  e.time_budget_s = r.positive(budget, Dimension::time, "time_budget", 8 * 3600);
  if (e.time_budget_s < 60) r.fail(budget, "time_budget must be at least 1 min");
  if (root["currency"]) e.currency = r.words(root["currency"], "currency");
  if (root["car"]) e.car = read_car(r, root["car"]);
  e.circuits = r.names(r.need(root, "circuits", "an exercise"), "circuits", wiring::circuit_names());

  const auto& pool = r.need(root, "pool", "an exercise");
  if (!pool.IsSequence() || pool.size() == 0) r.fail(pool, "pool must be a non-empty list of causes");
  for (const auto& node : pool) {
    auto f = read_pool_fault(r, node);
    if (e.find_fault(f.id)) r.fail(node["id"], "pool entry id '" + f.id + "' is used twice");
    e.pool.push_back(std::move(f));
  }
  if (const auto parts = root["parts"]) {
    if (!parts.IsSequence()) r.fail(parts, "parts must be a list");
    for (const auto& node : parts) {
      auto p = read_part(r, node, e.pool);
      if (e.find_part(p.id)) r.fail(node["id"], "part id '" + p.id + "' is used twice");
      e.parts.push_back(std::move(p));
    }
  }
  const auto& answers = r.need(root, "answers", "an exercise");
  r.expect_keys(answers, {"components", "causes"}, "answers");
  e.components = r.names(r.need(answers, "components", "answers"), "components", {});
  e.causes = r.names(r.need(answers, "causes", "answers"), "causes", {});
  check_answers(r, answers, e);
  return e;
}

}  // namespace

Exercise parse_exercise(const std::string& text, const std::string& origin) {
  const Reader r(origin);
  const YAML::Node root = r.load(text);
  if (!root.IsMap()) throw ExerciseError({origin, 1, 1}, "an exercise must be a YAML mapping (format:, id:, ...)");
  try {
    return read_exercise(r, root, origin);
  } catch (const YAML::Exception& e) {  // a conversion the checks above did not foresee
    throw ExerciseError({origin, e.mark.line + 1, e.mark.column + 1}, yaml::printable(e.msg));
  }
}

Exercise load_exercise(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExerciseError({path, 0, 0}, "cannot open the exercise file");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_exercise(text, path);
}

std::string shipped_exercises_dir() { return std::string(BCMHIL_TRAINING_DIR) + "/exercises"; }

std::vector<Exercise> load_exercises(const std::string& dir) {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<Exercise> exercises;
  for (const auto& path : paths) {
    auto e = load_exercise(path);
    for (const auto& other : exercises)
      if (other.id == e.id) throw ExerciseError({path, 0, 0}, "exercise id '" + e.id + "' is also " + other.file + "'s");
    exercises.push_back(std::move(e));
  }
  return exercises;
}

}  // namespace bcmhil::training
