#pragma once
// Reads back a JUnit file in the shape report::write_junit writes (<testsuites>, a <testsuite> per
// scenario, <testcase>s with an optional <failure> or <error>), with libxml2, so that merge can
// write the joined suites through the same writer one machine uses. Also returns the processing
// instructions before the root: a campaign shard carries its place in the whole run there, where
// every JUnit reader ignores it.
#include "bench/report/junit_report.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace bcmhil::scaleout {

class JunitReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // "file:line:col: message" or "file: message"
};

struct ProcessingInstruction {
  std::string target;
  std::map<std::string, std::string> attributes;  // its pseudo-attributes: name="value" ...
};

struct JunitFile {
  std::string name;  // <testsuites name=...>
  std::vector<report::JunitSuite> suites;
  std::vector<ProcessingInstruction> instructions;  // before the root element, in order
};

JunitFile read_junit(const std::string& path);

}  // namespace bcmhil::scaleout
