#pragma once
// What /proc says about other processes: the children of one, whether one still runs, the CPU one
// has used. For the load generator's CPU figures and for the tests that check `bcmhil train`
// leaves no session child behind (tests/e2e/training_server): one reading of /proc/<pid>/stat.
#include <sys/types.h>

#include <vector>

namespace bcmhil::training::server {

// The processes whose parent is `parent`, zombies (exited, not yet reaped) left out.
std::vector<pid_t> children_of(pid_t parent);

// The process exists and is not a zombie.
bool process_alive(pid_t pid);

// utime + stime of a process (all its threads), in seconds; 0 when it is gone.
double process_cpu_s(pid_t pid);

}  // namespace bcmhil::training::server
