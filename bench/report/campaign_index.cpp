#include "campaign_index.h"

#include "junit_report.h"  // xml_escape
#include "provenance.h"

#include <cstdio>

namespace bcmhil::report {

void write_campaign_index(std::ostream& out, const std::vector<IndexRow>& rows,
                          std::chrono::system_clock::time_point written) {
  int passed = 0;
  for (const auto& r : rows) passed += r.verdict == "pass" ? 1 : 0;
  out << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>bcmhil campaign</title>\n<style>"
         "body{font-family:sans-serif;margin:24px;color:#222} td,th{padding:3px 10px;text-align:left}"
         " .pass{color:#2e7d32;font-weight:bold} .bad{color:#c62828;font-weight:bold} .meta{color:#666;font-size:90%}"
         "</style></head><body>\n<h1>bcmhil campaign: "
      << passed << " of " << rows.size() << " passed</h1>\n<p class='meta'>bcmhil " << xml_escape(tool_version())
      << ", commit " << xml_escape(git_commit()) << ", written " << iso8601_utc(written) << " on "
      << xml_escape(host_name()) << "</p>\n<table><tr><th>verdict</th><th>scenario</th><th>file</th>"
      << "<th>expectations held</th><th>wall s</th></tr>\n";
  for (const auto& r : rows) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.3f", r.wall_s);
    out << "<tr><td class='" << (r.verdict == "pass" ? "pass" : "bad") << "'>" << xml_escape(r.verdict) << "</td><td>";
    if (r.report_href.empty()) out << xml_escape(r.name);
    else out << "<a href='" << xml_escape(r.report_href) << "'>" << xml_escape(r.name) << "</a>";
    out << "</td><td>" << xml_escape(r.scenario_file) << "</td><td>";
    if (r.note.empty()) out << r.held << "/" << r.expectations;
    else out << xml_escape(r.note);
    out << "</td><td>" << wall << "</td></tr>\n";
  }
  out << "</table>\n</body></html>\n";
}

}  // namespace bcmhil::report
