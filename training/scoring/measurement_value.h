#pragma once
// The value of each measurement from the diagnosis engine: the assistant replayed over a path,
// each test valued under the posterior at the moment it was taken, before its reading goes in.
//
// - bits: the assistant's expected information about the candidates (and "not explained") from
//   the test, diagnosis::Assistant::expected_gain_bits;
// - largest share: the posterior mass of the library's variants on the test's most likely
//   outcome, each variant reading its own dictionary class (how unevenly the test splits);
// - the class of troubleshooting research (Rouse 1978; Konradt 1995):
//   redundant   the same test was taken before, or it is worth under kWorthBits now although it
//               was worth more before any reading: what has been read already implies its outcome;
//   irrelevant  worth under kWorthBits now and at the start: it never separates the candidates
//               in play (and any path entry that amounts to no catalogue test: nothing to value);
//   serial elimination   worth it, but its likeliest outcome holds >= kSerialShare of the mass:
//               it splits off one candidate or a small share;
//   space-splitting      worth it and its likeliest outcome holds < kSerialShare: it splits the
//               mass near evenly (an even binary split holds 0.5).
// kWorthBits is the assistant's own bar (AssistantOptions::min_gain_bits): a test the assistant
// would take is never redundant or irrelevant.
#include "attempt.h"

#include "diagnosis/assistant.h"

namespace bcmhil::training {

constexpr double kSerialShare = 0.75;  // chosen: a quarter of the mass split off is no longer "a small share"

struct ValuedTest {
  double bits = 0;
  double largest_share = 1;
  MeasurementClass value = MeasurementClass::irrelevant;
  std::string why;
};

class PathValuer {
 public:
  explicit PathValuer(const diagnosis::Dictionary& dictionary, diagnosis::AssistantOptions options = {});

  // Values dictionary test `test` now, then enters its reading (`outcome`) into the posterior.
  ValuedTest take(int test, int outcome, double raw);
  const diagnosis::Assistant& assistant() const { return now_; }

 private:
  double largest_share(int test) const;

  const diagnosis::Dictionary& dictionary_;
  diagnosis::Assistant start_;  // the posterior before any reading
  diagnosis::Assistant now_;
  std::vector<bool> taken_;
};

}  // namespace bcmhil::training
