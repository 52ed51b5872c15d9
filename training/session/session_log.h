#pragma once
// A session's log (`bcmhil train-session --log FILE`): JSON lines, appended and flushed one entry
// at a time, so a child killed at any instant leaves every answered request on disk (at worst a
// last line cut short, which reading skips). It is both the student's record (train-score's path
// is built from it, train-server keeps it in the class directory) and what `--resume` rebuilds a
// restarted car from. Format in training/session/README.md.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace bcmhil::training {

struct LogEntry {
  enum class Kind {
    start,   // the first line: exercise file and id, seed (request/answer empty)
    resume,  // a restart picked the log up here (after a crash, or a part replaced)
    op,      // one request and its answer
  };
  Kind kind = Kind::op;
  double wall_s = 0;          // wall time the student had used when the request came in
  double sim_s = 0;           // the car's simulated time then
  nlohmann::json request;     // op: the request as received ({"id", "op", ...}); start: {exercise, seed}
  nlohmann::json answer;      // op: the answer as sent
  nlohmann::json path;        // the entries this op (and the car since the last op) added to the
                              // student's path (training/scoring/attempt_json.h), an array or null

  nlohmann::json to_json() const;
  static LogEntry from_json(const nlohmann::json& j);  // throws nlohmann::json::exception
};

const char* to_string(LogEntry::Kind kind);

// Appends entries to a log file, each one line, flushed before append() returns.
class LogWriter {
 public:
  explicit LogWriter(const std::string& path);  // throws std::runtime_error naming the path
  void append(const LogEntry& entry);

 private:
  std::string path_;
  std::ofstream out_;
};

// Every complete entry of a log, in order. A last line without its newline (the child was killed
// while writing it) is skipped; a malformed line elsewhere throws std::runtime_error "file:line: ...".
std::vector<LogEntry> read_session_log(const std::string& path);

}  // namespace bcmhil::training
