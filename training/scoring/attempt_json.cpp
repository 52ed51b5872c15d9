#include "attempt_json.h"

#include <cmath>
#include <stdexcept>

namespace bcmhil::training {

namespace {

using ojson = nlohmann::ordered_json;

ojson number(double x) { return std::isnan(x) || std::isinf(x) ? ojson() : ojson(x); }

double number_at(const nlohmann::json& j, const char* key, double otherwise = 0) {
  if (!j.contains(key) || j.at(key).is_null()) return otherwise;
  if (!j.at(key).is_number()) throw std::invalid_argument(std::string("'") + key + "' must be a number");
  return j.at(key).get<double>();
}

std::string text_at(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return "";
  if (!j.at(key).is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a string");
  return j.at(key).get<std::string>();
}

std::vector<std::string> texts_at(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || j.at(key).is_null()) return out;
  if (!j.at(key).is_array()) throw std::invalid_argument(std::string("'") + key + "' must be a list of strings");
  for (const auto& x : j.at(key)) {
    if (!x.is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a list of strings");
    out.push_back(x.get<std::string>());
  }
  return out;
}

const nlohmann::json& object_at(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!j.contains(key) || j.at(key).is_null()) return empty;
  if (!j.at(key).is_object()) throw std::invalid_argument(std::string("'") + key + "' must be an object");
  return j.at(key);
}

void put(ojson& j, const char* key, const std::string& s) {
  if (!s.empty()) j[key] = s;
}

ojson detail_json(PathKind kind, const PathDetail& d) {
  ojson j = ojson::object();
  switch (kind) {
    case PathKind::measurement:
      put(j, "instrument", d.instrument);
      put(j, "first", d.first);
      put(j, "second", d.second);
      j["placed_before_s"] = d.placed_before_s;
      break;
    case PathKind::ds2:
      put(j, "job", d.job);
      put(j, "item", d.item);
      break;
    case PathKind::observation: put(j, "signal", d.signal); break;
    case PathKind::replace:
    case PathKind::repair:
      put(j, "part", d.part);
      j["price"] = d.price;
      j["minutes"] = d.minutes;
      return j;
    case PathKind::hint: put(j, "text", d.text); return j;
  }
  j["unplugged"] = d.unplugged;
  j["fuses_pulled"] = d.fuses_pulled;
  j["actions"] = ojson::array();
  for (const auto& a : d.actions) {
    ojson args = ojson::object();
    for (const auto& [k, v] : a.args) args[k] = v;
    j["actions"].push_back({{"action", a.action}, {"args", args}, {"before_s", a.before_s}});
  }
  return j;
}

bool read_something(PathKind kind) {
  return kind == PathKind::measurement || kind == PathKind::ds2 || kind == PathKind::observation;
}

TimedAction action_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("'actions' must be a list of objects");
  TimedAction a;
  a.action = text_at(j, "action");
  for (const auto& [k, v] : object_at(j, "args").items()) {
    if (!v.is_string()) throw std::invalid_argument("an action's 'args' must map names to strings");
    a.args[k] = v.get<std::string>();
  }
  a.before_s = number_at(j, "before_s");
  return a;
}

}  // namespace

ojson to_json(const PathEntry& e) {
  ojson j;
  j["kind"] = to_string(e.kind);
  j["wall_s"] = e.wall_s;
  j["sim_s"] = e.sim_s;
  j["detail"] = detail_json(e.kind, e.detail);
  if (read_something(e.kind))
    j["reading"] = {{"value", number(e.reading.value)}, {"unit", e.reading.unit},
                    {"min", number(e.reading.min)},     {"max", number(e.reading.max)},
                    {"count", e.reading.count}};
  return j;
}

ojson to_json(const std::vector<PathEntry>& path) {
  ojson j = ojson::array();
  for (const auto& e : path) j.push_back(to_json(e));
  return j;
}

ojson to_json(const Submission& s) {
  return {{"component", s.component}, {"cause", s.cause}, {"wall_s", s.wall_s}};
}

ojson to_json(const Score& s) {
  ojson j;
  j["solved"] = s.solved;
  j["submitted"] = to_json(s.submitted);
  j["component"] = s.component;
  j["cause"] = s.cause;
  j["wrong_parts"] = ojson::array();
  for (const auto& w : s.wrong_parts)
    j["wrong_parts"].push_back({{"path_index", w.path_index}, {"part", w.part}, {"price", w.price},
                                {"minutes", w.minutes}, {"repair", w.repair}});
  j["wrong_parts_cost"] = s.wrong_parts_cost;
  j["time_used_s"] = s.time_used_s;
  j["time_budget_s"] = s.time_budget_s;
  j["hints"] = s.hints;
  j["measurements"] = ojson::array();
  for (const auto& m : s.measurements)
    j["measurements"].push_back({{"path_index", m.path_index}, {"test", m.test.empty() ? ojson() : ojson(m.test)}, {"title", m.title},
                                 {"outcome", m.outcome}, {"raw", number(m.raw)}, {"cost_min", m.cost_min},
                                 {"bits", m.bits}, {"largest_share", m.largest_share},
                                 {"class", to_string(m.value)}, {"why", m.why}});
  j["student_bits"] = s.student_bits;
  j["student_cost_min"] = s.student_cost_min;
  ojson steps = ojson::array();
  for (const auto& o : s.optimal.steps)
    steps.push_back({{"test", o.test}, {"title", o.title}, {"outcome", o.outcome}, {"raw", number(o.raw)}, {"cost_min", o.cost_min},
                     {"bits", o.bits}});
  j["optimal"] = {{"steps", steps}, {"cost_min", s.optimal.cost_min}, {"verdict", s.optimal.verdict},
                  {"probability", s.optimal.probability}, {"explained", s.optimal.explained}};
  j["optimal_bits"] = s.optimal_bits;
  j["optimal_cost_min"] = s.optimal_cost_min;
  j["points"] = {{"solved", s.points.solved}, {"parts", s.points.parts},     {"time", s.points.time},
                 {"quality", s.points.quality}, {"hints", 0.0 - s.points.hints}, {"total", s.points.total}};
  return j;
}

PathEntry path_entry_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("a path entry must be an object");
  PathEntry e;
  const std::string kind = text_at(j, "kind");
  const auto k = path_kind(kind);
  if (!k) throw std::invalid_argument("'kind' is '" + kind + "', not measurement, ds2, observation, replace, repair or hint");
  e.kind = *k;
  e.wall_s = number_at(j, "wall_s");
  e.sim_s = number_at(j, "sim_s");
  const auto& d = object_at(j, "detail");
  e.detail.instrument = text_at(d, "instrument");
  e.detail.first = text_at(d, "first");
  e.detail.second = text_at(d, "second");
  e.detail.placed_before_s = number_at(d, "placed_before_s");
  e.detail.job = text_at(d, "job");
  e.detail.item = text_at(d, "item");
  e.detail.signal = text_at(d, "signal");
  e.detail.unplugged = texts_at(d, "unplugged");
  e.detail.fuses_pulled = texts_at(d, "fuses_pulled");
  if (d.contains("actions") && !d.at("actions").is_null()) {
    if (!d.at("actions").is_array()) throw std::invalid_argument("'actions' must be a list of objects");
    for (const auto& a : d.at("actions")) e.detail.actions.push_back(action_from_json(a));
  }
  e.detail.part = text_at(d, "part");
  e.detail.price = number_at(d, "price");
  e.detail.minutes = number_at(d, "minutes");
  e.detail.text = text_at(d, "text");
  const auto& r = object_at(j, "reading");
  e.reading.value = number_at(r, "value", NAN);
  e.reading.unit = text_at(r, "unit");
  e.reading.min = number_at(r, "min", NAN);
  e.reading.max = number_at(r, "max", NAN);
  e.reading.count = static_cast<int>(number_at(r, "count", -1));
  return e;
}

std::vector<PathEntry> path_from_json(const nlohmann::json& j) {
  if (!j.is_array()) throw std::invalid_argument("a path must be a list of entries");
  std::vector<PathEntry> path;
  for (std::size_t i = 0; i < j.size(); ++i) {
    try {
      path.push_back(path_entry_from_json(j[i]));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("path entry " + std::to_string(i) + ": " + e.what());
    }
  }
  return path;
}

Submission submission_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("a submission must be an object");
  return {text_at(j, "component"), text_at(j, "cause"), number_at(j, "wall_s")};
}

}  // namespace bcmhil::training
