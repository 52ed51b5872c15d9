#include "junit_report.h"

#include <cstdio>

namespace bcmhil::report {

std::string xml_escape(const std::string& text) {
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

void write_junit(std::ostream& out, const std::vector<JunitEntry>& entries) {
  int tests = 0, failures = 0, errors = 0;
  double time = 0;
  for (const auto& e : entries) {
    if (!e.result) {
      ++tests, ++errors;
      continue;
    }
    time += e.result->wall_time_s;
    for (const auto& r : e.result->expectations) {
      ++tests;
      failures += r.passed ? 0 : 1;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", time);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"bcmhil\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"" << errors
      << "\" time=\"" << buf << "\">\n";
  for (const auto& e : entries) {
    if (!e.result) {
      out << "  <testsuite name=\"" << xml_escape(e.scenario_file) << "\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
          << "    <testcase classname=\"" << xml_escape(e.scenario_file) << "\" name=\"scenario is valid\">\n"
          << "      <error message=\"" << xml_escape(e.error) << "\"/>\n    </testcase>\n  </testsuite>\n";
      continue;
    }
    const auto& r = *e.result;
    int suite_failures = 0;
    for (const auto& x : r.expectations) suite_failures += x.passed ? 0 : 1;
    std::snprintf(buf, sizeof buf, "%.3f", r.wall_time_s);
    out << "  <testsuite name=\"" << xml_escape(r.scenario_name) << "\" tests=\"" << r.expectations.size()
        << "\" failures=\"" << suite_failures << "\" errors=\"0\" time=\"" << buf << "\" file=\""
        << xml_escape(r.scenario_file) << "\">\n";
    for (const auto& x : r.expectations) {
      out << "    <testcase classname=\"" << xml_escape(r.scenario_name) << "\" name=\""
          << xml_escape(x.expectation->name) << "\" file=\"" << xml_escape(x.expectation->where.file) << "\" line=\""
          << x.expectation->where.line << "\"";
      if (x.passed) {
        out << "/>\n";
      } else {
        out << ">\n      <failure message=\"" << xml_escape("observed " + x.observed + ", expected " + x.expected)
            << "\">" << xml_escape(x.expectation->where.str() + ": " + x.expectation->signal) << "</failure>\n"
            << "    </testcase>\n";
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace bcmhil::report
