#include "attempt_record.h"

#include "training/scoring/attempt_json.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace bcmhil::training {

namespace {

// Letters, digits, '-' and '_' of a name typed by a person, so a file name cannot climb out of
// the directory or collide with the separators; at most 40 of them.
std::string file_safe(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (out.size() >= 40) break;
    out += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  }
  return out.empty() ? "_" : out;
}

std::string system_error(const std::string& what, const std::string& file) {
  return file + ": " + what + ": " + std::strerror(errno);
}

void write_all(int fd, const std::string& bytes, const std::string& file) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw RecordError(system_error("cannot write", file));
    done += static_cast<std::size_t>(n);
  }
}

void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) throw RecordError(system_error("cannot open the directory", dir));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw RecordError(system_error("cannot flush the directory", dir));
}

// Links the complete temporary file to the first free name <stem>.json, <stem>-2.json, ...
std::string link_free_name(const std::string& tmp, const std::string& stem) {
  for (int n = 1;; ++n) {
    const std::string name = stem + (n == 1 ? "" : "-" + std::to_string(n)) + ".json";
    if (::link(tmp.c_str(), name.c_str()) == 0) return name;
    if (errno != EEXIST) throw RecordError(system_error("cannot link", name));
  }
}

}  // namespace

std::string utc_iso8601(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::ordered_json to_json(const AttemptRecord& r) {
  nlohmann::ordered_json j;
  j["format"] = kAttemptFormat;
  j["student"] = r.student;
  j["exercise"] = r.exercise;
  j["seed"] = r.seed;
  j["started"] = r.started;
  j["submitted"] = r.submitted;
  j["submission"] = to_json(r.submission);
  j["score"] = to_json(r.score);
  j["path"] = to_json(r.path);
  return j;
}

std::string write_attempt(const std::string& class_dir, const AttemptRecord& record) {
  const std::string dir = class_dir + "/attempts";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw RecordError(dir + ": cannot make the directory: " + ec.message());
  std::string stamp = record.submitted;
  for (char& c : stamp)
    if (c == ':') c = '-';
  const std::string stem = dir + "/" + file_safe(stamp) + "-" + file_safe(record.student) + "-" +
                           file_safe(record.exercise) + "-" + std::to_string(record.seed);
  std::string tmp = dir + "/.attempt-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw RecordError(system_error("cannot create a temporary file", tmp));
  try {
    write_all(fd, to_json(record).dump(2) + "\n", tmp);
    if (::fsync(fd) != 0) throw RecordError(system_error("cannot flush", tmp));
    const int rc = ::close(std::exchange(fd, -1));
    if (rc != 0) throw RecordError(system_error("cannot close", tmp));
    const std::string name = link_free_name(tmp, stem);
    ::unlink(tmp.c_str());
    sync_directory(dir);
    return name;
  } catch (...) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
}

}  // namespace bcmhil::training
