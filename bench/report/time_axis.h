#pragma once
// The time axis of a timing picture: ticks at a "nice" step (1, 2 or 5 times a power of ten),
// the smallest such step whose labels do not touch at the picture's width, so the axis reads
// the same at a 60 s overview and at a 2 ms zoom. Labels carry as many decimals as the step
// needs (0.2 s steps: one), and none runs off either edge of the picture.
#include <string>
#include <vector>

namespace bcmhil::report {

struct AxisTick {
  double t_s;          // the tick's time
  double x;            // its position in the picture, pixels
  std::string label;   // e.g. "50.2 s"
  double label_left;   // where the label's text starts and ends, pixels (estimated)
  double label_right;
};

struct AxisGeometry {
  double x_from;         // pixel of t0
  double x_to;           // pixel of t1
  double picture_width;  // labels stay within [0, picture_width]
  double char_px;        // width of one label character (monospace)
  double min_gap_px;     // free space between two neighbouring labels
};

// The step chosen for [t0, t1] (exposed for tests): 1, 2 or 5 times a power of ten.
double tick_step(double t0, double t1, const AxisGeometry& g);

std::vector<AxisTick> time_axis(double t0, double t1, const AxisGeometry& g);

}  // namespace bcmhil::report
