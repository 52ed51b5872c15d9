#include "node_reader.h"

#include "bench/yaml/strict_yaml.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace bcmhil::scenario {

NodeReader::NodeReader(std::string origin, Thrower thrower) : origin_(std::move(origin)), thrower_(std::move(thrower)) {}

Location NodeReader::at(const YAML::Node& node) const {
  const auto mark = node.Mark();
  if (mark.is_null()) return {origin_, 0, 0};
  return {origin_, mark.line + 1, mark.column + 1};
}

YAML::Node NodeReader::load(const std::string& text) const {
  try {
    return yaml::load_single_document(text);
  } catch (const yaml::StrictYamlError& e) {
    thrower_({origin_, e.line(), e.column()}, e.what());
    throw std::logic_error(std::string("NodeReader's thrower returned for: ") + e.what());
  }
}

void NodeReader::fail(const YAML::Node& node, const std::string& message) const {
  thrower_(at(node), message);
  // A thrower that returns would let the parser go on with a bad value.
  throw std::logic_error("NodeReader's thrower returned for: " + message);
}

void NodeReader::expect_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                             const std::string& what) const {
  if (!map.IsMap()) fail(map, what + " must be a mapping of key: value");
  for (const auto& item : map) {
    const auto key = text(item.first, "a key of " + what);
    if (allowed.count(key)) continue;
    std::string known;
    for (const auto& a : allowed) known += (known.empty() ? "" : ", ") + a;
    fail(item.first, "unknown key '" + key + "' in " + what + " (known: " + known + ")");
  }
}

YAML::Node NodeReader::need(const YAML::Node& map, const char* key, const std::string& what) const {
  const auto node = map[key];
  if (!node) fail(map, what + " needs '" + key + "'");
  return node;
}

std::string NodeReader::text(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, what + " must be a single value");
  return node.Scalar();
}

double NodeReader::quantity(const YAML::Node& node, Dimension dimension, const std::string& what) const {
  const auto q = parse_quantity(text(node, what), dimension);
  if (!q || !std::isfinite(q->value)) fail(node, what + ": '" + node.Scalar() + "' is not a number with a known unit");
  if (q->dimension != dimension)
    fail(node, what + ": expected a value in " + unit_of(dimension) + ", got '" + node.Scalar() + "'");
  return q->value;
}

sc_core::sc_time NodeReader::time(const YAML::Node& node, const std::string& what, double longest_s,
                                  const std::string& too_long) const {
  const double seconds = quantity(node, Dimension::time, what);
  if (seconds < 0) fail(node, what + " must not be negative");
  if (seconds > longest_s) fail(node, what + ": '" + node.Scalar() + "' " + too_long);
  return sc_core::sc_time(std::round(seconds * 1e6), sc_core::SC_US);
}

bool NodeReader::boolean(const YAML::Node& node, const std::string& what) const {
  const auto value = text(node, what);
  if (value == "true" || value == "on" || value == "yes") return true;
  if (value == "false" || value == "off" || value == "no") return false;
  fail(node, what + " must be true/false (or on/off), got '" + value + "'");
}

long NodeReader::integer(const YAML::Node& node, const std::string& what, long min, long max) const {
  const auto value = text(node, what);
  char* end = nullptr;
  const long n = std::strtol(value.c_str(), &end, 0);
  if (value.empty() || *end != '\0') fail(node, what + " must be a whole number, got '" + value + "'");
  if (n < min || n > max) fail(node, what + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  return n;
}

}  // namespace bcmhil::scenario
