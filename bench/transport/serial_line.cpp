#include "serial_line.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace bcmhil::transport {

namespace asio = boost::asio;

void configure_kline(asio::serial_port& port) {
  port.set_option(asio::serial_port_base::baud_rate(9600));
  port.set_option(asio::serial_port_base::character_size(8));
  port.set_option(asio::serial_port_base::parity(asio::serial_port_base::parity::even));
  port.set_option(asio::serial_port_base::stop_bits(asio::serial_port_base::stop_bits::one));
  port.set_option(
      asio::serial_port_base::flow_control(asio::serial_port_base::flow_control::none));
}

bool is_character_device(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

namespace {
std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

void make_raw(int fd) {
  termios t{};
  if (::tcgetattr(fd, &t) != 0) return;
  ::cfmakeraw(&t);
  t.c_cflag |= PARENB | CLOCAL | CREAD;  // even parity, like the line (ignored by a pty)
  t.c_cflag &= ~PARODD;
  ::cfsetispeed(&t, B9600);
  ::cfsetospeed(&t, B9600);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  ::tcsetattr(fd, TCSANOW, &t);
}
}  // namespace

PseudoTerminal::PseudoTerminal(const std::string& link_path) : link_path_(link_path) {
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
  // Raw both ways: no line discipline echo, no CR/LF mangling, bytes as they are.
  make_raw(slave_);
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
