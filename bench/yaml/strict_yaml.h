#pragma once
// yaml-cpp accepts more than a configuration file should: a key given twice in one mapping (it
// keeps the first and drops the second without a word), a second document after `---` (YAML::Load
// reads the first only), bytes that are not UTF-8. Each would make the program act on something
// other than what the file says, so every parser of a user's YAML loads it through here.
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>

namespace bcmhil::yaml {

// What is wrong with the text, where (1-based line and column). what() is the message alone;
// each parser puts its own file name in front.
class StrictYamlError : public std::runtime_error {
 public:
  StrictYamlError(int line, int column, const std::string& message);
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

// The one document of `text` (a null node for an empty file). Throws StrictYamlError for a
// byte that is not UTF-8 or a control character, a YAML syntax error, a key given twice in one
// mapping (at the second), or a second document (at its start). Messages are printable().
YAML::Node load_single_document(const std::string& text);

}  // namespace bcmhil::yaml
