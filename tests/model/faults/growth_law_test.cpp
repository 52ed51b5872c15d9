// The geometric growth law the film, dendrite and corrosion faults share (model/faults/growth_law.h).
#include "model/faults/growth_law.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using bcmhil::faults::geometric_between;
using bcmhil::faults::GrowthLaw;

TEST(GrowthLaw, EndsWhereItIsToldAndIsGeometricInBetween) {
  EXPECT_DOUBLE_EQ(geometric_between(1e6, 1e3, 0.0), 1e6);
  EXPECT_DOUBLE_EQ(geometric_between(1e6, 1e3, 1.0), 1e3);
  // Half-way in time is half-way in decades: 10^4.5, not the arithmetic 500.5 kohm.
  EXPECT_NEAR(geometric_between(1e6, 1e3, 0.5), std::pow(10.0, 4.5), 1e-6);
  EXPECT_NEAR(geometric_between(1e6, 1e3, 1.0 / 3.0), 1e5, 1e-6);
  // It works the other way too: a pull-up corroding from 10 kohm upwards.
  EXPECT_NEAR(geometric_between(1e4, 1e6, 0.5), 1e5, 1e-6);
}

TEST(GrowthLaw, ClampsTheFraction) {
  EXPECT_DOUBLE_EQ(geometric_between(1e6, 1e3, -0.5), 1e6);
  EXPECT_DOUBLE_EQ(geometric_between(1e6, 1e3, 7.0), 1e3);
}

TEST(GrowthLaw, GrowsLinearlyInTimeAndThenStays) {
  const GrowthLaw law{1e6, 10.0, 5.0};
  EXPECT_DOUBLE_EQ(law.fraction(0.0), 0.0);
  EXPECT_DOUBLE_EQ(law.fraction(2.5), 0.5);
  EXPECT_DOUBLE_EQ(law.fraction(5.0), 1.0);
  EXPECT_DOUBLE_EQ(law.fraction(50.0), 1.0);
  EXPECT_DOUBLE_EQ(law.fraction(-1.0), 0.0);
  EXPECT_FALSE(law.grown(4.9));
  EXPECT_TRUE(law.grown(5.0));
  EXPECT_DOUBLE_EQ(law.ohm_at(0.0), 1e6);
  EXPECT_NEAR(law.ohm_at(1.0), 1e5, 1e-6);  // one decade per second here
  EXPECT_NEAR(law.ohm_at(4.0), 1e2, 1e-9);
  EXPECT_DOUBLE_EQ(law.ohm_at(9.0), 10.0);
  // Monotonic all the way.
  double last = law.ohm_at(0.0);
  for (double t = 0.1; t < 6.0; t += 0.1) {
    EXPECT_LE(law.ohm_at(t), last) << t;
    last = law.ohm_at(t);
  }
}

TEST(GrowthLaw, NoGrowthTimeMeansFullyGrownAtTheOnset) {
  const GrowthLaw at_once{1e6, 3e3, 0.0};
  EXPECT_TRUE(at_once.grown(0.0));
  EXPECT_DOUBLE_EQ(at_once.ohm_at(0.0), 3e3);
  const GrowthLaw negative{1e6, 3e3, -1.0};
  EXPECT_DOUBLE_EQ(negative.ohm_at(0.0), 3e3);
}

}  // namespace
