#include "junit_report.h"

#include "bench/output/utf8.h"

#include <cstdio>

namespace bcmhil::report {

namespace {

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", s);
  return text;
}

struct Counts {
  int tests = 0, failures = 0, errors = 0;
  void add(const JunitSuite& s) {
    for (const auto& c : s.cases) {
      ++tests;
      failures += c.outcome == JunitCase::Outcome::failure ? 1 : 0;
      errors += c.outcome == JunitCase::Outcome::error ? 1 : 0;
    }
  }
  std::string attributes() const {
    return "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\"";
  }
};

void write_case(std::ostream& out, const std::string& classname, const JunitCase& c) {
  out << "    <testcase classname=\"" << xml_escape(classname) << "\" name=\"" << xml_escape(c.name) << "\" time=\""
      << seconds(c.time_s) << "\"";
  if (!c.file.empty()) out << " file=\"" << xml_escape(c.file) << "\"";
  if (c.line > 0) out << " line=\"" << c.line << "\"";
  if (c.outcome == JunitCase::Outcome::passed) {
    out << "/>\n";
    return;
  }
  const char* tag = c.outcome == JunitCase::Outcome::failure ? "failure" : "error";
  out << ">\n      <" << tag << " type=\"" << xml_escape(c.type) << "\" message=\"" << xml_escape(c.message) << "\">"
      << xml_escape(c.text) << "</" << tag << ">\n    </testcase>\n";
}

}  // namespace

std::string xml_escape(const std::string& raw) {
  const std::string text = output::to_valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0, even escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += static_cast<char>(c);
    }
  }
  return out;
}

JunitSuite junit_suite(const runner::RunResult& result, const std::string& timestamp, const std::string& hostname) {
  JunitSuite suite{result.scenario_name, result.scenario_file, timestamp, hostname, result.wall_time_s, {}};
  JunitCase runs;
  runs.name = "scenario runs";
  runs.time_s = result.wall_time_s;
  runs.file = result.scenario_file;
  suite.cases.push_back(runs);
  for (const auto& x : result.expectations) {
    JunitCase c;
    c.name = x.expectation->name;
    c.file = x.expectation->where.file;
    c.line = x.expectation->where.line;
    // Judged on the recording after the run: no time of its own beyond the run's.
    if (!x.passed) {
      c.outcome = JunitCase::Outcome::failure;
      c.type = scenario::to_string(x.expectation->check);
      c.message = "observed " + x.observed + ", expected " + x.expected;
      c.text = x.expectation->where.str() + ": " + x.expectation->signal;
    }
    suite.cases.push_back(c);
  }
  return suite;
}

JunitSuite junit_error_suite(const std::string& scenario_file, const std::string& type, const std::string& message,
                             const std::string& details, double time_s, const std::string& timestamp,
                             const std::string& hostname) {
  JunitCase c;
  c.name = "scenario runs";
  c.outcome = JunitCase::Outcome::error;
  c.time_s = time_s;
  c.type = type;
  c.message = message;
  c.text = details;
  c.file = scenario_file;
  return {scenario_file, scenario_file, timestamp, hostname, time_s, {c}};
}

void write_junit(std::ostream& out, const std::string& name, const std::vector<JunitSuite>& suites) {
  Counts total;
  double time = 0;
  for (const auto& s : suites) total.add(s), time += s.time_s;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" << xml_escape(name) << "\" "
      << total.attributes() << " time=\"" << seconds(time) << "\">\n";
  for (const auto& s : suites) {
    Counts counts;
    counts.add(s);
    out << "  <testsuite name=\"" << xml_escape(s.name) << "\" " << counts.attributes() << " skipped=\"0\" time=\""
        << seconds(s.time_s) << "\" timestamp=\"" << xml_escape(s.timestamp) << "\" hostname=\""
        << xml_escape(s.hostname) << "\" file=\"" << xml_escape(s.file) << "\">\n";
    for (const auto& c : s.cases) write_case(out, s.name, c);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace bcmhil::report
