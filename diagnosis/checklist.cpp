#include "checklist.h"

#include <fstream>
#include <set>
#include <sstream>

namespace bcmhil::diagnosis {

Checklist parse_checklist(const std::string& text, const std::string& origin) {
  Checklist c;
  c.file = origin;
  std::istringstream in(text);
  std::string line;
  std::set<std::string> seen;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    const std::string id = line.substr(first, last - first + 1);
    if (id.find_first_of(" \t") != std::string::npos)
      throw ChecklistError(origin + ":" + std::to_string(number) + ": one test id per line, got '" + id + "'");
    if (!seen.insert(id).second)
      throw ChecklistError(origin + ":" + std::to_string(number) + ": test '" + id + "' is listed twice");
    c.ids.push_back(id);
    c.lines.push_back(number);
  }
  return c;
}

Checklist load_checklist(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ChecklistError(path + ": cannot read the checklist");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_checklist(text.str(), path);
}

std::string shipped_checklist_path() { return std::string(BCMHIL_DIAGNOSIS_DIR) + "/checklist/bc1-manual-order.txt"; }

std::vector<int> checklist_order(const Checklist& c, const Dictionary& d) {
  std::vector<int> order;
  std::set<int> listed;
  for (std::size_t i = 0; i < c.ids.size(); ++i) {
    const int t = d.test_index(c.ids[i]);
    if (t < 0)
      throw ChecklistError(c.file + ":" + std::to_string(c.lines[i]) + ": the dictionary has no test '" + c.ids[i] + "'");
    order.push_back(t);
    listed.insert(t);
  }
  for (std::size_t t = 0; t < d.tests.size(); ++t)
    if (!listed.count(static_cast<int>(t))) order.push_back(static_cast<int>(t));
  return order;
}

}  // namespace bcmhil::diagnosis
