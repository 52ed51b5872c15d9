#pragma once
// The points of an attempt (the rules, with their reasons: training/scoring/README.md).
#include "attempt.h"

namespace bcmhil::training {

constexpr double kSolvedPoints = 40;
constexpr double kPartsPoints = 15;
constexpr double kPartPenalty = 5;    // per wrong part replaced or repaired
constexpr double kTimePoints = 15;
constexpr double kQualityPoints = 30; // half for information per minute, half for information in all
constexpr double kHintPenalty = 5;    // per hint taken

// From the score's facts (solved, wrong parts, time, hints, bits and minutes of both paths).
Points points_of(const Score& score);

}  // namespace bcmhil::training
