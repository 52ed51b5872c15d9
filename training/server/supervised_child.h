#pragma once
// One supervised child process on the server's io_context: started by fork + exec with its stdin
// and stdout on pipes (read and written asynchronously through asio::posix::stream_descriptor),
// its stderr appended to a file. Lines the child writes on stdout are handed to on_line. When the
// child dies without being asked to (crash, kill), it is restarted with the resume arguments
// after a short pause, at most max_restarts times within restart_window; after that on_gave_up.
//
// No orphans: the child asks the kernel for SIGKILL when the thread that forked it ends
// (PR_SET_PDEATHSIG), so even a server killed with SIGKILL leaves no child behind; stop() closes
// its stdin (the session child exits 0 on EOF), gives it grace_period, then SIGKILLs and reaps it.
// Every pipe and file is close-on-exec and the child closes every other descriptor before exec,
// so no child holds another's pipes or the server's sockets.
#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bcmhil::training::server {

struct ChildCommand {
  std::string program;                     // what to exec ("/proc/self/exe": this very binary)
  std::vector<std::string> argv;           // argv[0] included, for the first start
  std::vector<std::string> resume_extra;   // appended to argv for every restart ("--resume")
  std::string stderr_path;                 // appended to, across restarts
};

struct RestartPolicy {
  int max_restarts = 5;                                   // within restart_window (chosen)
  std::chrono::milliseconds restart_window{60000};
  std::chrono::milliseconds restart_pause{200};
  std::chrono::milliseconds grace_period{2000};           // stop(): stdin closed, then SIGKILL
  std::size_t max_line_bytes = 4 * 1024 * 1024;           // a longer stdout line: the child is broken
  std::size_t max_queued_bytes = 1024 * 1024;             // unread stdin beyond this: the child is stuck
};

struct ChildEvents {
  std::function<void(std::string line)> on_line;          // one stdout line, without its '\n'
  std::function<void(const std::string& why)> on_died;    // died unasked (restart follows, or gave up)
  std::function<void(int restarts)> on_restarted;         // a resumed child runs
  std::function<void(const std::string& why)> on_gave_up; // no more restarts: the child stays dead
};

class SupervisedChild : public std::enable_shared_from_this<SupervisedChild> {
 public:
  SupervisedChild(boost::asio::io_context& io, ChildCommand command, ChildEvents events, RestartPolicy policy = {});
  ~SupervisedChild();  // a child still running is killed and reaped
  SupervisedChild(const SupervisedChild&) = delete;
  SupervisedChild& operator=(const SupervisedChild&) = delete;

  void start();                   // throws std::system_error when the child cannot be started
  void send(std::string line);    // '\n' appended; queued while a write is under way
  // Ends the child (stdin closed, SIGKILL after the grace period) and calls done once it is reaped.
  void stop(std::function<void()> done = {});
  // SIGKILL now (tests, and a server that stops hard); the death is handled like a crash.
  void kill_now();

  pid_t pid() const { return pid_; }
  int restarts() const { return restarts_; }
  bool running() const { return pid_ > 0; }
  bool stopping() const { return stopping_; }

 private:
  void spawn(bool resume);
  void read_line();
  void write_next();
  void on_ended(const std::string& why);
  void reap(int attempts_left, std::string why);
  void after_reaped(const std::string& why);

  boost::asio::io_context& io_;
  ChildCommand command_;
  ChildEvents events_;
  RestartPolicy policy_;
  boost::asio::posix::stream_descriptor stdin_;
  boost::asio::posix::stream_descriptor stdout_;
  boost::asio::streambuf out_buffer_;
  boost::asio::steady_timer timer_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool ending_ = false;  // the current child's end is being handled
  unsigned generation_ = 0;  // which child a pending handler belongs to (one per spawn)
  pid_t pid_ = -1;
  int restarts_ = 0;
  std::deque<std::chrono::steady_clock::time_point> deaths_;
  bool stopping_ = false;
  std::function<void()> stopped_;
};

}  // namespace bcmhil::training::server
