#include "points.h"

#include <algorithm>

namespace bcmhil::training {

namespace {

double time_points(double used_s, double budget_s) {
  if (budget_s <= 0 || used_s <= budget_s) return kTimePoints;
  return kTimePoints * std::max(0.0, 1.0 - (used_s - budget_s) / budget_s);  // nothing left at twice the budget
}

// Information per workshop minute against the assistant's (capped at its own), and information
// in all against what the assistant needed: following the assistant's path earns all of it, a
// guess after one cheap look earns little, redundant and irrelevant readings cost minutes and
// bring nothing.
double quality_points(const Score& s) {
  if (s.optimal_bits <= 0) return kQualityPoints;  // the car needed no measurement at all
  if (s.student_bits <= 0 || s.student_cost_min <= 0) return 0;
  const double optimal_rate = s.optimal_bits / std::max(s.optimal_cost_min, 1e-9);
  const double rate = s.student_bits / s.student_cost_min;
  const double efficiency = std::min(1.0, rate / optimal_rate);
  const double sufficiency = std::min(1.0, s.student_bits / s.optimal_bits);
  return kQualityPoints / 2 * (efficiency + sufficiency);
}

}  // namespace

Points points_of(const Score& s) {
  Points p;
  p.solved = s.solved ? kSolvedPoints : 0;
  p.parts = std::max(0.0, kPartsPoints - kPartPenalty * static_cast<double>(s.wrong_parts.size()));
  p.time = time_points(s.time_used_s, s.time_budget_s);
  p.quality = quality_points(s);
  p.hints = kHintPenalty * s.hints;
  p.total = std::max(0.0, p.solved + p.parts + p.time + p.quality - p.hints);
  return p;
}

}  // namespace bcmhil::training
