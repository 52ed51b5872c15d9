#pragma once
// A gmock mock of the narrow relay interface, for tests of code above it (SafeBench, runners):
//   auto board = std::make_unique<testing::NiceMock<bcmhil::relay::MockRelayBoard>>(4);
//   EXPECT_CALL(*board, set(1, true));
//   bcmhil::rig::SafeBench::OpenedBoards opened;  opened.boards.push_back(std::move(board));
//   bcmhil::rig::SafeBench bench(config, std::move(opened));
#include "relay_board.h"

#include <gmock/gmock.h>

namespace bcmhil::relay {

class MockRelayBoard : public RelayBoard {
 public:
  explicit MockRelayBoard(int channels = 2, bool readback = true) {
    using ::testing::Return;
    ON_CALL(*this, family()).WillByDefault(Return("mock"));
    ON_CALL(*this, identity()).WillByDefault(Return("mock0"));
    ON_CALL(*this, channel_count()).WillByDefault(Return(channels));
    ON_CALL(*this, has_readback()).WillByDefault(Return(readback));
    ON_CALL(*this, get(::testing::_)).WillByDefault(Return(ChannelReading{false, Readback::hardware}));
  }
  MOCK_METHOD(std::string, family, (), (const, override));
  MOCK_METHOD(std::string, identity, (), (const, override));
  MOCK_METHOD(int, channel_count, (), (const, override));
  MOCK_METHOD(bool, has_readback, (), (const, override));
  MOCK_METHOD(void, set, (int channel, bool on), (override));
  MOCK_METHOD(ChannelReading, get, (int channel), (override));
  MOCK_METHOD(void, all_off, (), (override));
};

}  // namespace bcmhil::relay
