// FaultMemory: the BC1's fault store as FS_LESEN reports it.
#include "model/bc1/fault_memory.h"

#include <gtest/gtest.h>

namespace {

using bcmhil::model::FaultMemory;
namespace fault_code = bcmhil::model::fault_code;

TEST(FaultMemory, StartsEmpty) {
  FaultMemory m;
  EXPECT_TRUE(m.entries().empty());
  EXPECT_EQ(m.find(fault_code::kLuggageReleaseOff), nullptr);
}

TEST(FaultMemory, ANewConditionIsStoredActiveOnce) {
  FaultMemory m;
  m.report_present(0xC4, 1000);
  ASSERT_EQ(m.entries().size(), 1u);
  const auto* e = m.find(0xC4);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, 0xC4);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 1);
  EXPECT_EQ(e->first_seen_ps, 1000u);
  EXPECT_EQ(e->last_seen_ps, 1000u);
}

TEST(FaultMemory, StillPresentDoesNotCountAgainButUpdatesLastSeen) {
  FaultMemory m;
  m.report_present(0xC4, 1000);
  m.report_present(0xC4, 5000);
  const auto* e = m.find(0xC4);
  EXPECT_EQ(e->frequency, 1);
  EXPECT_EQ(e->first_seen_ps, 1000u);
  EXPECT_EQ(e->last_seen_ps, 5000u);
  EXPECT_EQ(m.entries().size(), 1u);
}

TEST(FaultMemory, ActiveInactiveActiveCountsASecondOccurrence) {
  FaultMemory m;
  m.report_present(0xC4, 1000);
  m.report_absent(0xC4);
  const auto* e = m.find(0xC4);
  ASSERT_NE(e, nullptr) << "an absent condition stays stored";
  EXPECT_FALSE(e->active);
  EXPECT_EQ(e->frequency, 1);
  m.report_present(0xC4, 9000);
  e = m.find(0xC4);
  EXPECT_TRUE(e->active);
  EXPECT_EQ(e->frequency, 2);
  EXPECT_EQ(e->first_seen_ps, 1000u);
  EXPECT_EQ(e->last_seen_ps, 9000u);
}

TEST(FaultMemory, FrequencySaturatesAt255) {
  FaultMemory m;
  for (int i = 0; i < 300; ++i) {
    m.report_present(0xC4, static_cast<std::uint64_t>(i));
    m.report_absent(0xC4);
  }
  EXPECT_EQ(m.find(0xC4)->frequency, 255);
  m.report_present(0xC4, 1000);
  EXPECT_EQ(m.find(0xC4)->frequency, 255);
  EXPECT_TRUE(m.find(0xC4)->active);
}

TEST(FaultMemory, AbsentForAnUnknownCodeStoresNothing) {
  FaultMemory m;
  m.report_absent(0xC4);
  EXPECT_TRUE(m.entries().empty());
}

TEST(FaultMemory, CodesAreKeptApartAndClearEmptiesAll) {
  FaultMemory m;
  m.report_present(fault_code::kLuggageReleaseOff, 1);
  m.report_present(fault_code::kLeftIndicatorOff, 2);
  m.report_absent(fault_code::kLeftIndicatorOff);
  ASSERT_EQ(m.entries().size(), 2u);
  EXPECT_TRUE(m.find(0xC4)->active);
  EXPECT_FALSE(m.find(0xAA)->active);
  EXPECT_EQ(m.find(fault_code::kRightIndicatorOff), nullptr);
  m.clear();
  EXPECT_TRUE(m.entries().empty());
  m.report_present(0xC4, 3);
  EXPECT_EQ(m.find(0xC4)->frequency, 1) << "after a clear the count starts over";
}

TEST(FaultMemory, CodesFromTheReferenceTable) {
  EXPECT_EQ(fault_code::kLuggageReleaseOff, 0xC4);
  EXPECT_EQ(fault_code::kLeftIndicatorOff, 0xAA);
  EXPECT_EQ(fault_code::kRightIndicatorOff, 0xAC);
}

}  // namespace
