#include "session.h"

#include "training/exercise/draw.h"
#include "training/exercise/exercise_parser.h"
#include "training/records/attempt_record.h"
#include "training/scoring/attempt_json.h"

#include "diagnosis/dictionary_io.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace bcmhil::training {

using sc_core::sc_time;

namespace {

sc_time seconds(double s) { return sc_time(std::round(s * 1e6), sc_core::SC_US); }

}  // namespace

Session::Session(const SessionOptions& options)
    : options_(options), started_(std::chrono::steady_clock::now()) {
  exercise_ = load_exercise(options.exercise);
  drawn_ = draw_fault(exercise_, options.seed);
  catalogue_ = diagnosis::load_catalogue(diagnosis::shipped_catalogue_path());
  std::vector<LogEntry> earlier;
  if (options.resume && std::filesystem::exists(options.log)) earlier = read_session_log(options.log);
  log_ = std::make_unique<LogWriter>(options.log);
  if (earlier.empty()) {
    started_utc_ = utc_iso8601(std::time(nullptr));
    log_entry(LogEntry::Kind::start,
              {{"exercise", exercise_.id}, {"file", exercise_.file}, {"seed", options.seed}, {"started", started_utc_}},
              nullptr);
    build_car(exercise_.car.arrives_after.to_seconds());
    return;
  }
  replay_log(earlier);
}

Session::~Session() {
  placed_.clear();  // the leads come off before the car goes
  car_.reset();
}

double Session::wall_s() const {
  return wall_before_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

double Session::sim_s() const { return car_ ? car_->now().to_seconds() : sim_base_; }

// A car with the faults no part has cured, brought in untouched up to `sim_s` (a fresh kernel:
// SystemC cannot remove a fault from an elaborated car, so a part fitted means a new car), then
// the workshop's state put back: connectors unplugged, fuses pulled, instruments on.
void Session::build_car(double sim_s) {
  for (auto& p : placed_) p->instrument_slot = 0;  // the old car's instruments go with it
  car_.reset();
  car_ = std::make_unique<LiveCar>(exercise_.car, remaining_faults());
  car_->bring_in(seconds(std::max(sim_s, exercise_.car.arrives_after.to_seconds())));
  restore_workshop_state();
  sim_base_ = car_->now().to_seconds();
  wall_at_base_ = wall_s();
}

std::vector<faults::FaultSpec> Session::remaining_faults() const {
  if (fixed_.count(drawn_.pool_id)) return {};
  return {drawn_.spec};
}

void Session::restore_workshop_state() {
  for (const auto& c : unplugged_) car_->unplug(c);
  for (const auto& f : fuses_pulled_) car_->pull_fuse(f);
  for (auto& p : placed_) p->instrument_slot = car_->place(p->instrument, p->first, p->second);
}

// The car's simulated time follows the wall clock from the moment it was brought in.
void Session::keep_time() {
  const double target = sim_base_ + (wall_s() - wall_at_base_);
  const double now = car_->now().to_seconds();
  if (target > now + 1e-6) car_->advance(seconds(target - now));
  if (watch_ && car_->now().to_seconds() >= watch_->until_s) close_observation();
}

nlohmann::json Session::handle(const nlohmann::json& request) {
  nlohmann::json id = nullptr;
  nlohmann::json answer;
  if (!request.is_object()) {
    answer = {{"ok", false}, {"error", "a request is a JSON object {\"id\": N, \"op\": OP, ...}"}};
  } else {
    if (request.contains("id")) id = request.at("id");
    try {
      if (!request.contains("op") || !request.at("op").is_string()) throw std::invalid_argument("the request needs \"op\" (a string)");
      keep_time();
      answer = dispatch(request.at("op").get<std::string>(), request);
      answer["ok"] = true;
    } catch (const std::invalid_argument& e) {
      answer = {{"ok", false}, {"error", e.what()}};
    } catch (const nlohmann::json::exception& e) {
      answer = {{"ok", false}, {"error", std::string("a field has the wrong type: ") + e.what()}};
    } catch (const std::exception& e) {
      // Not the student's mistake: the details (which may name the car's insides) go to stderr.
      std::cerr << "bcmhil train-session: request " << request.dump() << ": " << e.what() << "\n";
      answer = {{"ok", false}, {"error", "the session could not do that (an internal error, details in its diagnostics)"}};
    }
  }
  nlohmann::json out{{"id", id}};
  out.update(answer);
  log_entry(LogEntry::Kind::op, request, out);
  return out;
}

void Session::log_entry(LogEntry::Kind kind, const nlohmann::json& request, const nlohmann::json& answer) {
  LogEntry e;
  e.kind = kind;
  e.wall_s = wall_s();
  e.sim_s = sim_s();
  e.request = request;
  e.answer = answer;
  if (!unlogged_.empty()) e.path = to_json(unlogged_);
  log_->append(e);
  unlogged_.clear();
}

// Resume: the same exercise and seed, the parts fitted and the workshop's state as the log left
// them, the path and the time used kept; the car brought in to where its simulated time was.
void Session::replay_log(const std::vector<LogEntry>& entries) {
  if (entries.front().kind != LogEntry::Kind::start)
    throw std::runtime_error(options_.log + ": the log does not begin with its start entry");
  const auto& start = entries.front().request;
  if (start.value("exercise", "") != exercise_.id || start.value("seed", std::uint64_t{0}) != options_.seed)
    throw std::runtime_error(options_.log + ": the log is of another exercise or seed");
  started_utc_ = start.value("started", "");
  for (const auto& e : entries) {
    if (!e.path.is_null())
      for (auto& p : path_from_json(e.path)) path_.push_back(std::move(p));
    wall_before_ = std::max(wall_before_, e.wall_s);
    sim_base_ = std::max(sim_base_, e.sim_s);
    if (e.kind != LogEntry::Kind::op || !e.answer.value("ok", false)) continue;
    const auto op = e.request.value("op", "");
    if (op == "unplug") unplugged_.insert(e.request.at("connector").get<std::string>());
    if (op == "plug") unplugged_.erase(e.request.at("connector").get<std::string>());
    if (op == "pull_fuse") fuses_pulled_.insert(e.request.at("fuse").get<std::string>());
    if (op == "refit_fuse") fuses_pulled_.erase(e.request.at("fuse").get<std::string>());
    if (op == "place")
      placed_.push_back(std::make_unique<Placed>(Placed{e.answer.at("slot").get<int>(), 0,
                                                        e.request.at("instrument").get<std::string>(),
                                                        e.request.value("first", ""), e.request.value("second", ""),
                                                        e.sim_s}));
    if (op == "remove") {
      const int slot = e.request.at("slot").get<int>();
      placed_.erase(std::remove_if(placed_.begin(), placed_.end(), [slot](const auto& p) { return p->slot == slot; }),
                    placed_.end());
    }
    if (op == "replace" || op == "repair") {
      const auto* part = exercise_.find_part(e.request.at("part").get<std::string>());
      money_ += part->price;
      minutes_ += part->minutes;
      fixed_.insert(part->fixes.begin(), part->fixes.end());
    }
    if (op == "hint") ++hints_;
    if (op == "submit") submitted_ = true;
    if (op == "act") acts_.push_back({e.request.at("action").get<std::string>(), step_args(e.request), e.sim_s});
  }
  for (const auto& p : placed_) next_slot_ = std::max(next_slot_, p->slot + 1);
  started_ = std::chrono::steady_clock::now();
  build_car(sim_base_);
  log_entry(LogEntry::Kind::resume, {{"entries", entries.size()}}, nullptr);
}

const diagnosis::Dictionary& Session::dictionary() {
  if (!dictionary_) dictionary_ = std::make_unique<diagnosis::Dictionary>(diagnosis::load_dictionary(options_.dictionary));
  return *dictionary_;
}

}  // namespace bcmhil::training
