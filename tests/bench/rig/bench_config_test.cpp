// The bench description: the shipped examples load, and malformed files name file, line, column.
#include "bench_config.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace bcmhil::rig {
namespace {

std::string source_dir() {
  const char* d = std::getenv("BCMHIL_SOURCE_DIR");
  return d ? d : BCMHIL_TEST_SOURCE_DIR;
}

TEST(BenchConfig, DeskActuatorExampleLoads) {
  const auto cfg = load_bench_config(source_dir() + "/bench/rig/examples/desk-actuator.yaml");
  ASSERT_EQ(cfg.boards.size(), 1u);
  EXPECT_EQ(cfg.boards[0].spec.family, relay::Family::lcus);
  const auto* feed = cfg.find("hatch_actuator_feed");
  ASSERT_NE(feed, nullptr);
  EXPECT_EQ(feed->kind, WiringKind::load_feed);
  EXPECT_EQ(feed->max_on, std::chrono::milliseconds(1500));
  EXPECT_EQ(feed->channel, 1);
  EXPECT_FALSE(feed->inverted);
}

TEST(BenchConfig, SalvagedBc1ExampleLoads) {
  const auto cfg = load_bench_config(source_dir() + "/bench/rig/examples/salvaged-bc1.yaml");
  ASSERT_EQ(cfg.boards.size(), 2u);
  EXPECT_EQ(cfg.boards[1].spec.timeout, std::chrono::milliseconds(300));
  EXPECT_EQ(cfg.find("kl15")->kind, WiringKind::supply);
  EXPECT_EQ(cfg.find("kl15")->max_on, std::chrono::minutes(30));
  EXPECT_TRUE(cfg.find("hatch_contact_sw")->inverted);
  EXPECT_EQ(cfg.find("driver_door_sw")->max_on, kDefaultInputMaxOn);
  EXPECT_EQ(cfg.find("hatch_release_dummy_load")->board_index, 1);
  ASSERT_EQ(cfg.sense.size(), 2u);
  EXPECT_EQ(cfg.find_sense("hatch_release_out")->mode, SenseMode::digital);
  EXPECT_EQ(cfg.find_sense("hazard_lamp_out")->pin, 1);
  EXPECT_EQ(cfg.find_sense("hazard_lamp_out")->mode, SenseMode::analog);
}

TEST(BenchConfig, Durations) {
  EXPECT_EQ(parse_duration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("1.5s"), std::chrono::milliseconds(1500));
  EXPECT_EQ(parse_duration("10min"), std::chrono::minutes(10));
  EXPECT_EQ(parse_duration("1h"), std::chrono::hours(1));
  EXPECT_FALSE(parse_duration("2000"));
  EXPECT_FALSE(parse_duration("2 fortnights"));
  EXPECT_EQ(format_duration(std::chrono::milliseconds(1500)), "1500ms");
  EXPECT_EQ(format_duration(std::chrono::seconds(2)), "2s");
}

const char* kBoards = R"(boards:
  - name: desk
    family: kmtronic
    device: /dev/ttyUSB0
    channels: 2
channels:
)";

// Expects a BenchConfigError at line:col whose message contains `text`.
void expect_error(const std::string& yaml, int line, int column, const std::string& text) {
  try {
    parse_bench_config(yaml, "bench.yaml");
    ADD_FAILURE() << "accepted:\n" << yaml;
  } catch (const BenchConfigError& e) {
    EXPECT_EQ(e.file(), "bench.yaml");
    EXPECT_EQ(e.location().line, line) << e.what();
    EXPECT_EQ(e.location().column, column) << e.what();
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("bench.yaml:" + std::to_string(line) + ":" + std::to_string(column) + ": error: ", 0), 0u)
        << e.what();
  }
}

TEST(BenchConfigErrors, UnknownBoard) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: dsek
    channel: 1
    kind: load_feed
    wired_to: actuator
    max_on: 1s
)", 8, 12, "unknown board 'dsek' (boards: desk)");
}

TEST(BenchConfigErrors, DuplicateChannel) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: load_feed
    wired_to: actuator
    max_on: 1s
  - name: handle
    board: desk
    channel: 1
    kind: input_to_ground
    wired_to: handle switch
)", 15, 14, "channel 1 of board 'desk' is already used by 'feed' (line 7)");
}

TEST(BenchConfigErrors, ChannelOutOfRange) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 3
    kind: load_feed
    wired_to: actuator
    max_on: 1s
)", 9, 14, "channel 3 is out of range: board 'desk' has channels 1..2");
}

TEST(BenchConfigErrors, MissingMaxOnForLoadFeed) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: load_feed
    wired_to: actuator
)", 7, 5, "a load_feed needs a maximum on-time");
}

TEST(BenchConfigErrors, InvertedLoadFeed) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: load_feed
    wired_to: actuator
    max_on: 1s
    inverted: true
)", 13, 15, "must not be inverted");
}

TEST(BenchConfigErrors, BadDurationUnknownKeyAndKind) {
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: load_feed
    wired_to: actuator
    max_on: 1000
)", 12, 13, "is not a duration");
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: load_feed
    wired_to: actuator
    max_ontime: 1s
)", 12, 5, "unknown key 'max_ontime'");
  expect_error(std::string(kBoards) + R"(  - name: feed
    board: desk
    channel: 1
    kind: lamp
    wired_to: actuator
)", 10, 11, "unknown kind 'lamp'");
}

TEST(BenchConfigErrors, BoardProblems) {
  expect_error(R"(boards:
  - name: desk
    family: sainsmart
    device: /dev/ttyUSB0
    channels: 2
channels: []
)", 3, 13, "unknown family 'sainsmart'");
  expect_error(R"(boards:
  - name: desk
    family: lcus
    device: /dev/ttyUSB0
    channels: 9
channels: []
)", 5, 15, "lcus boards have 1..8 channels, not 9");
  expect_error(R"(boards:
  - name: desk
    family: lcus
    channels: 2
)", 2, 5, "board 'desk' has no 'device'");
}

TEST(BenchConfigErrors, SensePoints) {
  const std::string numato = R"(boards:
  - {name: io, family: numato, device: /dev/ttyACM0, channels: 4}
  - {name: desk, family: lcus, device: /dev/ttyUSB0, channels: 2}
channels:
  - {name: kl15, board: io, channel: 1, kind: supply, wired_to: KL15, max_on: 10min}
sense:
)";
  expect_error(numato + "  - {name: out, board: desk, pin: 0, mode: digital, wired_to: x}\n", 7, 24,
               "board 'desk' is a lcus board, which cannot sense");
  expect_error(numato + "  - {name: out, board: io, pin: 0, mode: pwm, wired_to: x}\n", 7, 42, "unknown mode 'pwm'");
  expect_error(numato + "  - {name: a, board: io, pin: 3, mode: digital, wired_to: x}\n"
                        "  - {name: b, board: io, pin: 3, mode: analog, wired_to: y}\n",
               8, 31, "pin 3 of board 'io' is already used by 'a'");
  expect_error(numato + "  - {name: kl15, board: io, pin: 0, mode: digital, wired_to: x}\n", 7, 12,
               "'kl15' is already the name of a channel");
}

TEST(BenchConfigErrors, BrokenYamlNamesLineAndColumn) {
  expect_error("boards:\n  - name: desk\n    family: [lcus\n", 4, 1, "YAML syntax");
}

// yaml-cpp would keep the first of two equal keys and read one document of several, silently.
TEST(BenchConfigErrors, KeyGivenTwiceIsAnErrorAtTheSecond) {
  expect_error(std::string(kBoards) +
                   "  - {name: feed, board: desk, channel: 1, kind: load_feed, wired_to: x, max_on: 2s, max_on: 2h}\n",
               7, 85, "key 'max_on' is given twice in this mapping (first at line 7, column 73)");
  expect_error("boards:\n  - name: desk\n    family: kmtronic\n    family: lcus\n", 4, 5, "key 'family' is given twice");
}

TEST(BenchConfigErrors, SecondDocumentIsAnError) {
  expect_error(std::string(kBoards) + "  - {name: feed, board: desk, channel: 1, kind: load_feed, wired_to: x, max_on: 2s}\n"
                                      "---\nboards: []\n",
               8, 1, "a second YAML document starts here");
}

TEST(BenchConfigErrors, BytesThatAreNotUtf8AreNamedEscaped) {
  expect_error(std::string(kBoards) + "  - {name: feed, board: desk, channel: 1, kind: load_feed, wired_to: caf\xE9, max_on: 2s}\n",
               7, 73, "byte \\xE9 is not UTF-8");
  // A message quoting a value never carries a raw byte, whoever builds it.
  const BenchConfigError e("b\xFF.yaml", {1, 2}, "unknown board 'd\xE9sk'");
  EXPECT_STREQ(e.what(), "b\\xFF.yaml:1:2: error: unknown board 'd\\xE9sk'");
}

TEST(BenchConfig, MalformedNumbersAreNotDurationsOrThresholds) {
  EXPECT_FALSE(parse_duration("1.2.3s"));
  EXPECT_FALSE(parse_duration(".s"));
  EXPECT_FALSE(parse_duration("99999999999999999999h"));  // would leave long long's range
  EXPECT_EQ(parse_duration("8760h"), std::chrono::hours(8760));
  EXPECT_FALSE(parse_follow("V(x) > 1.2.3 V"));
  EXPECT_FALSE(parse_follow("V(x) > - V"));
  EXPECT_DOUBLE_EQ(*parse_follow("I(x) > -500 mA")->above, -0.5);
}

TEST(BenchConfigErrors, MissingFile) {
  try {
    load_bench_config("/nonexistent/bench.yaml");
    FAIL();
  } catch (const BenchConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/bench.yaml"), std::string::npos);
  }
}

}  // namespace
}  // namespace bcmhil::rig
