// The session's ops (contract 1; fields in training/session/README.md).
#include "session.h"

#include "training/records/attempt_record.h"
#include "training/scoring/attempt_json.h"
#include "training/wiring/wiring_view.h"

#include "model/instruments/placement.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace bcmhil::training {

namespace {

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> ops{"hello",     "act",        "place", "remove",  "read",   "unplug",
                                            "plug",      "pull_fuse",  "refit_fuse", "ds2", "replace", "repair",
                                            "hint",      "submit",     "log"};
  return ops;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string text_field(const nlohmann::json& request, const char* name) {
  if (!request.contains(name) || !request.at(name).is_string() || request.at(name).get<std::string>().empty())
    throw std::invalid_argument(std::string("the request needs \"") + name + "\" (a non-empty string)");
  return request.at(name).get<std::string>();
}

int int_field(const nlohmann::json& request, const char* name) {
  if (!request.contains(name) || !request.at(name).is_number_integer())
    throw std::invalid_argument(std::string("the request needs \"") + name + "\" (an integer)");
  return request.at(name).get<int>();
}

// A JSON value as the scenario's YAML would write it: "trunk", "12.6 V", 2, true.
std::string scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  throw std::invalid_argument("an action's argument must be a string, a number or true/false, got " + v.dump());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

std::map<std::string, std::string> Session::step_args(const nlohmann::json& request) {
  std::map<std::string, std::string> args;
  for (const auto& [key, value] : request.items())
    if (key != "id" && key != "op" && key != "action") args[key] = scalar_text(value);
  return args;
}

nlohmann::json Session::dispatch(const std::string& op, const nlohmann::json& r) {
  if (op == "hello") return op_hello();
  if (op == "act") return op_act(r);
  if (op == "place") return op_place(r);
  if (op == "remove") return op_remove(r);
  if (op == "read") return op_read(r);
  if (op == "unplug" || op == "plug") return op_connector(op, r);
  if (op == "pull_fuse" || op == "refit_fuse") return op_fuse(op, r);
  if (op == "ds2") return op_ds2(r);
  if (op == "replace" || op == "repair") return op_part(op, r);
  if (op == "hint") return op_hint();
  if (op == "submit") return op_submit(r);
  if (op == "log") return op_log();
  throw std::invalid_argument("unknown op '" + op + "' (ops: " + joined(op_names()) + ")");
}

void Session::require_tool(const std::string& tool) const {
  if (!exercise_.allows(tool))
    throw std::invalid_argument("this exercise does not allow the " + tool + " (tools: " + joined(exercise_.tools) + ")");
}

nlohmann::json Session::op_hello() {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& p : exercise_.parts)  // which causes a part cures stays hidden
    parts.push_back({{"id", p.id}, {"name", p.name}, {"action", to_string(p.action)}, {"price", p.price},
                     {"minutes", p.minutes}});
  return {{"exercise",
           {{"id", exercise_.id},
            {"title", exercise_.title},
            {"work_order", exercise_.work_order},
            {"tools", exercise_.tools},
            {"time_budget_s", exercise_.time_budget_s},
            {"currency", exercise_.currency},
            {"parts", parts},
            {"components", exercise_.components},
            {"causes", exercise_.causes}}},
          {"controls", controls_json()},
          {"points", points_json()},
          {"wiring", wiring::wiring_view(car_->vehicle(), exercise_.circuits)},
          {"state", state_json()}};
}

// A person's action in the scenario step vocabulary: {"action": "press_fob", "button": "trunk"} is
// the step {at: 0 s, do: press_fob, button: trunk}, checked by the scenario's own parser.
nlohmann::json Session::op_act(const nlohmann::json& request) {
  const auto action = text_field(request, "action");
  YAML::Node node;
  node["at"] = "0 s";
  node["do"] = action;
  for (const auto& [key, value] : step_args(request)) node[key] = value;
  scenario::Step step;
  try {
    step = scenario::parse_step(node, "act", sc_core::sc_time(24 * 3600, sc_core::SC_SEC));
  } catch (const scenario::ScenarioError& e) {
    throw std::invalid_argument(e.message());
  }
  if (step.action == scenario::Action::diagnose)
    throw std::invalid_argument("the DS2 tester is the ds2 op, not an action on the car");
  close_observation();
  car_->act(step);
  acts_.push_back({action, step_args(request), sim_s()});
  open_observation(step);
  return {{"action", action}};
}

nlohmann::json Session::op_place(const nlohmann::json& request) {
  const auto name = text_field(request, "instrument");
  const auto kind = instruments::instrument_kind(name);
  if (!kind) throw std::invalid_argument("unknown instrument '" + name + "' (known: dvm, ohmmeter, clamp, test_lamp)");
  const std::string instrument = instruments::name_of(*kind);
  require_tool(instrument);
  const auto first = text_field(request, "first");
  const std::string second = request.contains("second") ? text_field(request, "second") : "";
  auto p = std::make_unique<Placed>();
  p->instrument_slot = car_->place(instrument, first, second);  // throws naming an unknown point
  p->slot = next_slot_++;
  p->instrument = instrument;
  p->first = first;
  p->second = second;
  p->placed_sim_s = sim_s();
  const int slot = p->slot;
  placed_.push_back(std::move(p));
  return {{"slot", slot}, {"instrument", instrument}, {"first", first}, {"second", second}};
}

Session::Placed& Session::placed(int slot) {
  for (auto& p : placed_)
    if (p->slot == slot) return *p;
  throw std::invalid_argument("no instrument in slot " + std::to_string(slot));
}

nlohmann::json Session::op_read(const nlohmann::json& request) {
  const int slot = int_field(request, "slot");
  placed(slot);
  record_measurement(slot);
  return {{"slot", slot}};
}

nlohmann::json Session::op_remove(const nlohmann::json& request) {
  const int slot = int_field(request, "slot");
  auto& p = placed(slot);
  record_measurement(slot);  // what the display showed as the leads came off
  car_->remove(p.instrument_slot);
  placed_.erase(std::remove_if(placed_.begin(), placed_.end(), [slot](const auto& q) { return q->slot == slot; }),
                placed_.end());
  return {{"slot", slot}};
}

nlohmann::json Session::op_connector(const std::string& op, const nlohmann::json& request) {
  require_tool("connectors");
  const auto connector = text_field(request, "connector");
  if (op == "unplug") {
    car_->unplug(connector);
    unplugged_.insert(connector);
  } else {
    car_->plug(connector);
    unplugged_.erase(connector);
  }
  return {{"connector", connector}, {"plugged", op == "plug"}};
}

// A pulled fuse is in the technician's hand: whether it is blown is what a person sees.
nlohmann::json Session::op_fuse(const std::string& op, const nlohmann::json& request) {
  require_tool("fuses");
  const auto fuse = text_field(request, "fuse");
  if (op == "pull_fuse") {
    car_->pull_fuse(fuse);
    fuses_pulled_.insert(fuse);
    return {{"fuse", fuse}, {"pulled", true}, {"blown", car_->vehicle().fuse(fuse).blown}};
  }
  car_->refit_fuse(fuse);
  fuses_pulled_.erase(fuse);
  return {{"fuse", fuse}, {"pulled", false}};
}

// The lines `bcmhil diag` prints for the job (on stdout when it succeeds, stderr otherwise) and
// its exit code: the same tester and server code.
nlohmann::json Session::op_ds2(const nlohmann::json& request) {
  require_tool("ds2");
  const auto job = text_field(request, "job");
  std::vector<std::string> args;
  if (request.contains("args")) {
    if (!request.at("args").is_array()) throw std::invalid_argument("\"args\" must be a list of strings");
    for (const auto& a : request.at("args")) args.push_back(scalar_text(a));
  }
  const auto result = car_->ds2(job, args);
  if (args.empty()) record_ds2(job, result);
  return {{"job", job}, {"args", args}, {"exit_code", result.exit_code}, {"lines", lines_of(result.text)},
          {"stream", result.exit_code == 0 ? "stdout" : "stderr"}};
}

// A part fitted costs its price and minutes; the car is rebuilt either way (a new kernel), so a
// right and a wrong part look alike until the student tries the car again.
nlohmann::json Session::op_part(const std::string& op, const nlohmann::json& request) {
  const auto id = text_field(request, "part");
  const auto* part = exercise_.find_part(id);
  if (!part) {
    std::vector<std::string> ids;
    for (const auto& p : exercise_.parts) ids.push_back(p.id);
    throw std::invalid_argument("no part '" + id + "' (parts: " + joined(ids) + ")");
  }
  if (op != to_string(part->action))
    throw std::invalid_argument("the " + part->name + " is " + (part->action == Part::Action::replace ? "replaced" : "repaired") +
                                ", not " + (op == "replace" ? "replaced" : "repaired"));
  close_observation();
  money_ += part->price;
  minutes_ += part->minutes;
  fixed_.insert(part->fixes.begin(), part->fixes.end());
  PathEntry e;
  e.kind = part->action == Part::Action::replace ? PathKind::replace : PathKind::repair;
  e.detail.part = part->id;
  e.detail.price = part->price;
  e.detail.minutes = part->minutes;
  add_path(std::move(e));
  build_car(sim_s());
  return {{"part", part->id}, {"action", op}, {"price", part->price}, {"minutes", part->minutes},
          {"money_spent", money_}, {"minutes_charged", minutes_}};
}

nlohmann::json Session::op_hint() {
  close_observation();
  const auto text = next_hint(exercise_, drawn_, path_, dictionary(), catalogue_);
  ++hints_;
  PathEntry e;
  e.kind = PathKind::hint;
  e.detail.text = text;
  add_path(std::move(e));
  return {{"text", text}, {"hints", hints_}};
}

// The score and debrief (training/scoring), and only now the fault.
nlohmann::json Session::op_submit(const nlohmann::json& request) {
  if (submitted_) throw std::invalid_argument("this attempt has been submitted already");
  close_observation();
  Submission submission;
  submission.component = text_field(request, "component");
  submission.cause = text_field(request, "cause");
  submission.wall_s = wall_s();
  const Score score = score_attempt(exercise_, drawn_, path_, submission, dictionary(), catalogue_);
  submitted_ = true;
  return {{"score", to_json(score)},
          {"record", write_record(submission, score)},
          {"fault", {{"component", drawn_.component}, {"cause", drawn_.cause}, {"pool_id", drawn_.pool_id},
                     {"type", drawn_.fault}, {"parameters", drawn_.parameters}}}};
}

// The attempt as one file in the class directory (training/records), before the answer: the
// file's name, or why it could not be written (the score stands either way).
nlohmann::json Session::write_record(const Submission& submission, const Score& score) {
  if (options_.class_dir.empty()) return nullptr;
  AttemptRecord record;
  record.student = options_.student;
  record.exercise = exercise_.id;
  record.seed = options_.seed;
  record.started = started_utc_;
  record.submitted = utc_iso8601(std::time(nullptr));
  record.path = path_;
  record.submission = submission;
  record.score = score;
  try {
    // The record's name in the class's attempts folder, not the server's path to it: the answer
    // reaches the browser.
    const std::string path = write_attempt(options_.class_dir, record);
    return {{"file", path.substr(path.find_last_of('/') + 1)}};
  } catch (const RecordError& e) {
    std::cerr << "bcmhil train-session: " << e.what() << "\n";
    return {{"error", "the attempt could not be recorded (details in the session's diagnostics)"}};
  }
}

nlohmann::json Session::op_log() {
  return {{"path", to_json(path_)}, {"wall_s", wall_s()},        {"sim_s", sim_s()},
          {"money_spent", money_},  {"minutes_charged", minutes_}, {"hints", hints_}, {"submitted", submitted_}};
}

}  // namespace bcmhil::training
