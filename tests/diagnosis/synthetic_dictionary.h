#pragma once
// Small fault dictionaries built in the test, shaped like the simulated one: a healthy car that
// reads the first class everywhere, faults that each disturb a few tests (more on their own path),
// variants of one fault that differ on a test or two (how wet, how many ohms).
#include "diagnosis/dictionary.h"

#include <cmath>
#include <random>
#include <string>

namespace bcmhil::diagnosis::testing {

struct SyntheticShape {
  int candidates = 12;      // healthy included
  int variants_per = 3;
  int tests = 10;
  int classes = 3;
  int disturbed = 3;        // tests each fault moves off the healthy class
  int wobble = 1;           // tests on which one fault's variants differ among themselves
  unsigned seed = 7;
};

inline Dictionary synthetic_dictionary(const SyntheticShape& s) {
  std::mt19937 rng(s.seed);
  Dictionary d;
  d.model_version = "synthetic";
  for (int t = 0; t < s.tests; ++t) {
    TestInfo info{"t" + std::to_string(t), 1.0 + (t % 5), "V", {}};
    for (int k = 0; k < s.classes; ++k) info.classes.push_back("c" + std::to_string(k));
    d.tests.push_back(info);
  }
  std::uniform_int_distribution<int> any_test(0, s.tests - 1), off_class(1, s.classes - 1);
  std::uniform_real_distribution<double> prior(0.5, 3.0);
  for (int c = 0; c < s.candidates; ++c) {
    Candidate cand{c == 0 ? "healthy" : "fault_" + std::to_string(c), {}, c == 0 ? 1.0 : prior(rng)};
    if (c > 0) cand.parameters["where"] = "p" + std::to_string(c % 4);
    d.candidates.push_back(cand);
    std::vector<int> base(s.tests, 0);
    for (int i = 0; c > 0 && i < s.disturbed; ++i) base[any_test(rng)] = off_class(rng);
    std::vector<int> wobbly;
    for (int i = 0; c > 0 && i < s.wobble; ++i) wobbly.push_back(any_test(rng));
    for (int v = 0; v < s.variants_per; ++v) {
      d.variants.push_back({cand.key() + "#" + std::to_string(v), c, {}});
      std::vector<Reading> row;
      for (int t = 0; t < s.tests; ++t) {
        int outcome = base[t];
        for (int w : wobbly)
          if (w == t && v % 2 == 1) outcome = (outcome + 1) % s.classes;
        // raw: the middle of the class's band of a 0..12 V scale split in `classes` bands
        row.push_back({(outcome + 0.5) * 12.0 / s.classes, outcome});
      }
      d.readings.push_back(row);
    }
  }
  return d;
}

// The inverse of the raw values above: which band of 0..12 V a reading falls in.
inline int synthetic_classify(const Dictionary& d, int test, double raw) {
  const int k = static_cast<int>(d.tests[test].classes.size());
  const int band = static_cast<int>(std::floor(raw / (12.0 / k)));
  return band < 0 ? 0 : band >= k ? k - 1 : band;
}

}  // namespace bcmhil::diagnosis::testing
