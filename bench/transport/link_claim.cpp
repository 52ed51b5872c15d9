#include "link_claim.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace bcmhil::transport {

namespace {

// "pid 1234: bcmhil serve x.yaml --kline /tmp/bc1": who holds the link, for the next one to read.
std::string describe_self() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!cmd.empty() && cmd.back() == '\0') cmd.pop_back();
  for (char& c : cmd)
    if (c == '\0') c = ' ';
  if (cmd.size() > 200) cmd = cmd.substr(0, 200) + "...";
  return "pid " + std::to_string(::getpid()) + (cmd.empty() ? "" : ": " + cmd);
}

std::string read_holder(int fd) {
  char text[256] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  std::string s = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) s.pop_back();
  return s.empty() ? "another process" : s;
}

bool same_file(int fd, const std::string& path) {
  struct stat held {}, now {};
  return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
         held.st_ino == now.st_ino;
}

}  // namespace

LinkClaim::LinkClaim(const std::string& link_path) : lock_path_(link_path + ".lock") {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
      throw LinkClaimError("cannot create the lock file " + lock_path_ + " for " + link_path + ": " +
                           std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string holder = read_holder(fd);
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw LinkClaimError(link_path + " is in use by " + holder + " (lock " + lock_path_ +
                             "); stop that one first or choose another path");
      throw LinkClaimError("cannot lock " + lock_path_ + ": " + std::strerror(err));
    }
    if (!same_file(fd, lock_path_)) {  // its holder removed it between our open and our lock
      ::close(fd);
      continue;
    }
    const std::string me = describe_self() + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
      // The lock holds without the note; only the next one's message is poorer.
    }
    fd_ = fd;
    return;
  }
  throw LinkClaimError("cannot claim " + link_path + ": " + lock_path_ + " keeps changing under us");
}

LinkClaim::~LinkClaim() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still holding the lock: see the header
  ::close(fd_);
}

}  // namespace bcmhil::transport
