#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace bcmhil::output {

namespace {

bool is_special_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// A name in the same folder (rename is atomic only within one file system), hidden, unique.
std::string make_temp_beside(const std::string& path, int* error_number) {
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string pattern = dir + "." + base + ".tmp.XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    *error_number = errno;
    return {};
  }
  ::fchmod(fd, 0644);  // mkstemp makes 0600; an artefact is as readable as any file the user writes
  ::close(fd);
  return std::string(buffer.data());
}

// The data must be on the disk before the rename makes it the file of record.
int sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = ::fsync(fd);
  const int error_number = rc == 0 ? 0 : errno;
  ::close(fd);
  // Some special files (pipes, terminals) cannot be synced: that is not a lost write.
  return error_number == EINVAL || error_number == EROFS ? 0 : error_number;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw OutputError("cannot write an output file with an empty name");
  if (!is_special_file(path_)) {
    int error_number = 0;
    temp_ = make_temp_beside(path_, &error_number);
    if (temp_.empty()) fail("cannot create a file beside it", error_number);
  }
  errno = 0;
  out_.open(temp_.empty() ? path_ : temp_, std::ios::binary | std::ios::trunc);
  if (!out_) fail("cannot open it for writing", errno);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::commit() {
  // A write that failed while the stream was being filled left its reason (ENOSPC...) in errno.
  if (!out_) fail("write failed", errno);
  errno = 0;
  out_.flush();
  if (!out_) fail("write failed", errno);
  out_.close();
  if (out_.fail()) fail("write failed on close", errno);
  if (temp_.empty()) {
    committed_ = true;
    return;
  }
  if (const int error_number = sync_file(temp_)) fail("cannot sync it to disk", error_number);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot move it into place", errno);
  committed_ = true;
}

void AtomicFile::fail(const std::string& what, int error_number) {
  discard();
  committed_ = true;  // nothing left to clean up
  std::string message = "cannot write " + path_ + ": " + what;
  if (error_number != 0) message += " (" + std::string(std::strerror(error_number)) + ")";
  throw OutputError(message);
}

void AtomicFile::discard() noexcept {
  if (out_.is_open()) out_.close();
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void write_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  AtomicFile file(path);
  write(file.stream());
  file.commit();
}

}  // namespace bcmhil::output
