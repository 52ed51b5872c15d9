#include "measurement_value.h"

#include <algorithm>
#include <cstdio>

namespace bcmhil::training {

namespace {

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", 100 * share);
  return buf;
}

std::string bits_text(double bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f bits", bits);
  return buf;
}

}  // namespace

PathValuer::PathValuer(const diagnosis::Dictionary& dictionary, diagnosis::AssistantOptions options)
    : dictionary_(dictionary), start_(dictionary, options), now_(dictionary, options),
      taken_(dictionary.tests.size(), false) {}

double PathValuer::largest_share(int test) const {
  const int k = static_cast<int>(dictionary_.tests.at(test).classes.size());
  double total = 0, largest = 0;
  for (int o = 0; o < k; ++o) {
    double mass = 0;
    for (const auto& c : now_.pointed_at(test, o)) mass += c.probability;
    total += mass;
    largest = std::max(largest, mass);
  }
  return total > 0 ? largest / total : 1.0;
}

ValuedTest PathValuer::take(int test, int outcome, double raw) {
  const double worth = now_.options().min_gain_bits;
  ValuedTest v;
  v.bits = now_.expected_gain_bits(test);
  v.largest_share = largest_share(test);
  if (taken_.at(test)) {
    v.value = MeasurementClass::redundant;
    v.why = "the same test was taken before: its outcome was known";
  } else if (v.bits < worth && start_.expected_gain_bits(test) >= worth) {
    v.value = MeasurementClass::redundant;
    v.why = "what had been read already implied its outcome (" + bits_text(v.bits) + ")";
  } else if (v.bits < worth) {
    v.value = MeasurementClass::irrelevant;
    v.why = "it does not separate the candidates in play (" + bits_text(v.bits) + ")";
  } else if (v.largest_share >= kSerialShare) {
    v.value = MeasurementClass::serial_elimination;
    v.why = "it splits off a small share: " + percent(v.largest_share) + " of the mass on one outcome";
  } else {
    v.value = MeasurementClass::space_splitting;
    v.why = "it splits the candidates: at most " + percent(v.largest_share) + " of the mass on one outcome";
  }
  now_.observe({test, outcome, raw});
  taken_[test] = true;
  return v;
}

}  // namespace bcmhil::training
