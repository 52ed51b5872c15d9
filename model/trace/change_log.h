#pragma once
// Every change of every signal, appended in time order to an unnamed temporary file: the trace
// of a long run streams to disk instead of living in memory. 20 bytes a change (a one-hour run
// with an input event every millisecond writes a few gigabytes); the file is gone when the log is.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace bcmhil::trace {

class ChangeLog {
 public:
  // Opens the file in $TMPDIR (else /tmp) and unlinks it at once; throws std::runtime_error
  // naming the folder and the reason when it cannot.
  ChangeLog();
  ~ChangeLog();
  ChangeLog(const ChangeLog&) = delete;
  ChangeLog& operator=(const ChangeLog&) = delete;

  // Throws std::runtime_error when the disk refuses the write (full, I/O error).
  void append(std::size_t signal, std::uint64_t time_ps, double value);
  // Every change, in the order appended.
  void for_each(const std::function<void(std::size_t signal, std::uint64_t time_ps, double value)>& f);
  std::uint64_t size() const { return count_; }

 private:
  [[noreturn]] void fail(const char* what, int error_number) const;

  std::string folder_;
  std::FILE* file_ = nullptr;
  std::uint64_t count_ = 0;
};

}  // namespace bcmhil::trace
