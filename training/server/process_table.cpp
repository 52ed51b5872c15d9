#include "process_table.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace bcmhil::training::server {

namespace {

// The fields of /proc/<pid>/stat after "pid (comm) ": the name may hold spaces and parentheses,
// so the rest starts after the last ')'. Nothing when the process is gone.
std::optional<std::string> stat_after_name(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  const auto close = line.rfind(')');
  if (close == std::string::npos || line.size() < close + 3) return std::nullopt;
  return line.substr(close + 2);
}

}  // namespace

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (const dirent* e = readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    const auto rest = stat_after_name(e->d_name);
    if (!rest) continue;
    std::istringstream fields(*rest);
    char state = 0;
    pid_t ppid = 0;
    fields >> state >> ppid;
    if (ppid == parent && state != 'Z') out.push_back(pid);
  }
  closedir(proc);
  return out;
}

bool process_alive(pid_t pid) {
  const auto rest = stat_after_name(std::to_string(pid));
  return rest && (*rest)[0] != 'Z';
}

double process_cpu_s(pid_t pid) {
  const auto rest = stat_after_name(std::to_string(pid));
  if (!rest) return 0;
  std::istringstream fields(*rest);
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {  // field 3 is the state (proc(5))
    if (i == 14) utime = std::stod(field);
    if (i == 15) stime = std::stod(field);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace bcmhil::training::server
