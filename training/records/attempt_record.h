#pragma once
// Every attempt as one JSON file in the class directory, nothing in a database a teacher cannot
// back up: `<class-dir>/attempts/<submitted>-<student>-<exercise>-<seed>.json`, format
// `bcmhil-training-attempt/1` (training/records/README.md). A file is written whole or not at
// all: into a temporary file beside it, flushed to disk, then linked to its name (an existing
// attempt is never overwritten) and the directory flushed, so a crash leaves either the old
// directory or the new file, never half a record.
#include "training/scoring/attempt.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace bcmhil::training {

constexpr const char* kAttemptFormat = "bcmhil-training-attempt/1";

struct AttemptRecord {
  std::string student;
  std::string exercise;
  std::uint64_t seed = 0;
  std::string started;    // UTC, ISO 8601: "2026-11-27T16:05:00Z"
  std::string submitted;
  std::vector<PathEntry> path;
  Submission submission;
  Score score;
};

class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::ordered_json to_json(const AttemptRecord& record);

// Writes the record into `<class_dir>/attempts/` (made if missing) and returns the file's path.
// Throws RecordError naming the file and the reason (disk full, no permission...).
std::string write_attempt(const std::string& class_dir, const AttemptRecord& record);

// "2026-11-27T16:05:00Z" for a time point (UTC).
std::string utc_iso8601(std::int64_t unix_seconds);

}  // namespace bcmhil::training
