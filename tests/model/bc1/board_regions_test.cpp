// The board regions: the shipped (embedded) regions hold every pin of the connector map exactly
// once, a footwell flood reaches them lowest first with the chosen spreading delays, and
// malformed region text is rejected naming line and column.
#include "model/bc1/board_regions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace {

using bcmhil::model::BoardRegions;
using bcmhil::model::ConnectorMap;
using bcmhil::model::ConnectorMapError;

constexpr const char* kHeader = "region,height_mm,spread_s,neighbours,pins\n";

// A two-connector map small enough to write out: A.1-4 (two rows of two), B.1-2.
const ConnectorMap& small_map() {
  static const ConnectorMap map = ConnectorMap::parse(
      "connector,pin,node,signal,function,neighbours\n"
      "A,1,n1,,,A.2 A.3\n"
      "A,2,n2,,,A.1 A.4\n"
      "A,3,n3,,,A.1 A.4\n"
      "A,4,n4,,,A.2 A.3\n"
      "B,1,,,,B.2\n"
      "B,2,,,,B.1\n",
      "small.csv");
  return map;
}

std::string error_of(const std::string& text) {
  try {
    BoardRegions::parse(text, "regions.csv", small_map());
  } catch (const ConnectorMapError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(BoardRegions, ShippedRegionsHoldEveryPinOnce) {
  const auto& regions = BoardRegions::bc1();
  std::set<std::string> seen;
  std::size_t listed = 0;
  for (const auto& r : regions.regions()) {
    listed += r.pins.size();
    seen.insert(r.pins.begin(), r.pins.end());
  }
  EXPECT_EQ(listed, ConnectorMap::bc1().pins().size());
  EXPECT_EQ(seen.size(), listed);
  EXPECT_GT(regions.regions().size(), 2u) << "water reaches more than the two driver regions";
  // The two regions water_ingress always had keep their names and their drivers' pins.
  EXPECT_EQ(regions.region_of("X330.4").name, "tailgate_driver");
  EXPECT_EQ(regions.region_of("X330.8").name, "indicator_drivers");
  EXPECT_EQ(regions.region_of("X330.9").name, "indicator_drivers");
  EXPECT_THROW(regions.region_of("X999.1"), std::out_of_range);
}

TEST(BoardRegions, AFootwellFloodWetsTheLowestFirstAndCreepsOutward) {
  const auto& regions = BoardRegions::bc1();
  const auto arrival = regions.flood_arrival_s();
  ASSERT_EQ(arrival.size(), regions.regions().size());
  EXPECT_EQ(regions.lowest().name, "tailgate_driver");
  for (std::size_t i = 0; i < arrival.size(); ++i) {
    const auto& r = regions.regions()[i];
    EXPECT_TRUE(std::isfinite(arrival[i])) << r.name << " is cut off from the flood";
    if (&r == &regions.lowest()) {
      EXPECT_EQ(arrival[i], 0.0);
      continue;
    }
    // Reached through its quickest wet neighbour, paying its own spread time.
    double best = std::numeric_limits<double>::infinity();
    for (const auto& nb : r.neighbours) best = std::min(best, arrival[regions.find(nb) - regions.regions().data()]);
    EXPECT_DOUBLE_EQ(arrival[i], best + r.spread_s) << r.name;
  }
  // The chosen chain: the indicator drivers 20 s after the tailgate driver, the first X331
  // region (key lock contact) 20 s later, the next (master unlock button) 30 s after that.
  auto at = [&](const char* name) { return arrival[regions.find(name) - regions.regions().data()]; };
  EXPECT_DOUBLE_EQ(at("indicator_drivers"), 20.0);
  EXPECT_DOUBLE_EQ(at("x331_a"), 40.0);
  EXPECT_DOUBLE_EQ(at("x331_b"), 70.0);
}

TEST(BoardRegions, ParsesRangesAndSpreadsOverASmallBoard) {
  const auto r = BoardRegions::parse(std::string(kHeader) +
                                         "# the low corner\n"
                                         "low,0,0,high,A.1-2 B.1\n"
                                         "high,5,12.5,low,A.3-4 B.2\n",
                                     "regions.csv", small_map());
  ASSERT_EQ(r.regions().size(), 2u);
  EXPECT_EQ(r.region_of("A.2").name, "low");
  EXPECT_EQ(r.region_of("B.2").name, "high");
  EXPECT_EQ(r.flood_arrival_s(), (std::vector<double>{0.0, 12.5}));
}

TEST(BoardRegions, RejectsBadTextNamingLineAndColumn) {
  const std::string ok_rest = "high,5,10,low,A.3-4 B.2\n";
  EXPECT_EQ(error_of("region,pins\n"), "regions.csv:1:1: expected the header line '" +
                                           std::string(kHeader).substr(0, std::string(kHeader).size() - 1) + "'");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,high\n"),
            "regions.csv:2:13: expected 5 fields (region,height_mm,spread_s,neighbours,pins), found 4");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,x,0,high,A.1-2 B.1\n" + ok_rest),
            "regions.csv:2:5: height_mm must be a number >= 0, got 'x'");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,-1,high,A.1-2 B.1\n" + ok_rest),
            "regions.csv:2:7: spread_s must be a number >= 0, got '-1'");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,high,A.1-2 C.1\n" + ok_rest),
            "regions.csv:2:20: pin C.1 is not on the connector map");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,high,A.1-3 B.1\n" + ok_rest),
            "regions.csv:3:15: pin A.3 is already in region low");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,high,A.2-1\n" + ok_rest),
            "regions.csv:2:14: expected CONNECTOR.PIN or CONNECTOR.FIRST-LAST, got 'A.2-1'");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,roof,A.1-2 B.1\n" + ok_rest),
            "regions.csv:2:9: neighbour roof of low is not a region");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,,A.1-2 B.1\n" + ok_rest),
            "regions.csv:3:11: high lists low as a neighbour, but low does not list high");
  EXPECT_EQ(error_of(std::string(kHeader) + "low,0,0,high,A.1-2\n" + ok_rest),
            "regions.csv:3:1: pin B.1 of the connector map is in no region");
}

}  // namespace
