#include "provenance.h"

#include <unistd.h>

#include <ctime>

namespace bcmhil::report {

std::string tool_version() { return BCMHIL_VERSION; }

std::string git_commit() { return BCMHIL_GIT_COMMIT; }

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

std::string iso8601_utc(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace bcmhil::report
