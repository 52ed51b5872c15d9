#include "fork_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <vector>

namespace bcmhil::diagnosis {

namespace {

// The first byte says what follows: the result, or the message of what the child threw.
constexpr char kResult = 'R';
constexpr char kError = 'E';
constexpr char kInvalid = 'I';  // std::invalid_argument: bad input, not a broken model

void write_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + sent, bytes.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // the parent is gone: nobody to tell
    sent += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void child_main(int fd, const ChildWork& work) {
  std::string message;
  try {
    message = kResult + work();
  } catch (const std::invalid_argument& e) {
    message = kInvalid + std::string(e.what());
  } catch (const std::exception& e) {
    message = kError + std::string(e.what());
  } catch (...) {
    message = kError + std::string("unknown exception");
  }
  write_all(fd, message);
  ::close(fd);
  _exit(0);
}

struct Running {
  pid_t pid = -1;
  int fd = -1;
  std::string bytes;
};

Running start(const ChildWork& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw ChildFailed(std::string("pipe: ") + std::strerror(errno));
  // Buffered output would otherwise be written once by the parent and again by every child.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw ChildFailed(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], work);
  }
  ::close(fds[1]);
  return {pid, fds[0], {}};
}

// Reads what is there; false at end of file.
bool read_some(Running& r) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(r.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ChildFailed(std::string("read from a child: ") + std::strerror(errno));
    r.bytes.append(buffer, static_cast<std::size_t>(n));
    return n > 0;
  }
}

// Waits for the child whose pipe closed and turns what it sent into its result.
std::string finish(Running& r) {
  ::close(r.fd);
  int status = 0;
  while (::waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    throw ChildFailed(std::string("child killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                      strsignal(WTERMSIG(status)) + ")");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || r.bytes.empty())
    throw ChildFailed("child ended with status " + std::to_string(WEXITSTATUS(status)) + " before its result");
  if (r.bytes[0] == kError) throw ChildFailed(r.bytes.substr(1));
  if (r.bytes[0] == kInvalid) throw ChildRejectedInput(r.bytes.substr(1));
  return r.bytes.substr(1);
}

void stop_all(std::map<std::size_t, Running>& running) {
  for (auto& [i, r] : running) {
    ::kill(r.pid, SIGKILL);
    ::close(r.fd);
    int status = 0;
    while (::waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  running.clear();
}

}  // namespace

std::string in_child(const ChildWork& work) {
  Running r = start(work);
  while (read_some(r)) {
  }
  return finish(r);
}

void in_children(std::size_t count, int parallel, const std::function<std::string(std::size_t)>& work,
                 const std::function<void(std::size_t, std::string)>& done) {
  std::map<std::size_t, Running> running;
  std::size_t next = 0;
  try {
    while (next < count || !running.empty()) {
      while (next < count && static_cast<int>(running.size()) < std::max(parallel, 1)) {
        const std::size_t i = next++;
        running.emplace(i, start([&work, i] { return work(i); }));
      }
      std::vector<pollfd> fds;
      std::vector<std::size_t> items;
      for (const auto& [i, r] : running) {
        fds.push_back({r.fd, POLLIN, 0});
        items.push_back(i);
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        throw ChildFailed(std::string("poll: ") + std::strerror(errno));
      }
      for (std::size_t k = 0; k < fds.size(); ++k) {
        if (!fds[k].revents) continue;
        if (read_some(running.at(items[k]))) continue;
        Running ended = std::move(running.at(items[k]));
        running.erase(items[k]);  // reaped by finish() whatever it throws
        done(items[k], finish(ended));
      }
    }
  } catch (...) {
    stop_all(running);
    throw;
  }
}

}  // namespace bcmhil::diagnosis
