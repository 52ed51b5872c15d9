#pragma once
// One student's session (contract 1 of /work/wt/ISSUE13.md; protocol in training/session/README.md):
// the exercise, the fault drawn from the seed, the student's car running in real time (a LiveCar
// whose simulated time follows the wall clock), the requests answered, the path the student
// takes (training/scoring/attempt.h), the log, and resume after a crash.
//
// The hidden fault stays inside: nothing a request is answered with or a state event carries
// names it or its parameters until `submit` has been answered.
#include "session_log.h"

#include "training/exercise/exercise.h"
#include "training/live/live_car.h"
#include "training/scoring/attempt.h"

#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bcmhil::training {

struct SessionOptions {
  std::string exercise;    // the exercise file
  std::uint64_t seed = 0;
  std::string dictionary;  // the fault dictionary (JSON) hints and the score reason over
  std::string log;         // the session log, appended
  bool resume = false;     // pick the attempt up from the log (after a crash)
  std::string student;     // with class_dir: who the attempt record names
  std::string class_dir;   // where an ok submit writes the attempt record (training/records); empty: none
};

class Session {
 public:
  // Loads the exercise, draws the fault, brings the car in (or, resuming, rebuilds the car and
  // the path from the log). Throws ExerciseError, std::runtime_error for a log it cannot use.
  explicit Session(const SessionOptions& options);
  ~Session();

  // One request, answered ({"id", "ok": true, ...} or {"id", "ok": false, "error"}); logged with
  // the path entries it added. Never throws for a bad request.
  nlohmann::json handle(const nlohmann::json& request);
  // Runs the car up to the wall clock; closes an observation window whose time is up.
  void keep_time();
  // The state event when one is due: every 50 ms of wall time while the car changes or an
  // instrument is placed.
  std::optional<nlohmann::json> state_event();

  double wall_s() const;  // wall time the student has used, across restarts
  double sim_s() const;
  const std::vector<PathEntry>& path() const { return path_; }

  static constexpr double kStateEveryS = 0.05;

 private:
  // An instrument the student placed, kept to put it on again on a rebuilt car.
  struct Placed {
    int slot = 0;             // the student's slot number (stable across rebuilds)
    int instrument_slot = 0;  // the LiveCar's slot on the present car
    std::string instrument, first, second;
    double placed_sim_s = 0;
  };
  static std::map<std::string, std::string> step_args(const nlohmann::json& request);

  // The car
  void build_car(double sim_s);
  std::vector<faults::FaultSpec> remaining_faults() const;
  void restore_workshop_state();

  // The ops (session_ops.cpp)
  nlohmann::json op_hello();
  nlohmann::json op_act(const nlohmann::json& request);
  nlohmann::json op_place(const nlohmann::json& request);
  nlohmann::json op_remove(const nlohmann::json& request);
  nlohmann::json op_read(const nlohmann::json& request);
  nlohmann::json op_connector(const std::string& op, const nlohmann::json& request);
  nlohmann::json op_fuse(const std::string& op, const nlohmann::json& request);
  nlohmann::json op_ds2(const nlohmann::json& request);
  nlohmann::json op_part(const std::string& op, const nlohmann::json& request);
  nlohmann::json op_hint();
  nlohmann::json op_submit(const nlohmann::json& request);
  nlohmann::json write_record(const Submission& submission, const Score& score);
  nlohmann::json op_log();
  nlohmann::json dispatch(const std::string& op, const nlohmann::json& request);
  void require_tool(const std::string& tool) const;
  Placed& placed(int slot);  // throws std::invalid_argument for a slot not placed
  SlotDisplay display_of(const Placed& p) const;

  // The path (session_path.cpp)
  PathDetail state_detail() const;
  void record_measurement(int slot);
  void record_ds2(const std::string& job, const tester::JobResult& result);
  void open_observation(const scenario::Step& step);
  void close_observation();
  void add_path(PathEntry entry);

  // State events (session_state.cpp)
  nlohmann::json state_json();
  nlohmann::json instruments_json() const;
  nlohmann::json points_json() const;
  nlohmann::json controls_json() const;

  // Resume (session.cpp)
  void replay_log(const std::vector<LogEntry>& entries);
  void log_entry(LogEntry::Kind kind, const nlohmann::json& request, const nlohmann::json& answer);

  const diagnosis::Dictionary& dictionary();

  SessionOptions options_;
  Exercise exercise_;
  DrawnFault drawn_;
  diagnosis::Catalogue catalogue_;
  std::unique_ptr<diagnosis::Dictionary> dictionary_;  // loaded on the first hint or submit
  std::unique_ptr<LiveCar> car_;
  std::unique_ptr<LogWriter> log_;

  // Time: the wall clock since this process began, plus what earlier processes used.
  std::chrono::steady_clock::time_point started_;
  double wall_before_ = 0;
  double sim_base_ = 0;        // the car's simulated time when it was brought in
  double wall_at_base_ = 0;    // wall_s() then

  // What the student has done to the car, kept across rebuilds.
  std::vector<std::unique_ptr<Placed>> placed_;
  int next_slot_ = 1;
  std::set<std::string> unplugged_, fuses_pulled_;
  std::set<std::string> fixed_;  // pool fault ids cured by parts fitted
  double money_ = 0, minutes_ = 0;
  int hints_ = 0;
  bool submitted_ = false;
  struct Act {
    std::string action;
    std::map<std::string, std::string> args;
    double sim_s;
  };
  std::vector<Act> acts_;  // every action, oldest first

  // An observation window: what the student watches after an action.
  struct Watch {
    double from_s = 0, until_s = 0;
    std::vector<const diagnosis::CatalogueTest*> tests;  // the catalogue's observations of that action
  };
  std::optional<Watch> watch_;

  std::string started_utc_;  // when the attempt began (the log's start entry), for the record
  std::vector<PathEntry> path_;
  std::vector<PathEntry> unlogged_;  // path entries not yet written to the log
  double last_state_wall_ = -1;
  std::string last_state_;  // the last event's car part, to send only changes
};

// The session child's loop: requests from `in_fd` (JSON lines), answers and state events to
// `out_fd`, until end of input (0) or a write to a closed output (3). Bytes are read as they come
// (no stdio buffering), so nothing is lost if the process is replaced.
int run_session(const SessionOptions& options, int in_fd, int out_fd);

}  // namespace bcmhil::training
