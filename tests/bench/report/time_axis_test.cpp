#include "bench/report/time_axis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bcmhil::report {
namespace {

// The geometry of the HTML report's pictures: plot from x=230 to 1088 in a 1100 px picture.
const AxisGeometry kReport{230, 1088, 1100, 7.3, 14};

bool is_one_two_five(double step) {
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  return std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6;
}

// The spans the issue saw overlapping (whole runs at 1 s grids, zooms at 0.2 s grids), and more:
// every step is 1-2-5, no two labels touch, every label lies inside the picture.
TEST(TimeAxis, LabelsNeverOverlapAndStayInsideAtAnyZoom) {
  const double spans[] = {3600, 600, 60, 20, 7.3, 2.4, 1.0, 0.2, 0.05, 0.0024, 0.0001};
  const double starts[] = {0, 49.8, 1234.5};
  const AxisGeometry geometries[] = {kReport, {230, 530, 540, 7.3, 14}, {40, 1900, 1920, 7.3, 14}};
  for (const auto& g : geometries)
    for (const double span : spans)
      for (const double t0 : starts) {
        SCOPED_TRACE("span " + std::to_string(span) + " from " + std::to_string(t0) + " width " +
                     std::to_string(g.picture_width));
        EXPECT_TRUE(is_one_two_five(tick_step(t0, t0 + span, g)));
        const auto ticks = time_axis(t0, t0 + span, g);
        ASSERT_GE(ticks.size(), 2u);
        for (std::size_t i = 0; i < ticks.size(); ++i) {
          EXPECT_GE(ticks[i].label_left, 0.0);
          EXPECT_LE(ticks[i].label_right, g.picture_width);
          if (i > 0) {
            EXPECT_GE(ticks[i].label_left, ticks[i - 1].label_right + g.min_gap_px) << ticks[i].label;
          }
        }
      }
}

TEST(TimeAxis, TheOverviewOfAMinuteReadsInWholeSeconds) {
  EXPECT_DOUBLE_EQ(tick_step(0, 60, kReport), 5.0);
  const auto ticks = time_axis(0, 60, kReport);
  ASSERT_EQ(ticks.size(), 13u);
  EXPECT_EQ(ticks.front().label, "0 s");
  EXPECT_EQ(ticks.back().label, "60 s");
  EXPECT_DOUBLE_EQ(ticks.back().x, 1088);  // the run's last instant has its label, inside the picture
}

// The flooded case's zoom on the last press: 0.2 s steps, labelled with one decimal, no drift
// from summing 0.2 (50.0, not 49.99999).
TEST(TimeAxis, AZoomLabelsAsManyDecimalsAsItsStepNeeds) {
  EXPECT_DOUBLE_EQ(tick_step(49.8, 52.2, kReport), 0.2);
  const auto ticks = time_axis(49.8, 52.2, kReport);
  ASSERT_EQ(ticks.size(), 13u);
  EXPECT_EQ(ticks[0].label, "49.8 s");
  EXPECT_EQ(ticks[1].label, "50.0 s");
  EXPECT_EQ(ticks[12].label, "52.2 s");
  const auto fine = time_axis(50.0495, 50.0515, kReport);
  EXPECT_EQ(fine.front().label, "50.0496 s");
}

}  // namespace
}  // namespace bcmhil::report
