// The dcttech driver at its report-encoding seam: a fake HidDevice behaves like the board's
// V-USB firmware (feature report 0 = ID + bitmap; FF/FD/FE/FC set reports).
#include "hid_relay_board.h"

#include <gtest/gtest.h>

namespace bcmhil::relay {
namespace {

struct FakeHid : HidDevice {
  struct Shared {
    std::vector<Bytes> sent;
    std::uint8_t bitmap = 0;
    bool stuck = false;  // a relay that does not follow commands
    bool unplugged = false;
  };
  FakeHid(std::shared_ptr<Shared> s, std::string product = "USBRelay4") : s(std::move(s)), prod(std::move(product)) {}
  std::string path() const override { return "/dev/hidraw7"; }
  std::string product() const override { return prod; }
  void send_feature_report(const Bytes& r) override {
    if (s->unplugged) throw RelayError(path(), ErrorKind::gone, "send_feature_report: No such device");
    s->sent.push_back(r);
    if (s->stuck) return;
    switch (r.at(1)) {
      case dcttech::kOnOne: s->bitmap |= static_cast<std::uint8_t>(1u << (r.at(2) - 1)); break;
      case dcttech::kOffOne: s->bitmap &= static_cast<std::uint8_t>(~(1u << (r.at(2) - 1))); break;
      case dcttech::kOnAll: s->bitmap = 0xFF; break;
      case dcttech::kOffAll: s->bitmap = 0x00; break;
    }
  }
  Bytes get_feature_report(std::uint8_t id, std::size_t length) override {
    if (s->unplugged) throw RelayError(path(), ErrorKind::gone, "get_feature_report: No such device");
    EXPECT_EQ(id, 0);
    EXPECT_EQ(length, 8u);
    return {0x00, 'B', 'C', 'M', '0', '1', 0x00, 0x00, s->bitmap};
  }
  std::shared_ptr<Shared> s;
  std::string prod;
};

TEST(DcttechBoard, IdentityAndChannelCountFromDevice) {
  auto s = std::make_shared<FakeHid::Shared>();
  DcttechBoard board(std::make_unique<FakeHid>(s, "USBRelay2"));
  EXPECT_EQ(board.identity(), "BCM01");
  EXPECT_EQ(board.channel_count(), 2);
  EXPECT_TRUE(board.has_readback());
}

TEST(DcttechBoard, PerChannelWritesAreConfirmedByFeatureReport) {
  auto s = std::make_shared<FakeHid::Shared>();
  DcttechBoard board(std::make_unique<FakeHid>(s));
  board.set(3, true);
  ASSERT_EQ(s->sent.size(), 1u);
  EXPECT_EQ(s->sent[0], (Bytes{0x00, 0xFF, 0x03, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(s->bitmap, 0x04);
  const auto r = board.get(3);
  EXPECT_TRUE(r.on);
  EXPECT_EQ(r.source, Readback::hardware);
  board.set(3, false);
  EXPECT_EQ(s->sent.back(), (Bytes{0x00, 0xFD, 0x03, 0, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(board.get(3).on);
}

TEST(DcttechBoard, AllChannelsStyleUsesFeAndFc) {
  auto s = std::make_shared<FakeHid::Shared>();
  DcttechBoard board(std::make_unique<FakeHid>(s));
  board.all_on();
  EXPECT_EQ(s->sent.back(), (Bytes{0x00, 0xFE, 0, 0, 0, 0, 0, 0, 0}));
  for (int ch = 1; ch <= 4; ++ch) EXPECT_TRUE(board.get(ch).on);
  board.all_off();
  EXPECT_EQ(s->sent.back(), (Bytes{0x00, 0xFC, 0, 0, 0, 0, 0, 0, 0}));
  for (int ch = 1; ch <= 4; ++ch) EXPECT_FALSE(board.get(ch).on);
}

TEST(DcttechBoard, StuckRelayIsAReadbackMismatch) {
  auto s = std::make_shared<FakeHid::Shared>();
  DcttechBoard board(std::make_unique<FakeHid>(s));
  s->stuck = true;
  try {
    board.set(1, true);
    FAIL() << "expected a read-back mismatch";
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::readback_mismatch);
    EXPECT_EQ(e.device(), "/dev/hidraw7");
  }
}

TEST(DcttechBoard, UnpluggedBoardAndBadChannelsThrow) {
  auto s = std::make_shared<FakeHid::Shared>();
  DcttechBoard board(std::make_unique<FakeHid>(s));
  EXPECT_THROW(board.set(5, true), RelayError);
  EXPECT_THROW(board.set(0, true), RelayError);
  s->unplugged = true;
  try {
    board.set(1, true);
    FAIL();
  } catch (const RelayError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::gone);
  }
}

TEST(DcttechBoard, RejectsOtherProducts) {
  auto s = std::make_shared<FakeHid::Shared>();
  EXPECT_THROW(DcttechBoard(std::make_unique<FakeHid>(s, "USBasp")), RelayError);
}

}  // namespace
}  // namespace bcmhil::relay
