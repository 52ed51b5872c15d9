#pragma once
// The BC1's connectors as data: every pin of the 1 x 20-pin and 3 x 54-pin connectors, the model
// node it is (empty when not modelled), its signal name from the reference tables, what it does,
// and its neighbours on the connector. Water and dendrites bridge neighbours, so faults between
// pins are checked against this map.
//
// The real pin assignment is not public: the one shipped (model/bc1/connector_map.csv, embedded
// in the binary at build time) is CHOSEN, see model/bc1/README.md.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bcmhil::model {

// Bad map text. what() reads "origin:line:column: message".
class ConnectorMapError : public std::runtime_error {
 public:
  ConnectorMapError(const std::string& origin, int line, int column, const std::string& message);
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

struct ConnectorPin {
  std::string connector;  // "X330"
  int number = 0;         // 1-based
  std::string label;      // "X330.4"
  std::string node;       // "bc1.tailgate_out"; empty when the model does not implement the pin
  std::string signal;     // "DOP_BOOT_RELEASE"; empty when the tables name none
  std::string function;   // free text
  std::vector<std::string> neighbours;  // labels
  bool modelled() const { return !node.empty(); }
};

class ConnectorMap {
 public:
  // Parses map text (format: the header of connector_map.csv). Throws ConnectorMapError naming
  // line and column: wrong field count, bad pin number, duplicate pin, a neighbour that does not
  // exist or does not list this pin back.
  static ConnectorMap parse(std::string_view text, const std::string& origin);
  // The shipped map, embedded at build time.
  static const ConnectorMap& bc1();

  const std::vector<ConnectorPin>& pins() const { return pins_; }
  std::vector<std::string> connectors() const;
  const ConnectorPin* find(std::string_view label) const;  // "X330.4"; nullptr if no such pin
  // The model node of a pin label; std::nullopt for no such pin, "" for an unmodelled one.
  std::optional<std::string> node_of(std::string_view label) const;
  // The pins carrying a node (a node such as the ground may sit on several pins).
  std::vector<const ConnectorPin*> pins_of(std::string_view node) const;
  const ConnectorPin* pin_of(std::string_view node) const;  // the first one; nullptr if none
  std::vector<std::string> neighbours(std::string_view label) const;  // throws std::out_of_range
  bool adjacent(std::string_view a, std::string_view b) const;
  std::vector<std::string> modelled_labels() const;

 private:
  std::vector<ConnectorPin> pins_;
  std::unordered_map<std::string, std::size_t> by_label_;
};

}  // namespace bcmhil::model
