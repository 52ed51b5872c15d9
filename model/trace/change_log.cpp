#include "change_log.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace bcmhil::trace {

namespace {
#pragma pack(push, 1)
struct Record {
  std::uint32_t signal;
  std::uint64_t time_ps;
  double value;
};
#pragma pack(pop)
static_assert(sizeof(Record) == 20, "a change is 20 bytes on disk");
constexpr std::size_t kBufferBytes = 1 << 20;
}  // namespace

ChangeLog::ChangeLog() {
  const char* tmp = std::getenv("TMPDIR");
  folder_ = tmp && *tmp ? tmp : "/tmp";
  std::string path = folder_ + "/bcmhil-trace-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) fail("cannot create a temporary file", errno);
  unlink(path.c_str());  // nothing to clean up, whatever happens next
  file_ = fdopen(fd, "w+b");
  if (!file_) {
    const int e = errno;
    close(fd);
    fail("cannot open a temporary file", e);
  }
  std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
}

ChangeLog::~ChangeLog() {
  if (file_) std::fclose(file_);
}

void ChangeLog::fail(const char* what, int error_number) const {
  throw std::runtime_error(std::string("trace spill file in ") + folder_ + ": " + what + ": " +
                           std::strerror(error_number));
}

void ChangeLog::append(std::size_t signal, std::uint64_t time_ps, double value) {
  const Record r{static_cast<std::uint32_t>(signal), time_ps, value};
  if (std::fwrite(&r, sizeof r, 1, file_) != 1) fail("cannot write", errno);
  ++count_;
}

void ChangeLog::for_each(const std::function<void(std::size_t, std::uint64_t, double)>& f) {
  if (std::fflush(file_) != 0) fail("cannot write", errno);
  if (std::fseek(file_, 0, SEEK_SET) != 0) fail("cannot rewind", errno);
  std::vector<Record> chunk(kBufferBytes / sizeof(Record));
  std::uint64_t left = count_;
  while (left > 0) {
    const std::size_t want = left < chunk.size() ? static_cast<std::size_t>(left) : chunk.size();
    if (std::fread(chunk.data(), sizeof(Record), want, file_) != want) fail("cannot read back", errno ? errno : EIO);
    for (std::size_t i = 0; i < want; ++i) f(chunk[i].signal, chunk[i].time_ps, chunk[i].value);
    left -= want;
  }
  // Appending goes on at the end.
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("cannot seek", errno);
}

}  // namespace bcmhil::trace
