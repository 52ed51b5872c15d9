#include "board_regions.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace bcmhil::model {

namespace board_regions_data {
extern const std::string_view kCsv;
}

namespace {

constexpr std::string_view kHeader = "region,height_mm,spread_s,neighbours,pins";

struct Field {
  std::string_view text;
  int column;  // 1-based
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Fields separated by `sep`, each with the column of its first non-blank character; empty
// fields are kept (a missing column is an error the caller names).
std::vector<Field> split(std::string_view line, char sep, int first_column = 1) {
  std::vector<Field> fields;
  std::size_t start = 0;
  for (;;) {
    const auto end = line.find(sep, start);
    const auto raw = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    fields.push_back({trim(raw), first_column + static_cast<int>(start + lead)});
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return fields;
}

std::vector<Field> words(const Field& field) {
  std::vector<Field> out;
  for (const auto& w : split(field.text, ' ', field.column))
    if (!w.text.empty()) out.push_back(w);
  return out;
}

bool valid_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A non-negative decimal number, or nullopt.
std::optional<double> number(std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v) || v < 0.0) return std::nullopt;
  return v;
}

// "X331.1-9" -> X331.1 .. X331.9; "X330.4" -> X330.4. Empty on a malformed token.
std::vector<std::string> expand(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const std::string connector(token.substr(0, dot));
  const std::string range(token.substr(dot + 1));
  const auto dash = range.find('-');
  auto whole = [](const std::string& s) -> int {
    char* end = nullptr;
    const long n = std::strtol(s.c_str(), &end, 10);
    return (s.empty() || *end != '\0' || n < 1 || n > 999) ? 0 : static_cast<int>(n);
  };
  const int first = whole(range.substr(0, dash));
  const int last = dash == std::string::npos ? first : whole(range.substr(dash + 1));
  if (first == 0 || last < first) return {};
  std::vector<std::string> out;
  for (int p = first; p <= last; ++p) out.push_back(connector + "." + std::to_string(p));
  return out;
}

}  // namespace

BoardRegions BoardRegions::parse(std::string_view text, const std::string& origin, const ConnectorMap& map) {
  BoardRegions out;
  struct Pending {
    int line;
    std::vector<Field> neighbours;
  };
  std::vector<Pending> pending;
  bool header_seen = false;
  int line_no = 0;
  int last_line = 1;  // the last line with content: where a missing pin is reported
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto eol = text.find('\n', pos);
    const auto line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() + 1 : eol + 1;
    ++line_no;
    const auto content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    last_line = line_no;
    auto fail = [&](int column, const std::string& message) { throw ConnectorMapError(origin, line_no, column, message); };
    if (!header_seen) {
      if (content != kHeader) fail(1, "expected the header line '" + std::string(kHeader) + "'");
      header_seen = true;
      continue;
    }
    const auto fields = split(line, ',');
    if (fields.size() != 5)
      fail(fields.size() > 5 ? fields[5].column : static_cast<int>(line.size()) + 1,
           "expected 5 fields (region,height_mm,spread_s,neighbours,pins), found " + std::to_string(fields.size()));
    BoardRegion region;
    if (!valid_name(fields[0].text)) fail(fields[0].column, "region name must be lower-case letters, digits or '_'");
    region.name = std::string(fields[0].text);
    if (out.find(region.name)) fail(fields[0].column, "region " + region.name + " is listed twice");
    const auto height = number(fields[1].text);
    if (!height) fail(fields[1].column, "height_mm must be a number >= 0, got '" + std::string(fields[1].text) + "'");
    region.height_mm = *height;
    const auto spread = number(fields[2].text);
    if (!spread) fail(fields[2].column, "spread_s must be a number >= 0, got '" + std::string(fields[2].text) + "'");
    region.spread_s = *spread;
    Pending p{line_no, words(fields[3])};
    for (const auto& nb : p.neighbours) region.neighbours.emplace_back(nb.text);
    const auto pin_words = words(fields[4]);
    if (pin_words.empty()) fail(fields[4].column, "region " + region.name + " holds no pins");
    for (const auto& token : pin_words) {
      const auto labels = expand(token.text);
      if (labels.empty())
        fail(token.column, "expected CONNECTOR.PIN or CONNECTOR.FIRST-LAST, got '" + std::string(token.text) + "'");
      for (const auto& label : labels) {
        if (!map.find(label)) fail(token.column, "pin " + label + " is not on the connector map");
        if (out.by_pin_.count(label))
          fail(token.column, "pin " + label + " is already in region " + out.regions_[out.by_pin_[label]].name);
        out.by_pin_[label] = out.regions_.size();
        region.pins.push_back(label);
      }
    }
    out.regions_.push_back(std::move(region));
    pending.push_back(std::move(p));
  }
  if (!header_seen) throw ConnectorMapError(origin, line_no, 1, "no header line: no regions");
  // Neighbours must exist and be mutual: water creeps both ways.
  for (std::size_t i = 0; i < out.regions_.size(); ++i) {
    const auto& region = out.regions_[i];
    for (const auto& nb : pending[i].neighbours) {
      const auto* other = out.find(nb.text);
      if (!other)
        throw ConnectorMapError(origin, pending[i].line, nb.column, "neighbour " + std::string(nb.text) + " of " +
                                                                        region.name + " is not a region");
      if (other == &region)
        throw ConnectorMapError(origin, pending[i].line, nb.column, region.name + " lists itself as a neighbour");
      if (std::find(other->neighbours.begin(), other->neighbours.end(), region.name) == other->neighbours.end())
        throw ConnectorMapError(origin, pending[i].line, nb.column,
                                region.name + " lists " + other->name + " as a neighbour, but " + other->name +
                                    " does not list " + region.name);
    }
  }
  // Water must be able to reach every pin.
  for (const auto& pin : map.pins())
    if (!out.by_pin_.count(pin.label))
      throw ConnectorMapError(origin, last_line, 1, "pin " + pin.label + " of the connector map is in no region");
  return out;
}

const BoardRegions& BoardRegions::bc1() {
  static const BoardRegions regions = parse(board_regions_data::kCsv, "model/bc1/board_regions.csv", ConnectorMap::bc1());
  return regions;
}

std::vector<std::string> BoardRegions::names() const {
  std::vector<std::string> out;
  for (const auto& r : regions_) out.push_back(r.name);
  return out;
}

const BoardRegion* BoardRegions::find(std::string_view name) const {
  for (const auto& r : regions_)
    if (r.name == name) return &r;
  return nullptr;
}

const BoardRegion& BoardRegions::region_of(std::string_view label) const {
  const auto it = by_pin_.find(std::string(label));
  if (it == by_pin_.end()) throw std::out_of_range("pin " + std::string(label) + " is in no board region");
  return regions_[it->second];
}

const BoardRegion& BoardRegions::lowest() const {
  return *std::min_element(regions_.begin(), regions_.end(),
                           [](const BoardRegion& a, const BoardRegion& b) { return a.height_mm < b.height_mm; });
}

std::vector<double> BoardRegions::flood_arrival_s() const {
  // Dijkstra over a dozen regions: the plain O(n^2) form is the clearest.
  const double never = std::numeric_limits<double>::infinity();
  std::vector<double> arrival(regions_.size(), never);
  std::vector<bool> done(regions_.size(), false);
  arrival[static_cast<std::size_t>(&lowest() - regions_.data())] = 0.0;
  for (std::size_t round = 0; round < regions_.size(); ++round) {
    std::size_t next = regions_.size();
    for (std::size_t i = 0; i < regions_.size(); ++i)
      if (!done[i] && arrival[i] < never && (next == regions_.size() || arrival[i] < arrival[next])) next = i;
    if (next == regions_.size()) break;  // the rest is cut off from the flood: stays dry
    done[next] = true;
    for (const auto& nb : regions_[next].neighbours) {
      const auto j = static_cast<std::size_t>(find(nb) - regions_.data());
      arrival[j] = std::min(arrival[j], arrival[next] + regions_[j].spread_s);
    }
  }
  return arrival;
}

}  // namespace bcmhil::model
