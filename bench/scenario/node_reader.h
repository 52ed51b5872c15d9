#pragma once
// Reading a user's YAML file key by key, the same way in every parser (scenarios, the test
// catalogue, the fault variants, training exercises): unknown keys named with the known ones,
// values checked for their kind and unit, every complaint at the file:line:column of the node it
// is about. Each parser says which exception its complaints become, so callers keep catching the
// error type of the file they asked for; `load` reads the file's text with the same promise.
#include "quantity.h"
#include "scenario.h"

#include <yaml-cpp/yaml.h>

#include <systemc>

#include <functional>
#include <set>
#include <string>

namespace bcmhil::scenario {

class NodeReader {
 public:
  // Turns a complaint into the parser's exception; it must throw.
  using Thrower = std::function<void(const Location& where, const std::string& message)>;

  NodeReader(std::string origin, Thrower thrower);

  const std::string& origin() const { return origin_; }
  // The one document of `text` through the strict loader (bench/yaml/strict_yaml.h): a byte that is
  // not UTF-8, a syntax error, a key given twice or a second document becomes the parser's own
  // exception at its origin:line:column, like every other complaint of this reader.
  YAML::Node load(const std::string& text) const;
  Location at(const YAML::Node& node) const;  // line and column 0 where yaml-cpp has no mark
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  // A mapping whose keys are all among `allowed`; `what` names it in the message ("a fob").
  void expect_keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& what) const;
  // map[key], which must be there.
  YAML::Node need(const YAML::Node& map, const char* key, const std::string& what) const;

  std::string text(const YAML::Node& node, const std::string& what) const;  // a scalar
  // A finite number in `dimension` ("12.6 V", "10 kohm"; a bare number is taken in its SI unit).
  double quantity(const YAML::Node& node, Dimension dimension, const std::string& what) const;
  // A time from 0 to `longest_s`, in whole microseconds (the module clock's unit: finer times would
  // fall between cycles). Past the limit the message is "what: 'text' " + `too_long`
  // ("is absurd (at most 24 h)").
  sc_core::sc_time time(const YAML::Node& node, const std::string& what, double longest_s,
                        const std::string& too_long) const;
  bool boolean(const YAML::Node& node, const std::string& what) const;  // true/false, on/off, yes/no
  long integer(const YAML::Node& node, const std::string& what, long min, long max) const;

 private:
  std::string origin_;
  Thrower thrower_;
};

}  // namespace bcmhil::scenario
