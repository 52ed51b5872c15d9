// Issue 9, "processes that clean up": campaign under real signals and a real time limit, with
// real child processes. A scenario clocked every cycle (--clock step) runs at ~3x real time, so
// the 60 s flooded case keeps a child busy for ~20 s: long enough to be interrupted.
#include "e2e_support.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <fcntl.h>

namespace bcmhil::e2e {
namespace {

const std::string kE2eDir = BCMHIL_E2E_DIR;

// The pids whose parent is `parent` (from /proc/*/stat: "pid (comm) state ppid ...").
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  if (!proc) return found;
  while (const dirent* e = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    const std::string stat = slurp("/proc/" + std::string(e->d_name) + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent && state != 'Z') found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}

bool alive(pid_t pid) {
  const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
  const auto close = stat.rfind(')');
  return close != std::string::npos && stat.size() > close + 2 && stat[close + 2] != 'Z';
}

// Waits up to `seconds` for `pid` to end; its status (128+N for signal N), or -1 when it did not.
int wait_for(pid_t pid, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    int raw = 0;
    if (::waitpid(pid, &raw, WNOHANG) == pid) return status_of(raw);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

class CampaignProcesses : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    tmp_ = path("tmp");
    fs::create_directories(tmp_);
  }
  // bcmhil campaign as a process of its own, TMPDIR pointing into the test's folder so its work
  // folder can be watched; `ignore_sigint` starts it the way `cmd &` in a script does.
  pid_t start_campaign(const std::vector<std::string>& args, bool ignore_sigint = false) {
    std::vector<std::string> argv{BCMHIL_CLI, "campaign"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    const std::string log = path("campaign.log");
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::setenv("TMPDIR", tmp_.c_str(), 1);
      if (ignore_sigint) ::signal(SIGINT, SIG_IGN);
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      ::execv(raw[0], raw.data());
      ::_exit(127);
    }
    return pid;
  }
  std::vector<pid_t> wait_for_children(pid_t campaign, std::size_t count) {
    for (int i = 0; i < 500; ++i) {
      const auto kids = children_of(campaign);
      if (kids.size() >= count) return kids;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return children_of(campaign);
  }
  void expect_signal_cleans_up(int sig, bool ignore_sigint) {
    const auto campaign = start_campaign({scenario("flooded-bcm-hatch"), scenario("hinge-wire-broken"), "-j", "2",
                                          "--clock", "step", "--junit", path("c.xml")},
                                         ignore_sigint);
    const auto kids = wait_for_children(campaign, 2);
    ASSERT_EQ(kids.size(), 2u) << slurp(path("campaign.log"));
    EXPECT_EQ(entries(tmp_).size(), 1u);  // its work folder
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the children are simulating
    const auto signalled = std::chrono::steady_clock::now();
    ::kill(campaign, sig);
    const int status = wait_for(campaign, 20);
    if (status < 0) ::kill(campaign, SIGKILL), wait_for(campaign, 5);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
    EXPECT_EQ(status, 128 + sig) << slurp(path("campaign.log"));
    // The children obeyed the forwarded signal at once, not the SIGKILL that follows 5 s later.
    EXPECT_LT(took, 4.0) << "the signal did not reach the children";
    for (const pid_t kid : kids) EXPECT_FALSE(alive(kid)) << "child " << kid << " left behind";
    EXPECT_TRUE(entries(tmp_).empty()) << "work folder left behind";
    const auto log = slurp(path("campaign.log"));
    EXPECT_NE(log.find("INTERRUPTED"), std::string::npos) << log;
    // What it had is written down: both scenarios as interrupted errors.
    const auto xml = slurp(path("c.xml"));
    EXPECT_NE(xml.find("errors=\"2\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("<error type=\"interrupted\""), std::string::npos) << xml;
  }
  std::string tmp_;
};

TEST_F(CampaignProcesses, SigtermReachesTheChildrenAndTheWorkFolderGoes) { expect_signal_cleans_up(SIGTERM, false); }

TEST_F(CampaignProcesses, CtrlCReachesTheChildrenAndTheWorkFolderGoes) { expect_signal_cleans_up(SIGINT, false); }

// Started in the background by a script, SIGINT is ignored: the children must still obey it.
TEST_F(CampaignProcesses, CtrlCWorksForACampaignStartedInTheBackground) { expect_signal_cleans_up(SIGINT, true); }

TEST_F(CampaignProcesses, ATimedOutScenarioIsAnErrorWithItsTime) {
  write("quick.yaml", "name: quick\nduration: 0.2 s\nexpect:\n  - {signal: hatch.open, during: [0 s, 0.2 s], never: true}\n");
  const auto started = std::chrono::steady_clock::now();
  const auto campaign = start_campaign({scenario("flooded-bcm-hatch"), path("quick.yaml"), "-j", "2", "--clock", "step",
                                        "--timeout", "3", "--junit", path("c.xml")});
  const int status = wait_for(campaign, 30);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto log = slurp(path("campaign.log"));
  ASSERT_EQ(status, 2) << log;
  EXPECT_LT(wall, 15.0) << "the 60 s scenario at ~3x real time was not stopped";
  EXPECT_NE(log.find("TIMEOUT      flooded-bcm-hatch.yaml"), std::string::npos) << log;
  EXPECT_NE(log.find("timed out after"), std::string::npos) << log;
  EXPECT_NE(log.find("1 passed, 0 failed, 1 errors"), std::string::npos) << log;
  EXPECT_TRUE(entries(tmp_).empty());
  const auto r = python(kE2eDir + "/junit_check.py", path("c.xml"));
  ASSERT_EQ(r.status, 0) << r.out;
  const auto x = nlohmann::json::parse(r.out);
  EXPECT_EQ(x["errors"], 1);
  const auto& slow = x["suites"][0];
  EXPECT_EQ(slow["cases"][0]["results"][0]["type"], "timeout");
  EXPECT_GE(slow["time"].get<double>(), 3.0);
  EXPECT_LT(slow["time"].get<double>(), 6.0);
  EXPECT_EQ(x["suites"][1]["errors"], 0);
}

}  // namespace
}  // namespace bcmhil::e2e
