#pragma once
// An output file the user asked for, written so that nothing is ever lost silently.
//
// A regular file is written under a temporary name in the same folder, flushed, fsync'ed,
// checked, and only then renamed over the final name: a full disk, a write error or a crash
// leaves the old file (or none) under the final name, never a truncated one. A path that is not
// a regular file (a FIFO, /dev/stdout, /dev/full) cannot be renamed over, so it is written in
// place, and its write errors are still caught. Every failure is an OutputError whose message
// names the file and the reason; the CLI turns it into exit status 3.
#include <fstream>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace bcmhil::output {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Opens the temporary file (or the special file); throws OutputError when it cannot.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // without commit(): the temporary file is removed, the final name untouched
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::string& path() const { return path_; }
  // Flushes, checks, syncs and renames into place; throws OutputError naming the file.
  void commit();

 private:
  void fail(const std::string& what, int error_number);
  void discard() noexcept;

  std::string path_;
  std::string temp_;  // empty when writing a special file in place
  std::ofstream out_;
  bool committed_ = false;
};

// Writes a whole file through AtomicFile: `write` fills the stream.
void write_file(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace bcmhil::output
