#pragma once
// The BC1 board's regions as water sees them: every pin of the connector map belongs to one
// region, regions touch their neighbours, and a flood from the footwell wets the lowest region
// first and creeps from region to region. model/faults/water_ingress wets regions; everything
// electrical (films, dendrites, corroding drivers) follows from the pins a region holds.
//
// The layout is not public: the one shipped (model/bc1/board_regions.csv, embedded at build time)
// is CHOSEN, see model/bc1/README.md "Board regions (CHOSEN)".
#include "connector_map.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bcmhil::model {

struct BoardRegion {
  std::string name;                     // "tailgate_driver"
  double height_mm = 0.0;               // above the lowest point of the mounted board
  double spread_s = 0.0;                // time water takes to get in from a wet neighbouring region
  std::vector<std::string> neighbours;  // region names
  std::vector<std::string> pins;        // connector map labels, "X330.4"
};

class BoardRegions {
 public:
  // Parses region text (format: the header of board_regions.csv) against `map`. Throws
  // ConnectorMapError ("origin:line:column: message"): wrong field count, a bad number, a pin not
  // on the map or in two regions, a pin of the map in no region, a neighbour that does not exist
  // or does not list this region back.
  static BoardRegions parse(std::string_view text, const std::string& origin, const ConnectorMap& map);
  // The shipped regions, embedded at build time, checked against ConnectorMap::bc1().
  static const BoardRegions& bc1();

  const std::vector<BoardRegion>& regions() const { return regions_; }
  std::vector<std::string> names() const;
  const BoardRegion* find(std::string_view name) const;  // nullptr if no such region
  // The region of a pin label; throws std::out_of_range for a label that is not on the map.
  const BoardRegion& region_of(std::string_view label) const;
  // The region a footwell flood wets first: the lowest.
  const BoardRegion& lowest() const;
  // When a footwell flood reaches each region (in regions() order), in seconds after it reaches
  // the lowest: the quickest way from region to region, paying each region's spread_s on entry.
  std::vector<double> flood_arrival_s() const;

 private:
  std::vector<BoardRegion> regions_;
  std::unordered_map<std::string, std::size_t> by_pin_;  // label -> region index
};

}  // namespace bcmhil::model
