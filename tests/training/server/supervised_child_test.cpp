// The supervisor (training/server/supervised_child.h) on small /bin/sh children: lines both
// ways, a killed child restarted with the resume arguments, giving up after too many deaths, and
// stop() leaving no process behind even when the child ignores its closed stdin.
#include "training/server/supervised_child.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>

namespace bcmhil::training::server {
namespace {

using namespace std::chrono_literals;

ChildCommand shell(const std::string& script, const std::string& stderr_path = "") {
  ChildCommand c;
  c.program = "/bin/sh";
  c.argv = {"sh", "-c", script, "sh"};
  c.resume_extra = {"--resume"};
  c.stderr_path = stderr_path;
  return c;
}

bool alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

RestartPolicy quick() {
  RestartPolicy p;
  p.restart_pause = 10ms;
  p.grace_period = 300ms;
  return p;
}

TEST(SupervisedChild, LinesBothWaysAndARestartWithResume) {
  boost::asio::io_context io;
  std::vector<std::string> lines;
  std::vector<std::string> deaths;
  int restarted = 0;
  ChildEvents events;
  std::shared_ptr<SupervisedChild> child;
  events.on_line = [&](std::string line) {
    lines.push_back(line);
    if (line == "ready ") child->send("hello");
    if (line == "got hello") child->kill_now();
    if (line == "ready --resume") child->stop([&] { io.stop(); });
  };
  events.on_died = [&](const std::string& why) { deaths.push_back(why); };
  events.on_restarted = [&](int n) { restarted = n; };
  child = std::make_shared<SupervisedChild>(io, shell("echo \"ready $1\"; while read l; do echo \"got $l\"; done"),
                                            events, quick());
  child->start();
  const pid_t first = child->pid();
  io.run_for(10s);
  ASSERT_EQ(lines, (std::vector<std::string>{"ready ", "got hello", "ready --resume"}));
  ASSERT_EQ(deaths.size(), 1u);
  EXPECT_NE(deaths[0].find("killed by signal 9"), std::string::npos) << deaths[0];
  EXPECT_EQ(restarted, 1);
  EXPECT_FALSE(child->running());
  EXPECT_FALSE(alive(first));
}

TEST(SupervisedChild, GivesUpAfterTooManyDeaths) {
  boost::asio::io_context io;
  std::string gave_up;
  int deaths = 0;
  ChildEvents events;
  events.on_died = [&](const std::string&) { ++deaths; };
  events.on_gave_up = [&](const std::string& why) {
    gave_up = why;
    io.stop();
  };
  RestartPolicy policy = quick();
  policy.max_restarts = 2;
  auto child = std::make_shared<SupervisedChild>(io, shell("exit 3"), events, policy);
  child->start();
  io.run_for(10s);
  EXPECT_EQ(deaths, 3);
  EXPECT_NE(gave_up.find("exit status 3"), std::string::npos) << gave_up;
  EXPECT_EQ(child->restarts(), 2);
}

TEST(SupervisedChild, StopKillsAChildThatIgnoresItsStdinAndKeepsItsStderr) {
  char pattern[] = "/tmp/bcmhil-child-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string err = std::string(pattern) + "/child.stderr";
  boost::asio::io_context io;
  bool stopped = false;
  ChildEvents events;
  std::shared_ptr<SupervisedChild> child;
  events.on_line = [&](std::string) { child->stop([&] { stopped = true; }); };
  events.on_died = [&](const std::string&) { ADD_FAILURE() << "a stop is not a death"; };
  // trap: SIGTERM would not end it either; only the supervisor's SIGKILL does.
  child = std::make_shared<SupervisedChild>(io, shell("trap '' TERM; echo oops >&2; echo up; exec sleep 60", err),
                                            events, quick());
  child->start();
  const pid_t pid = child->pid();
  const auto t0 = std::chrono::steady_clock::now();
  io.run_for(10s);
  EXPECT_TRUE(stopped);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  EXPECT_FALSE(alive(pid));
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "oops\n");
  std::filesystem::remove_all(pattern);
}

TEST(SupervisedChild, ALineOverTheLimitIsABrokenChild) {
  boost::asio::io_context io;
  std::string why;
  ChildEvents events;
  events.on_died = [&](const std::string& w) {
    why = w;
    io.stop();
  };
  RestartPolicy policy = quick();
  policy.max_line_bytes = 1000;
  auto child = std::make_shared<SupervisedChild>(io, shell("head -c 5000 /dev/zero; sleep 60"), events, policy);
  child->start();
  io.run_for(10s);
  EXPECT_NE(why.find("longer than 1000 bytes"), std::string::npos) << why;
}

}  // namespace
}  // namespace bcmhil::training::server

namespace bcmhil::training::server {
namespace {

// A server killed outright cannot stop its children: the kernel must (PR_SET_PDEATHSIG fires when
// the thread that forked the child ends). Here that thread simply ends, leaving its supervisor
// behind undestroyed, with a child that ignores its stdin's EOF.
TEST(SupervisedChild, TheKernelKillsTheChildWhenItsForkingThreadEnds) {
  pid_t pid = -1;
  std::thread forker([&pid] {
    auto* io = new boost::asio::io_context;  // leaked on purpose: no destructor may kill the child
    ChildEvents events;
    events.on_line = [io](std::string) { io->stop(); };
    auto* child = new std::shared_ptr<SupervisedChild>(
        std::make_shared<SupervisedChild>(*io, shell("echo up; exec sleep 60"), events, quick()));
    (*child)->start();
    pid = (*child)->pid();
    io->run_for(5s);  // until it is up: its PR_SET_PDEATHSIG is set before exec
  });
  forker.join();
  ASSERT_GT(pid, 0);
  int status = 0;
  pid_t got = 0;
  for (int i = 0; i < 200 && got == 0; ++i) {
    got = waitpid(pid, &status, WNOHANG);
    if (got == 0) std::this_thread::sleep_for(10ms);
  }
  if (got == 0) {
    ::kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "the child outlived the thread that started it";
  }
  ASSERT_EQ(got, pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

}  // namespace
}  // namespace bcmhil::training::server
