#include "connector_map.h"

#include <algorithm>
#include <cstdlib>

namespace bcmhil::model {

namespace connector_map_data {
extern const std::string_view kCsv;
}

namespace {

constexpr std::string_view kHeader = "connector,pin,node,signal,function,neighbours";

struct Field {
  std::string_view text;
  int column;  // 1-based
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<Field> split(std::string_view line, char sep) {
  std::vector<Field> fields;
  std::size_t start = 0;
  for (;;) {
    const auto end = line.find(sep, start);
    const auto raw = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    // Column of the field's first non-blank character (or where it starts when empty).
    std::size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    fields.push_back({trim(raw), static_cast<int>(start + lead) + 1});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return fields;
}

bool valid_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool valid_node(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

}  // namespace

ConnectorMapError::ConnectorMapError(const std::string& origin, int line, int column, const std::string& message)
    : std::runtime_error(origin + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message),
      line_(line),
      column_(column) {}

ConnectorMap ConnectorMap::parse(std::string_view text, const std::string& origin) {
  ConnectorMap map;
  struct Pending {
    int line;
    std::vector<Field> neighbours;
  };
  std::vector<Pending> pending;
  bool header_seen = false;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto eol = text.find('\n', pos);
    const auto line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
    ++line_no;
    const auto content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    auto fail = [&](int column, const std::string& message) -> void {
      throw ConnectorMapError(origin, line_no, column, message);
    };
    if (!header_seen) {
      if (content != kHeader) fail(1, "expected the header line '" + std::string(kHeader) + "'");
      header_seen = true;
      continue;
    }
    const auto fields = split(line, ',');
    if (fields.size() != 6)
      fail(fields.size() > 6 ? fields[6].column : static_cast<int>(line.size()) + 1,
           "expected 6 fields (connector,pin,node,signal,function,neighbours), found " +
               std::to_string(fields.size()));
    ConnectorPin pin;
    if (!valid_name(fields[0].text)) fail(fields[0].column, "connector name must be letters, digits or '_'");
    pin.connector = std::string(fields[0].text);
    const std::string number(fields[1].text);
    char* end = nullptr;
    const long n = std::strtol(number.c_str(), &end, 10);
    if (number.empty() || *end != '\0' || n < 1 || n > 999)
      fail(fields[1].column, "pin number must be a whole number 1-999, got '" + number + "'");
    pin.number = static_cast<int>(n);
    pin.label = pin.connector + "." + std::to_string(pin.number);
    if (!fields[2].text.empty() && !valid_node(fields[2].text))
      fail(fields[2].column, "node name must be letters, digits, '_' or '.', got '" + std::string(fields[2].text) + "'");
    pin.node = std::string(fields[2].text);
    if (!fields[3].text.empty() && !valid_name(fields[3].text))
      fail(fields[3].column, "signal name must be letters, digits or '_'");
    pin.signal = std::string(fields[3].text);
    pin.function = std::string(fields[4].text);
    if (map.by_label_.count(pin.label)) fail(fields[0].column, "pin " + pin.label + " is listed twice");
    Pending p{line_no, {}};
    if (!fields[5].text.empty()) {
      for (const auto& nb : split(fields[5].text, ' ')) {
        if (nb.text.empty()) continue;
        p.neighbours.push_back({nb.text, fields[5].column + nb.column - 1});
      }
    }
    for (const auto& nb : p.neighbours) pin.neighbours.emplace_back(nb.text);
    map.by_label_[pin.label] = map.pins_.size();
    map.pins_.push_back(std::move(pin));
    pending.push_back(std::move(p));
  }
  if (!header_seen) throw ConnectorMapError(origin, line_no, 1, "no header line: the map is empty");
  // Adjacency must name real pins and be mutual: water bridges two pins both ways.
  for (std::size_t i = 0; i < map.pins_.size(); ++i) {
    const auto& pin = map.pins_[i];
    for (const auto& nb : pending[i].neighbours) {
      const auto* other = map.find(nb.text);
      if (!other)
        throw ConnectorMapError(origin, pending[i].line, nb.column,
                                "neighbour " + std::string(nb.text) + " of " + pin.label + " is not a pin of the map");
      if (other == &pin)
        throw ConnectorMapError(origin, pending[i].line, nb.column, pin.label + " lists itself as a neighbour");
      if (std::find(other->neighbours.begin(), other->neighbours.end(), pin.label) == other->neighbours.end())
        throw ConnectorMapError(origin, pending[i].line, nb.column,
                                pin.label + " lists " + other->label + " as a neighbour, but " + other->label +
                                    " does not list " + pin.label);
    }
  }
  return map;
}

const ConnectorMap& ConnectorMap::bc1() {
  static const ConnectorMap map = parse(connector_map_data::kCsv, "model/bc1/connector_map.csv");
  return map;
}

std::vector<std::string> ConnectorMap::connectors() const {
  std::vector<std::string> out;
  for (const auto& p : pins_)
    if (std::find(out.begin(), out.end(), p.connector) == out.end()) out.push_back(p.connector);
  return out;
}

const ConnectorPin* ConnectorMap::find(std::string_view label) const {
  const auto it = by_label_.find(std::string(label));
  return it == by_label_.end() ? nullptr : &pins_[it->second];
}

std::optional<std::string> ConnectorMap::node_of(std::string_view label) const {
  const auto* pin = find(label);
  if (!pin) return std::nullopt;
  return pin->node;
}

std::vector<const ConnectorPin*> ConnectorMap::pins_of(std::string_view node) const {
  std::vector<const ConnectorPin*> out;
  if (node.empty()) return out;
  for (const auto& p : pins_)
    if (p.node == node) out.push_back(&p);
  return out;
}

const ConnectorPin* ConnectorMap::pin_of(std::string_view node) const {
  const auto all = pins_of(node);
  return all.empty() ? nullptr : all.front();
}

std::vector<std::string> ConnectorMap::neighbours(std::string_view label) const {
  const auto* pin = find(label);
  if (!pin) throw std::out_of_range("no pin " + std::string(label) + " in the connector map");
  return pin->neighbours;
}

bool ConnectorMap::adjacent(std::string_view a, std::string_view b) const {
  const auto* pin = find(a);
  if (!pin) return false;
  return std::find(pin->neighbours.begin(), pin->neighbours.end(), b) != pin->neighbours.end();
}

std::vector<std::string> ConnectorMap::modelled_labels() const {
  std::vector<std::string> out;
  for (const auto& p : pins_)
    if (p.modelled()) out.push_back(p.label);
  return out;
}

}  // namespace bcmhil::model
