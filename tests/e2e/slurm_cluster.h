#pragma once
// A real one-node Slurm cluster on 127.0.0.1, from Debian's packages (munge, slurmctld, slurmd,
// slurm-client), private to one test: its slurm.conf, munge key, state, spool, logs and sockets in
// the test's temporary folder, ports picked free. The daemons run in the foreground as children of
// the test (as root: slurmd launches jobs as their user), are stopped by pid in the destructor
// (SIGTERM, SIGKILL after a grace time) whatever way the test ends, and die with the test process
// if it is killed (PR_SET_PDEATHSIG). Clients (sbatch, squeue, scontrol) find it through SLURM_CONF.
#include "child_process.h"
#include "e2e_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <fstream>
#include <map>
#include <random>

namespace bcmhil::e2e {

class SlurmCluster {
 public:
  // Why this machine cannot run the cluster (a program missing, not root), or "" when it can.
  static std::string missing() {
    for (const char* program : {"/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
                                "/usr/bin/squeue", "/usr/bin/scontrol", "/usr/bin/sinfo"})
      if (::access(program, X_OK) != 0)
        return std::string(program) + " is not installed (Debian: munge slurmctld slurmd slurm-client, in ci/packages.txt)";
    if (::geteuid() != 0) return "the Slurm daemons must run as root (slurmd starts jobs as their user)";
    return "";
  }

  explicit SlurmCluster(fs::path dir) : dir_(std::move(dir)) {}
  ~SlurmCluster() { stop(); }
  SlurmCluster(const SlurmCluster&) = delete;
  SlurmCluster& operator=(const SlurmCluster&) = delete;

  // Writes the configuration, starts munged, slurmctld and slurmd, waits until the node is idle.
  // False (with the reason in error()) when it does not come up within `limit`.
  bool start(std::chrono::seconds limit) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    host_ = std::string(host).substr(0, std::string(host).find('.'));
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);  // munged wants its socket reachable
    fs::create_directories(dir_ / "state");
    fs::create_directories(dir_ / "spool");
    write_munge_key();
    write_config();
    daemons_.push_back(launch("munged", {"/usr/sbin/munged", "--foreground", "--force", "--socket=" + file("munge.socket"),
                                         "--key-file=" + file("munge.key"), "--pid-file=" + file("munged.pid"),
                                         "--seed-file=" + file("munged.seed"), "--log-file=" + file("munged.log")}));
    if (!until(limit, [&] { return fs::exists(dir_ / "munge.socket"); })) return failed("munged made no socket");
    daemons_.push_back(launch("slurmctld", {"/usr/sbin/slurmctld", "-D", "-i", "-f", file("slurm.conf")}));
    daemons_.push_back(launch("slurmd", {"/usr/sbin/slurmd", "-D", "-f", file("slurm.conf"), "-N", host_}));
    if (!until(limit, [&] { return client("sinfo -h -o %T -n " + host_).out.find("idle") == 0; }))
      return failed("the node did not become idle: " + client("sinfo -h -o %T -n " + host_).out);
    return true;
  }

  // A Slurm client command (sbatch, squeue, ...) against this cluster, limited to 30 s.
  Outcome client(const std::string& command, const std::string& env = "") const {
    return shell("env SLURM_CONF=" + file("slurm.conf") + " " + env + " timeout 30 " + command);
  }

  // Submits a batch script; the job id, or -1 (error() says why).
  long submit(const std::string& options, const std::string& script_and_args, const std::string& env = "") {
    const auto r = client("sbatch --parsable " + options + " " + script_and_args, env);
    if (r.status != 0) return failed("sbatch: " + r.out), -1;
    submitted_.push_back(std::atol(r.out.c_str()));
    return submitted_.back();
  }

  // Waits until no task of the job is pending or running; then each array task's state and exit
  // code by task id ({0: "COMPLETED 0:0"}). Empty (error() says why) on time out.
  std::map<int, std::string> wait(long job, std::chrono::seconds limit) {
    const std::string id = std::to_string(job);
    if (!until(limit, [&] {
          const auto q = client("squeue -h -r -j " + id + " -o %T");
          return q.status == 0 && q.out.find_first_not_of(" \n") == std::string::npos;
        }))
      return failed("job " + id + " still queued or running: " + client("squeue -r -j " + id).out), std::map<int, std::string>{};
    std::map<int, std::string> tasks;
    std::istringstream lines(client("scontrol -o show job " + id).out);
    for (std::string line; std::getline(lines, line);)
      tasks[std::atoi(field(line, "ArrayTaskId").c_str())] = field(line, "JobState") + " " + field(line, "ExitCode");
    return tasks;
  }

  // Every daemon's log, for a failure message.
  std::string logs() const {
    std::string text;
    for (const char* log : {"munged.out", "slurmctld.out", "slurmctld.log", "slurmd.out", "slurmd.log"})
      if (fs::exists(dir_ / log)) text += std::string("---- ") + log + "\n" + slurp(file(log));
    return text;
  }
  const std::string& error() const { return error_; }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // Cancels what is still queued, then stops the daemons in reverse order, each by its pid.
  void stop() {
    for (long job : submitted_) client("scancel " + std::to_string(job));
    for (long job : submitted_)
      until(std::chrono::seconds(10), [&] {
        return client("squeue -h -r -j " + std::to_string(job)).out.find_first_not_of(" \n") == std::string::npos;
      });
    submitted_.clear();
    // A finished job's slurmstepd still reports to slurmd; its socket in the spool folder goes last.
    until(std::chrono::seconds(10), [&] { return step_sockets() == 0; });
    for (auto it = daemons_.rbegin(); it != daemons_.rend(); ++it) {
      ::kill(*it, SIGTERM);
      if (bcmhil::testing::wait_exit(*it, std::chrono::seconds(10)) == -1)
        ADD_FAILURE() << "a Slurm daemon (pid " << *it << ") ignored SIGTERM for 10 s and was killed";
    }
    daemons_.clear();
  }

 private:
  bool failed(const std::string& why) {
    error_ = why;
    return false;
  }

  // slurmstepd's sockets ("host_12.4294967291" for a batch step) in the spool folder.
  int step_sockets() const {
    int count = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_ / "spool", ec))
      count += e.is_socket() ? 1 : 0;
    return count;
  }

  template <typename Ready>
  static bool until(std::chrono::seconds limit, Ready ready) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (ready()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return ready();
  }

  static std::string field(const std::string& line, const std::string& name) {
    const auto at = line.find(" " + name + "=");
    if (at == std::string::npos) return "?";
    const auto begin = at + name.size() + 2;
    return line.substr(begin, line.find(' ', begin) - begin);
  }

  // Two ports free on 127.0.0.1 now (held together so they differ); Slurm needs them in its file.
  static std::vector<int> free_ports(int count) {
    std::vector<int> sockets, ports;
    for (int i = 0; i < count; ++i) {
      const int s = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      socklen_t length = sizeof a;
      ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &length);
      sockets.push_back(s);
      ports.push_back(ntohs(a.sin_port));
    }
    for (int s : sockets) ::close(s);
    return ports;
  }

  void write_munge_key() {
    std::random_device random;
    std::string key(1024, '\0');
    for (auto& c : key) c = static_cast<char>(random());
    std::ofstream(file("munge.key"), std::ios::binary) << key;
    fs::permissions(file("munge.key"), fs::perms::owner_read);
  }

  // The smallest configuration slurmctld and slurmd accept for one node on loopback: no cgroups,
  // no accounting, no MPI; every path inside the test's folder.
  void write_config() {
    const auto ports = free_ports(2);
    std::ofstream conf(file("slurm.conf"));
    conf << "ClusterName=bcmhil-test\n"
         << "SlurmctldHost=" << host_ << "(127.0.0.1)\n"
         << "SlurmctldPort=" << ports[0] << "\nSlurmdPort=" << ports[1] << "\n"
         << "SlurmUser=root\nSlurmdUser=root\n"
         << "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" << file("munge.socket") << "\n"
         << "StateSaveLocation=" << file("state") << "\nSlurmdSpoolDir=" << file("spool") << "\n"
         << "SlurmctldPidFile=" << file("slurmctld.pid") << "\nSlurmdPidFile=" << file("slurmd.pid") << "\n"
         << "SlurmctldLogFile=" << file("slurmctld.log") << "\nSlurmdLogFile=" << file("slurmd.log") << "\n"
         << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n"
         << "AccountingStorageType=accounting_storage/none\nMpiDefault=none\n"
         << "SchedulerType=sched/builtin\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n"
         << "ReturnToService=2\nSlurmdParameters=config_overrides\nMinJobAge=600\n"
         // Four slots whatever the machine (config_overrides): every task of a test's small array
         // starts in the first scheduling pass instead of waiting seconds for the next one.
         << "NodeName=" << host_ << " NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN\n"
         << "PartitionName=local Nodes=" << host_ << " Default=YES MaxTime=10 State=UP\n";
  }

  // fork + exec in the foreground, output to NAME.out; dies with the test process.
  pid_t launch(const std::string& name, std::vector<std::string> argv) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const std::string out = file(name + ".out");
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);  // the test already died
      const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::setenv("SLURM_CONF", file("slurm.conf").c_str(), 1);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    return pid;
  }

  fs::path dir_;
  std::string host_;
  std::string error_;
  std::vector<pid_t> daemons_;
  std::vector<long> submitted_;
};

}  // namespace bcmhil::e2e
