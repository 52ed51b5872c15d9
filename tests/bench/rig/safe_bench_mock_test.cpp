// SafeBench above a mocked board: exactly which calls reach the hardware.
#include "mock_relay_board.h"
#include "rig_test_support.h"
#include "safe_bench.h"

#include <gtest/gtest.h>

namespace bcmhil::rig {
namespace {

using relay::MockRelayBoard;
using ::testing::_;
using ::testing::InSequence;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::Throw;

SafeBench::OpenedBoards just(std::unique_ptr<MockRelayBoard> b) {
  SafeBench::OpenedBoards opened;
  opened.boards.push_back(std::move(b));
  return opened;
}

TEST(SafeBenchOnMock, OneWirePerChangeAndAllOffAtBothEnds) {
  auto board = std::make_unique<NiceMock<MockRelayBoard>>(2);
  {
    InSequence order;
    EXPECT_CALL(*board, all_off());  // opening the bench
    EXPECT_CALL(*board, set(1, true));
    EXPECT_CALL(*board, set(1, false));
    EXPECT_CALL(*board, all_off());  // closing it
  }
  EXPECT_CALL(*board, set(2, _)).Times(0);
  SafeBench bench(test::one_board("lcus", "unused", 2), just(std::move(board)));
  const auto feed = bench.channel("hatch_actuator_feed");
  for (int i = 0; i < 50; ++i) bench.set(feed, true);
  for (int i = 0; i < 50; ++i) bench.set(feed, false);
  EXPECT_EQ(bench.latency().count, 2u);
}

TEST(SafeBenchOnMock, ReadbackMismatchHaltsAndSwitchesOff) {
  auto board = std::make_unique<NiceMock<MockRelayBoard>>(2);
  EXPECT_CALL(*board, set(1, true))
      .WillOnce(Throw(relay::RelayError("mock0", relay::ErrorKind::readback_mismatch, "channel 1 reads off")));
  EXPECT_CALL(*board, all_off()).Times(::testing::AtLeast(2));  // start, halt (and the destructor)
  SafeBench bench(test::one_board("lcus", "unused", 2), just(std::move(board)));
  try {
    bench.set("hatch_actuator_feed", true);
    FAIL();
  } catch (const BenchHalted& e) {
    EXPECT_NE(std::string(e.what()).find("read-back mismatch"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(bench.halted());
}

TEST(SafeBenchOnMock, AllOffReportsARelayThatStaysOn) {
  auto board = std::make_unique<NiceMock<MockRelayBoard>>(2);
  auto* raw = board.get();
  SafeBench bench(test::one_board("lcus", "unused", 2), just(std::move(board)));
  ON_CALL(*raw, get(1)).WillByDefault(Return(relay::ChannelReading{true, relay::Readback::hardware}));
  const auto report = bench.all_off();
  EXPECT_FALSE(report.ok);
  ASSERT_FALSE(report.lines.empty());
  EXPECT_NE(report.lines[0].find("STILL ON: hatch_actuator_feed"), std::string::npos) << report.lines[0];
  ON_CALL(*raw, get(1)).WillByDefault(Return(relay::ChannelReading{false, relay::Readback::hardware}));
}

}  // namespace
}  // namespace bcmhil::rig
