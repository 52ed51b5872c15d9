// One process per link: flock(2) on PATH.lock. A live holder refuses the next claim with its pid
// and command line; a dead holder's lock is gone with it (the kernel releases flock locks when
// the last descriptor closes, also on SIGKILL), so its leftovers are taken over.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "link_claim.h"
#include "serial_line.h"

namespace bcmhil::transport {
namespace {

std::string temp_dir() {
  char templ[] = "/tmp/bcmhil-claim-XXXXXX";
  const char* d = ::mkdtemp(templ);
  return d ? d : "/tmp";
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

TEST(LinkClaim, SecondClaimIsRefusedNamingTheHolder) {
  const auto link = temp_dir() + "/kline";
  LinkClaim first(link);
  EXPECT_EQ(first.lock_path(), link + ".lock");
  try {
    LinkClaim second(link);
    FAIL() << "claimed twice";
  } catch (const LinkClaimError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(link + " is in use by pid " + std::to_string(::getpid())), std::string::npos) << what;
    EXPECT_NE(what.find("link_claim"), std::string::npos) << what;  // our command line
  }
}

TEST(LinkClaim, ReleaseRemovesTheLockAndFreesTheLink) {
  const auto link = temp_dir() + "/kline";
  { LinkClaim c(link); }
  EXPECT_FALSE(exists(link + ".lock"));
  EXPECT_NO_THROW(LinkClaim again(link));
}

TEST(LinkClaim, LeftoverLockFileOfADeadProcessIsTakenOver) {
  const auto link = temp_dir() + "/kline";
  std::ofstream(link + ".lock") << "pid 1: long gone\n";
  EXPECT_NO_THROW(LinkClaim c(link));
}

// A holder killed with SIGKILL (no destructor runs): util-linux flock(1) holds the same kind of
// lock our claim takes.
TEST(LinkClaim, AKilledHolderFreesTheLink) {
  const auto link = temp_dir() + "/kline";
  const std::string pid_file = link + ".holder";
  // The holder writes its pid only once it holds the lock (--no-fork: flock(1) execs the shell,
  // which execs sleep: one process, the pid below, holds it). No probing before: a probe holding
  // the lock for a moment would make flock -n give up.
  const std::string cmd = "flock --no-fork -n " + link + ".lock sh -c 'echo $$ > " + pid_file +
                          ".tmp && mv " + pid_file + ".tmp " + pid_file + " && exec sleep 30' &";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  int pid = 0;
  for (int i = 0; i < 250 && pid <= 0; ++i) {
    std::ifstream(pid_file) >> pid;
    if (pid <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(pid, 0);
  EXPECT_THROW(LinkClaim held(link), LinkClaimError);
  ::kill(pid, SIGKILL);
  bool claimed = false;
  for (int i = 0; i < 100 && !claimed; ++i) {  // the kernel drops the lock as the process exits
    try {
      LinkClaim c(link);
      claimed = true;
    } catch (const LinkClaimError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  EXPECT_TRUE(claimed);
}

// The pty side: a second PseudoTerminal on a live link is refused and leaves the first's link
// alone, also when it is destroyed.
TEST(LinkClaim, SecondPtyOnALiveLinkLeavesItAlone) {
  const auto link = temp_dir() + "/kline";
  PseudoTerminal first(link);
  try {
    PseudoTerminal second(link);
    FAIL() << "two ptys on one link";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("is in use by"), std::string::npos) << e.what();
  }
  char target[256] = {};
  ASSERT_GT(::readlink(link.c_str(), target, sizeof target - 1), 0);
  EXPECT_EQ(first.slave_name(), target);
}

TEST(LinkClaim, StaleLinkOfAKilledServerIsTakenOver) {
  const auto link = temp_dir() + "/kline";
  ASSERT_EQ(::symlink("/dev/pts/9999", link.c_str()), 0);  // what a SIGKILLed serve leaves
  std::ofstream(link + ".lock") << "pid 1: bcmhil serve\n";
  PseudoTerminal pty(link);
  char target[256] = {};
  ASSERT_GT(::readlink(link.c_str(), target, sizeof target - 1), 0);
  EXPECT_EQ(pty.slave_name(), target);
}

}  // namespace
}  // namespace bcmhil::transport
