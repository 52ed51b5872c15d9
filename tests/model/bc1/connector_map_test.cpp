// The connector map: the shipped (embedded) map is complete and consistent, lookups work both
// ways, and malformed map text is rejected naming line and column.
#include "model/bc1/connector_map.h"

#include "model/car/vehicle.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace {

using bcmhil::model::ConnectorMap;
using bcmhil::model::ConnectorMapError;

constexpr const char* kHeader = "connector,pin,node,signal,function,neighbours\n";

TEST(ConnectorMap, ShippedMapHasOneTwentyPinAndThreeFiftyFourPinConnectors) {
  const auto& map = ConnectorMap::bc1();
  std::map<std::string, int> count;
  for (const auto& p : map.pins()) ++count[p.connector];
  ASSERT_EQ(count.size(), 4u);
  int twenty = 0, fifty_four = 0;
  for (const auto& [name, n] : count) {
    twenty += n == 20;
    fifty_four += n == 54;
  }
  EXPECT_EQ(twenty, 1);
  EXPECT_EQ(fifty_four, 3);
  EXPECT_EQ(map.pins().size(), 20u + 3u * 54u);  // unmodelled pins listed too
  ASSERT_TRUE(map.find("X332.17"));               // the domain notes' headlight feeds
  EXPECT_NE(map.find("X332.17")->function.find("headlight"), std::string::npos);
  EXPECT_NE(map.find("X332.20")->function.find("headlight"), std::string::npos);
}

TEST(ConnectorMap, EveryPinNodeOfTheModelIsOnTheMap) {
  bcmhil::testing::CarUnderTest t;
  const auto& map = ConnectorMap::bc1();
  for (const char* node : {"bc1.kl30_logic", "bc1.kl30_cdl", "bc1.kl30_light", "bc1.kl15", "bc1.ground",
                           "bc1.tailgate_out", "bc1.indicator_lh_out", "bc1.indicator_rh_out",
                           "bc1.boot_handle_in", "bc1.boot_open_in", "bc1.kline"}) {
    EXPECT_TRUE(map.pin_of(node)) << node;
  }
  // ...and every node the map names exists in the network.
  for (const auto& p : map.pins()) {
    if (p.modelled()) {
      EXPECT_TRUE(t.car().circuit.network().find_node(p.node)) << p.label << " " << p.node;
    }
  }
}

TEST(ConnectorMap, TailgateOutputSitsBetweenGroundAndKline) {
  const auto& map = ConnectorMap::bc1();
  const auto* tailgate = map.pin_of("bc1.tailgate_out");
  ASSERT_TRUE(tailgate);
  EXPECT_EQ(tailgate->signal, "DOP_BOOT_RELEASE");
  std::vector<std::string> nodes;
  for (const auto& nb : map.neighbours(tailgate->label)) nodes.push_back(*map.node_of(nb));
  EXPECT_NE(std::find(nodes.begin(), nodes.end(), "bc1.ground"), nodes.end());
  EXPECT_NE(std::find(nodes.begin(), nodes.end(), "bc1.kline"), nodes.end());
  // The 30CDL feed is next to a ground pin too.
  const auto* cdl = map.pin_of("bc1.kl30_cdl");
  ASSERT_TRUE(cdl);
  bool by_ground = false;
  for (const auto& nb : cdl->neighbours) by_ground |= map.node_of(nb) == std::string("bc1.ground");
  EXPECT_TRUE(by_ground);
}

TEST(ConnectorMap, LookupsAnswerBothWays) {
  const auto& map = ConnectorMap::bc1();
  EXPECT_EQ(map.node_of("X330.4"), std::string("bc1.tailgate_out"));
  EXPECT_EQ(map.node_of("X333.54"), std::string(""));  // exists, not modelled
  EXPECT_EQ(map.node_of("X9.1"), std::nullopt);
  EXPECT_EQ(map.pin_of("bc1.tailgate_out")->label, "X330.4");
  EXPECT_EQ(map.pins_of("bc1.ground").size(), 2u);
  EXPECT_EQ(map.pin_of("bc1.nothing"), nullptr);
  EXPECT_EQ(map.neighbours("X330.4"), (std::vector<std::string>{"X330.3", "X330.5", "X330.14"}));
  EXPECT_TRUE(map.adjacent("X330.4", "X330.3"));
  EXPECT_TRUE(map.adjacent("X330.3", "X330.4"));
  EXPECT_FALSE(map.adjacent("X330.4", "X330.6"));
  EXPECT_FALSE(map.adjacent("X330.10", "X330.11"));  // row ends do not wrap
  EXPECT_THROW(map.neighbours("X1.1"), std::out_of_range);
}

TEST(ConnectorMap, TwoRowAdjacencyIsMutualAndComplete) {
  const auto& map = ConnectorMap::bc1();
  for (const auto& p : map.pins()) {
    EXPECT_GE(p.neighbours.size(), 2u) << p.label;
    EXPECT_LE(p.neighbours.size(), 3u) << p.label;
    for (const auto& nb : p.neighbours) EXPECT_TRUE(map.adjacent(nb, p.label)) << p.label << " " << nb;
  }
  // On a 54-pin connector pin 1 faces pin 28.
  EXPECT_TRUE(map.adjacent("X331.1", "X331.28"));
  EXPECT_FALSE(map.adjacent("X331.27", "X331.28"));
}

void expect_error(const std::string& text, int line, int column, const std::string& fragment) {
  try {
    ConnectorMap::parse(text, "bad.csv");
    FAIL() << "accepted: " << text;
  } catch (const ConnectorMapError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("bad.csv:" + std::to_string(line) + ":", 0), 0u) << e.what();
  }
}

TEST(ConnectorMap, ParsesAGoodSmallMap) {
  const auto map = ConnectorMap::parse(std::string("# comment\n") + kHeader +
                                           "A,1,n.a,,first,A.2\n"
                                           "A,2,,,second,A.1\n",
                                       "small.csv");
  ASSERT_EQ(map.pins().size(), 2u);
  EXPECT_TRUE(map.adjacent("A.1", "A.2"));
  EXPECT_EQ(map.modelled_labels(), std::vector<std::string>{"A.1"});
}

TEST(ConnectorMap, MalformedTextIsRejectedNamingLineAndColumn) {
  expect_error("A,1,,,,\n", 1, 1, "header");
  expect_error("", 1, 1, "empty");
  expect_error(std::string(kHeader) + "A,1,n,,f\n", 2, 9, "expected 6 fields");
  expect_error(std::string(kHeader) + "A,1,n,,f,,x\n", 2, 11, "expected 6 fields");
  expect_error(std::string(kHeader) + "A,x1,n,,f,\n", 2, 3, "pin number");
  expect_error(std::string(kHeader) + "A,0,n,,f,\n", 2, 3, "pin number");
  expect_error(std::string(kHeader) + "A-B,1,n,,f,\n", 2, 1, "connector name");
  expect_error(std::string(kHeader) + "A,1,bad node,,f,\n", 2, 5, "node name");
  expect_error(std::string(kHeader) + "A,1,,,f,\nA,1,,,g,\n", 3, 1, "listed twice");
  expect_error(std::string(kHeader) + "A,1,,,f,A.2 A.7\nA,2,,,g,A.1\n", 2, 13, "A.7 of A.1 is not a pin");
  expect_error(std::string(kHeader) + "A,1,,,f,A.2\nA,2,,,g,\n", 2, 9, "does not list A.1");
  expect_error(std::string(kHeader) + "A,1,,,f,A.1\n", 2, 9, "itself");
}

}  // namespace
