#include "reading_entry.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bcmhil::diagnosis {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

}  // namespace

Reading parse_entry(const CatalogueTest& test, const std::string& entered) {
  const std::string text = trim(entered);
  if (text.empty()) throw EntryError("no reading entered for " + test.id);
  // A class by its name.
  for (std::size_t i = 0; i < test.classes.size(); ++i)
    if (lower(text) == lower(test.classes[i].name)) return {std::nan(""), static_cast<int>(i)};
  const std::string l = lower(text);
  if (l == "ol" || l == "none" || l == "-" || l == "no answer") return {std::nan(""), test.classify(std::nan(""))};
  if (test.unit == "yes/no" && (l == "yes" || l == "no")) {
    const double raw = l == "yes" ? 1 : 0;
    return {raw, test.classify(raw)};
  }
  char* end = nullptr;
  const double raw = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(raw))
    throw EntryError("'" + text + "' is neither a number nor an outcome of " + test.id);
  std::string unit = trim(end);
  if (!unit.empty() && lower(unit) != lower(test.unit) && !(lower(unit) == "ohms" && test.unit == "ohm"))
    throw EntryError("'" + text + "': " + test.id + " reads in " + (test.unit.empty() ? "no unit" : test.unit) +
                     ", not " + unit);
  const Range range = test.range();
  if (!range.contains(raw))
    throw EntryError(number(raw) + (test.unit.empty() ? "" : " " + test.unit) + " is outside what " + test.id +
                     " can show: " + number(range.lo) + " to " + number(range.hi) +
                     (test.unit.empty() ? "" : " " + test.unit));
  return {raw, test.classify(raw)};
}

}  // namespace bcmhil::diagnosis
