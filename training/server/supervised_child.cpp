#include "supervised_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace bcmhil::training::server {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                  strsignal(WTERMSIG(status)) + ")";
  return "status " + std::to_string(status);
}

void throw_errno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

// Between fork and exec: async-signal-safe calls only (the server may have other threads).
[[noreturn]] void become_child(int in, int out, int err, pid_t parent, const char* program, char* const* argv) {
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
  close_range(3, ~0U, 0);
  // The kernel kills us when the forking thread ends, however it ends: no orphans.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(126);  // the server died before prctl took hold
  // A process group of its own: Ctrl-C on the server's terminal reaches the server, which then
  // ends its children in order, instead of killing them all under it.
  setpgid(0, 0);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGCHLD, SIGHUP}) sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execv(program, argv);
  _exit(127);
}

}  // namespace

SupervisedChild::SupervisedChild(asio::io_context& io, ChildCommand command, ChildEvents events, RestartPolicy policy)
    : io_(io),
      command_(std::move(command)),
      events_(std::move(events)),
      policy_(policy),
      stdin_(io),
      stdout_(io),
      out_buffer_(policy.max_line_bytes),
      timer_(io) {}

SupervisedChild::~SupervisedChild() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

void SupervisedChild::start() {
  spawn(false);
  read_line();
}

void SupervisedChild::spawn(bool resume) {
  std::vector<std::string> args = command_.argv;
  if (resume) args.insert(args.end(), command_.resume_extra.begin(), command_.resume_extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) < 0) throw_errno("pipe2");
  if (pipe2(out, O_CLOEXEC) < 0) {
    close(in[0]);
    close(in[1]);
    throw_errno("pipe2");
  }
  int err = open(command_.stderr_path.empty() ? "/dev/null" : command_.stderr_path.c_str(),
                 O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (err < 0) err = open("/dev/null", O_WRONLY | O_CLOEXEC);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) become_child(in[0], out[1], err, parent, command_.program.c_str(), argv.data());
  const int fork_errno = errno;
  close(in[0]);
  close(out[1]);
  if (err >= 0) close(err);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    errno = fork_errno;
    throw_errno("fork");
  }
  pid_ = pid;
  ending_ = false;
  ++generation_;
  out_buffer_.consume(out_buffer_.size());
  stdin_.assign(in[1]);
  stdout_.assign(out[0]);
}

void SupervisedChild::read_line() {
  asio::async_read_until(stdout_, out_buffer_, '\n',
                         [self = shared_from_this(), gen = generation_](const error_code& ec, std::size_t n) {
                           if (gen != self->generation_) return;
                           if (ec) {
                             self->on_ended(ec == asio::error::eof ? "closed its output"
                                            : ec == asio::error::not_found
                                                ? "wrote a line longer than " +
                                                      std::to_string(self->policy_.max_line_bytes) + " bytes"
                                                : ec.message());
                             return;
                           }
                           const auto data = self->out_buffer_.data();
                           std::string line(asio::buffers_begin(data), asio::buffers_begin(data) + n - 1);
                           self->out_buffer_.consume(n);
                           if (self->events_.on_line) self->events_.on_line(std::move(line));
                           if (gen == self->generation_ && !self->ending_) self->read_line();
                         });
}

void SupervisedChild::send(std::string line) {
  if (pid_ <= 0 || ending_) return;
  line += '\n';
  queued_bytes_ += line.size();
  if (queued_bytes_ > policy_.max_queued_bytes) {  // it stopped reading: treat it as hung
    kill_now();
    return;
  }
  queue_.push_back(std::move(line));
  if (!writing_) write_next();
}

void SupervisedChild::write_next() {
  writing_ = true;
  asio::async_write(stdin_, asio::buffer(queue_.front()),
                    [self = shared_from_this(), gen = generation_](const error_code& ec, std::size_t) {
                      if (gen != self->generation_) return;
                      self->writing_ = false;
                      if (ec) return;  // the child is gone: the read side reports it
                      self->queued_bytes_ -= self->queue_.front().size();
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->write_next();
                    });
}

void SupervisedChild::kill_now() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
}

void SupervisedChild::stop(std::function<void()> done) {
  stopped_ = std::move(done);
  if (stopping_ && pid_ > 0) return;  // already on its way
  stopping_ = true;
  timer_.cancel();                    // a pending restart will not happen
  if (pid_ <= 0) {
    if (stopped_) asio::post(io_, std::exchange(stopped_, {}));
    return;
  }
  on_ended("stopped by the server");
}

void SupervisedChild::on_ended(const std::string& why) {
  if (ending_) return;
  ending_ = true;
  error_code ignored;
  stdin_.close(ignored);   // EOF on its stdin: the session child exits 0
  stdout_.close(ignored);
  queue_.clear();
  queued_bytes_ = 0;
  writing_ = false;
  const int polls = static_cast<int>(policy_.grace_period / std::chrono::milliseconds(20));
  reap(polls, why);
}

void SupervisedChild::reap(int polls_left, std::string why) {
  int status = 0;
  pid_t got;
  do {
    got = waitpid(pid_, &status, polls_left > 0 ? WNOHANG : 0);
    if (got == 0) break;
  } while (got < 0 && errno == EINTR);
  if (got == pid_ || got < 0) {
    after_reaped(got == pid_ ? why + " (" + describe_status(status) + ")" : why);
    return;
  }
  if (polls_left == 1) ::kill(pid_, SIGKILL);  // the grace period is over
  timer_.expires_after(std::chrono::milliseconds(20));
  timer_.async_wait([self = shared_from_this(), polls_left, why = std::move(why)](const error_code&) {
    self->reap(polls_left - 1, why);
  });
}

void SupervisedChild::after_reaped(const std::string& why) {
  pid_ = -1;
  if (stopping_) {
    if (stopped_) asio::post(io_, std::exchange(stopped_, {}));
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  deaths_.push_back(now);
  while (!deaths_.empty() && now - deaths_.front() > policy_.restart_window) deaths_.pop_front();
  if (events_.on_died) events_.on_died(why);
  if (static_cast<int>(deaths_.size()) > policy_.max_restarts) {
    if (events_.on_gave_up)
      events_.on_gave_up(why + "; " + std::to_string(deaths_.size()) + " deaths within " +
                         std::to_string(policy_.restart_window.count() / 1000) + " s, not restarted again");
    return;
  }
  timer_.expires_after(policy_.restart_pause * static_cast<int>(deaths_.size()));
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || self->stopping_) return;
    try {
      self->spawn(true);
    } catch (const std::exception& e) {
      if (self->events_.on_gave_up) self->events_.on_gave_up(std::string("cannot restart: ") + e.what());
      return;
    }
    ++self->restarts_;
    if (self->events_.on_restarted) self->events_.on_restarted(self->restarts_);
    self->read_line();
  });
}

}  // namespace bcmhil::training::server
