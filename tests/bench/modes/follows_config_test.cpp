// `follows:` in the bench description: both forms, units, and errors with line and column.
#include "bench_config.h"

#include <gtest/gtest.h>

#include "source_dir.h"

namespace bcmhil::rig {
namespace {

const std::string kBoards =
    "boards:\n"
    "  - {name: desk, family: lcus, device: /tmp/none, channels: 2}\n"
    "channels:\n";

TEST(Follows, ParsesABitAndAThresholdWithUnits) {
  auto f = parse_follow("DOP_BOOT_RELEASE");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->signal, "DOP_BOOT_RELEASE");
  EXPECT_FALSE(f->above);
  f = parse_follow("V(hatch_lock.pin2) > 6 V");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->signal, "V(hatch_lock.pin2)");
  EXPECT_DOUBLE_EQ(*f->above, 6.0);
  f = parse_follow("I(hatch_lock.motor)>500mA");
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(*f->above, 0.5);
  EXPECT_DOUBLE_EQ(*parse_follow("V(x) > 2.5")->above, 2.5);
  EXPECT_FALSE(parse_follow(""));
  EXPECT_FALSE(parse_follow("V(x) > "));
  EXPECT_FALSE(parse_follow("V(x) > 6 furlongs"));
  EXPECT_FALSE(parse_follow("V(x) < 6 V"));
  EXPECT_FALSE(parse_follow("two words"));
}

TEST(Follows, OnAChannelAndASensePointKeepsItsLocation) {
  const auto cfg = parse_bench_config(
      "boards:\n"
      "  - {name: io, family: numato, device: /tmp/none, channels: 4}\n"
      "channels:\n"
      "  - name: feed\n"
      "    board: io\n"
      "    channel: 1\n"
      "    kind: load_feed\n"
      "    wired_to: actuator\n"
      "    max_on: 1s\n"
      "    follows: \"V(hatch_lock.pin2) > 6 V\"\n"
      "sense:\n"
      "  - {name: out, board: io, pin: 0, mode: digital, wired_to: divider, follows: DOP_BOOT_RELEASE}\n",
      "b.yaml");
  const auto* feed = cfg.find("feed");
  ASSERT_TRUE(feed->follows);
  EXPECT_EQ(feed->follows->signal, "V(hatch_lock.pin2)");
  EXPECT_EQ(feed->follows->text, "V(hatch_lock.pin2) > 6 V");
  EXPECT_EQ(feed->follows->at.line, 10);
  EXPECT_EQ(feed->follows->at.column, 14);
  ASSERT_TRUE(cfg.find_sense("out")->follows);
  EXPECT_EQ(cfg.find_sense("out")->follows->signal, "DOP_BOOT_RELEASE");
}

TEST(Follows, AMalformedRuleNamesFileLineAndColumn) {
  try {
    parse_bench_config(kBoards +
                           "  - name: feed\n"
                           "    board: desk\n"
                           "    channel: 1\n"
                           "    kind: load_feed\n"
                           "    wired_to: actuator\n"
                           "    max_on: 1s\n"
                           "    follows: V(x) > six\n",
                       "bad.yaml");
    FAIL() << "accepted";
  } catch (const BenchConfigError& e) {
    EXPECT_EQ(e.location().line, 10);
    EXPECT_EQ(e.location().column, 14);
    EXPECT_NE(std::string(e.what()).find("bad.yaml:10:14: error: channel 'feed': follows 'V(x) > six'"),
              std::string::npos)
        << e.what();
  }
}

TEST(Follows, TheShippedExamplesSayWhatTheyFollow) {
  const auto desk = load_bench_config(testing::source_dir() + "/bench/rig/examples/desk-actuator.yaml");
  ASSERT_TRUE(desk.find("hatch_actuator_feed")->follows);
  EXPECT_EQ(desk.find("hatch_actuator_feed")->follows->signal, "V(hatch_lock.pin2)");
  const auto salvaged = load_bench_config(testing::source_dir() + "/bench/rig/examples/salvaged-bc1.yaml");
  EXPECT_EQ(salvaged.find("boot_handle_sw")->follows->signal, "DIP_BOOT_HANDLE_SW");
  EXPECT_EQ(salvaged.find_sense("hatch_release_out")->follows->signal, "DOP_BOOT_RELEASE");
  EXPECT_FALSE(salvaged.find("kl15")->follows);
}

}  // namespace
}  // namespace bcmhil::rig
