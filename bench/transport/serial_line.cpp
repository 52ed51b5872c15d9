#include "serial_line.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "link_claim.h"

namespace bcmhil::transport {

bool is_character_device(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

namespace {
// Unix98 pty peers (/dev/pts/N) have majors 136..143 (Documentation/admin-guide/devices.txt).
bool is_pty_peer(const struct stat& st) {
  return S_ISCHR(st.st_mode) && major(st.st_rdev) >= 136 && major(st.st_rdev) <= 143;
}
}  // namespace

bool is_pseudo_terminal(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && is_pty_peer(st);
}

bool is_pty_link(const std::string& path) {
  struct stat link {}, target {};
  return ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode) && ::stat(path.c_str(), &target) == 0 &&
         is_pty_peer(target);
}

namespace {
std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

termios raw_9600(const termios& current, bool even_parity) {
  termios t = current;
  ::cfmakeraw(&t);
  t.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
  t.c_cflag |= CS8 | CLOCAL | CREAD;
  if (even_parity) t.c_cflag |= PARENB;
  t.c_iflag &= ~(IXON | IXOFF | IXANY | INPCK);
  ::cfsetispeed(&t, B9600);
  ::cfsetospeed(&t, B9600);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  return t;
}

// tcsetattr, then read back: true when the driver kept what matters (speed, size, parity).
bool apply(int fd, const termios& want, std::string& error) {
  if (::tcsetattr(fd, TCSANOW, &want) != 0) {
    error = errno_text("tcsetattr");
    return false;
  }
  termios got{};
  if (::tcgetattr(fd, &got) != 0) {
    error = errno_text("tcgetattr");
    return false;
  }
  const tcflag_t mask = CSIZE | PARENB | PARODD;
  if ((got.c_cflag & mask) != (want.c_cflag & mask) || ::cfgetospeed(&got) != ::cfgetospeed(&want)) {
    error = "the driver did not keep the settings";
    return false;
  }
  return true;
}
}  // namespace

LineSetup configure_kline(int fd, const std::string& name) {
  termios current{};
  if (::tcgetattr(fd, &current) != 0)
    throw TransportError("cannot set 9600 8E1 on " + name + ": " + errno_text("tcgetattr") +
                         " (not a serial port?)");
  std::string error;
  if (apply(fd, raw_9600(current, true), error)) return {};
  if (!is_pseudo_terminal(fd))
    throw TransportError("cannot set 9600 8E1 on " + name + ": " + error);
  std::string fallback_error;
  if (!apply(fd, raw_9600(current, false), fallback_error))
    throw TransportError("cannot set 9600 8E1 on " + name + " (" + error + "), nor 9600 8N1 on this pseudo-terminal: " +
                         fallback_error);
  LineSetup setup;
  setup.even_parity = false;
  setup.note = name + " is a pseudo-terminal, which cannot keep a parity bit (setting 9600 8E1: " + error +
               "); opened as 9600 8N1, the same bytes without the parity bit. Even parity end to end: serve "
               "--kline rfc2217://127.0.0.1:0";
  return setup;
}

void configure_pty_raw(int fd, const std::string& name) {
  termios current{};
  std::string error;
  if (::tcgetattr(fd, &current) != 0) throw TransportError(errno_text("tcgetattr " + name));
  if (!apply(fd, raw_9600(current, false), error)) throw TransportError("cannot make " + name + " raw: " + error);
}

PseudoTerminal::PseudoTerminal(const std::string& link_path) : link_path_(link_path) {
  if (!link_path_.empty()) {
    try {
      claim_ = std::make_unique<LinkClaim>(link_path_);
    } catch (const LinkClaimError& e) {
      throw TransportError(e.what());
    }
  }
  master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master_ < 0) throw TransportError(errno_text("posix_openpt"));
  if (::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
    const auto msg = errno_text("grantpt/unlockpt");
    ::close(master_);
    throw TransportError(msg);
  }
  char name[128] = {};
  if (::ptsname_r(master_, name, sizeof name) != 0) {
    const auto msg = errno_text("ptsname");
    ::close(master_);
    throw TransportError(msg);
  }
  slave_name_ = name;
  slave_ = ::open(name, O_RDWR | O_NOCTTY);
  if (slave_ < 0) {
    const auto msg = errno_text("open " + slave_name_);
    ::close(master_);
    throw TransportError(msg);
  }
  // Raw both ways: no line discipline echo, no CR/LF mangling, bytes as they are; 8N1 because a
  // pty has no parity bit to keep.
  try {
    configure_pty_raw(slave_, slave_name_);
  } catch (const TransportError&) {
    ::close(slave_);
    ::close(master_);
    throw;
  }
  ::fcntl(master_, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave_, F_SETFD, FD_CLOEXEC);

  if (!link_path_.empty()) {
    struct stat st {};
    if (::lstat(link_path_.c_str(), &st) == 0) {
      if (!S_ISLNK(st.st_mode)) {
        ::close(slave_);
        ::close(master_);
        throw TransportError(link_path_ + " exists and is not a symlink; not replacing it");
      }
      ::unlink(link_path_.c_str());
    }
    if (::symlink(slave_name_.c_str(), link_path_.c_str()) != 0) {
      const auto msg = errno_text("symlink " + link_path_);
      ::close(slave_);
      ::close(master_);
      throw TransportError(msg);
    }
  }
}

PseudoTerminal::~PseudoTerminal() {
  if (!link_path_.empty()) {
    char target[256] = {};
    const ssize_t n = ::readlink(link_path_.c_str(), target, sizeof target - 1);
    if (n > 0 && slave_name_ == std::string(target, static_cast<std::size_t>(n)))
      ::unlink(link_path_.c_str());
  }
  if (slave_ >= 0) ::close(slave_);
  if (master_ >= 0) ::close(master_);
}

int PseudoTerminal::dup_master() const {
  const int fd = ::fcntl(master_, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) throw TransportError(errno_text("dup master"));
  return fd;
}

void PseudoTerminal::flush_peer_input() { ::tcflush(slave_, TCIFLUSH); }

}  // namespace bcmhil::transport
