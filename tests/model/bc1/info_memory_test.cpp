// InfoMemory: the alarm's mislock and trigger records as IS_LESEN reports them.
#include "model/bc1/info_memory.h"

#include <gtest/gtest.h>

namespace {

using bcmhil::model::InfoMemory;
namespace info_code = bcmhil::model::info_code;

TEST(InfoMemory, CodesAreTheReferenceTablesOnes) {
  // bc1_iorttexte.csv: 0x3x mislocks, 0x4x triggers.
  EXPECT_EQ(info_code::kMislockDriverDoor, 0x30);
  EXPECT_EQ(info_code::kMislockPassengerDoor, 0x31);
  EXPECT_EQ(info_code::kMislockBonnet, 0x32);
  EXPECT_EQ(info_code::kMislockTailgate, 0x33);
  EXPECT_EQ(info_code::kTriggerDriverDoor, 0x42);
  EXPECT_EQ(info_code::kTriggerPassengerDoor, 0x43);
  EXPECT_EQ(info_code::kTriggerTilt, 0x45);
  EXPECT_EQ(info_code::kTriggerBonnet, 0x46);
  EXPECT_EQ(info_code::kTriggerTailgate, 0x47);
}

TEST(InfoMemory, CountsOccurrencesPerCodeInFirstSeenOrder) {
  InfoMemory m;
  EXPECT_EQ(m.count(0x31), 0);
  m.record(0x31, 10);
  m.record(0x42, 20);
  m.record(0x31, 30);
  ASSERT_EQ(m.entries().size(), 2u);
  EXPECT_EQ(m.entries()[0].code, 0x31);
  EXPECT_EQ(m.entries()[0].count, 2);
  EXPECT_EQ(m.entries()[0].last_seen_ps, 30u);
  EXPECT_EQ(m.entries()[1].code, 0x42);
  EXPECT_EQ(m.count(0x42), 1);
  EXPECT_EQ(m.find(0x43), nullptr);
}

TEST(InfoMemory, CounterSaturatesAtAByte) {
  InfoMemory m;
  for (int i = 0; i < 300; ++i) m.record(0x45, static_cast<std::uint64_t>(i));
  EXPECT_EQ(m.count(0x45), 255);
  m.clear();
  EXPECT_TRUE(m.entries().empty());
}

}  // namespace
