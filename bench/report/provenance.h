#pragma once
// Where a report came from: which build of bcmhil, on which machine, when. Written into the HTML
// report and the JUnit file so an artefact found later can be traced back to its code.
#include <chrono>
#include <string>

namespace bcmhil::report {

// PROJECT_VERSION from CMake, e.g. "0.1.0".
std::string tool_version();
// `git describe --always --dirty` at configure time; "unknown" when built outside a checkout.
std::string git_commit();
// The machine's host name (gethostname), "localhost" when it has none.
std::string host_name();
// ISO 8601 in UTC to the second: "2026-11-27T10:05:00Z".
std::string iso8601_utc(std::chrono::system_clock::time_point when);

}  // namespace bcmhil::report
