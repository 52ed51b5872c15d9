#include "session_log.h"

#include <stdexcept>

namespace bcmhil::training {

const char* to_string(LogEntry::Kind kind) {
  switch (kind) {
    case LogEntry::Kind::start: return "start";
    case LogEntry::Kind::resume: return "resume";
    case LogEntry::Kind::op: return "op";
  }
  return "?";
}

nlohmann::json LogEntry::to_json() const {
  nlohmann::json j{{"kind", to_string(kind)}, {"wall_s", wall_s}, {"sim_s", sim_s}};
  if (!request.is_null()) j["request"] = request;
  if (!answer.is_null()) j["answer"] = answer;
  if (!path.is_null()) j["path"] = path;
  return j;
}

LogEntry LogEntry::from_json(const nlohmann::json& j) {
  LogEntry e;
  const auto kind = j.at("kind").get<std::string>();
  if (kind == "start") e.kind = Kind::start;
  else if (kind == "resume") e.kind = Kind::resume;
  else if (kind == "op") e.kind = Kind::op;
  else throw std::invalid_argument("unknown log entry kind '" + kind + "'");
  e.wall_s = j.at("wall_s").get<double>();
  e.sim_s = j.at("sim_s").get<double>();
  if (j.contains("request")) e.request = j.at("request");
  if (j.contains("answer")) e.answer = j.at("answer");
  if (j.contains("path")) e.path = j.at("path");
  return e;
}

LogWriter::LogWriter(const std::string& path) : path_(path), out_(path, std::ios::app) {
  if (!out_) throw std::runtime_error(path + ": cannot open the session log for appending");
}

void LogWriter::append(const LogEntry& entry) {
  out_ << entry.to_json().dump() << '\n';
  out_.flush();
  if (!out_) throw std::runtime_error(path_ + ": cannot write the session log");
}

std::vector<LogEntry> read_session_log(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the session log");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<LogEntry> entries;
  std::size_t start = 0;
  int line = 0;
  for (;;) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) break;  // a last line cut short by a kill: not an entry
    ++line;
    const std::string_view one(text.data() + start, end - start);
    start = end + 1;
    if (one.empty()) continue;
    try {
      entries.push_back(LogEntry::from_json(nlohmann::json::parse(one)));
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(line) + ": not a session log entry: " + e.what());
    }
  }
  return entries;
}

}  // namespace bcmhil::training
