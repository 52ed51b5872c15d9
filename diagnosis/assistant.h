#pragma once
// The Bayesian troubleshooter over the fault dictionary (Heckerman/Breese; GDE's minimum expected
// entropy): a posterior over the library's candidates from their priors and the readings taken so
// far, the next test by expected information per workshop minute, and a stop when one candidate
// passes 95 %.
//
// The model of a reading (chosen, tuned by `bcmhil assist --evaluate`):
// - a variant of the dictionary shows its own outcome class with probability 1 - e and any other
//   class with e / (K - 1): e covers a mistyped reading, a meter on the wrong pin, noise across a
//   class threshold. One wrong reading therefore lowers the true candidate, never rules it out.
// - "not explained": beside the library's candidates stands one more hypothesis, a fault the
//   library does not hold. It is modelled as a fault *like* one of the library's variants (any of
//   them, by their priors) except that on each test, with chance `unexplained_deviation`, its true
//   class is another draw (the library's mix of classes on that test, half of it flat 1/K); its
//   readings go through the same misread channel. So it is near whichever variants read like the
//   car so far, and it expects the surprises where those variants' neighbours differ. It is not a
//   candidate: the ranking lists library faults only, and `explained()` says whether it has
//   overtaken them or whether a reading fits no variant at all.
// - the stop: at 95 % for one candidate, the assistant weighs one more test before it names it: a
//   verdict that is wrong because the fault is outside the library costs `wrong_verdict_min` (the
//   repair that does not fix the car, and its comeback); a test is worth taking when "not
//   explained"'s posterior times its chance of reading unlike the leader on that test, times that
//   cost, exceeds the test's minutes (a confirmation test, Heckerman/Breese's value of information).
#include "dictionary.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct AssistantOptions {
  double misread = 0.01;           // e: the chance that a reading shows another class than its car's
  double unexplained_prior = 0.05;  // prior of "a fault the library does not hold"
  double unexplained_flat = 0.5;   // its share of flat 1/K in a deviating class (the rest: the library's mix)
  double unexplained_deviation = 0.3;  // its chance, per test, to read unlike the variant it is near
  // The workshop minutes a verdict costs when the car's fault is outside the library (the wrong repair
  // and the comeback): what a confirmation test at the stop is weighed against. 0: no confirmation.
  double wrong_verdict_min = 600;
  double stop_at = 0.95;           // stop when one candidate (or "not explained") passes this
  double min_gain_bits = 0.02;     // a test below this expected gain is not worth its minutes
  double cost_floor_min = 10.0;   // minutes charged at least: a measurement is a measurement, however cheap
  // A reading that no variant still consistent with the others reads (the number of readings the
  // best variant contradicts rose) is taken once more before anything else: a mistyped or misplaced
  // reading is caught where it happens, and a fault the library does not hold shows twice.
  bool confirm_surprises = true;
  // Variants below this posterior do not keep a session going: when no untaken test splits the
  // rest (an ambiguity group, as TEAMS calls it), the session stops and says so.
  double ambiguity_floor = 1e-4;
  // How often one test may be taken: a second reading of a test is a second, independent chance
  // of a misread, so repeating the one test that tells the leader from a likelier look-alike is
  // worth its minutes when nothing untaken tells them apart.
  int max_takes = 2;
};

struct Observation {
  int test = 0;     // index into Dictionary::tests
  int outcome = 0;  // index into that test's classes
  double raw = std::numeric_limits<double>::quiet_NaN();  // as read, for the record (NaN: none, or a class entered)
};

struct RankedCandidate {
  int candidate = 0;  // index into Dictionary::candidates
  double probability = 0;
};

struct TestChoice {
  int test = -1;
  bool repeat = false;     // the same test again: its last reading fitted no fault of the library
  bool confirm = false;    // taken at the stop to check the leader against a fault outside the library
  double gain_bits = 0;    // expected information about the candidates
  double per_minute = 0;   // gain_bits / max(cost, cost floor)
};

class Assistant {
 public:
  // The dictionary must outlive the assistant. Throws std::invalid_argument on an inconsistent
  // dictionary (a variant naming no candidate, a reading outside its test's classes).
  explicit Assistant(const Dictionary& dictionary, AssistantOptions options = {});

  // Adds one reading. Throws std::invalid_argument naming the test when the test or the class does
  // not exist.
  void observe(const Observation& observation);
  const std::vector<Observation>& observations() const { return observations_; }
  // The technician cannot take this test (no such meter, no helper): never proposed again.
  void skip(int test) { skipped_.at(test) = true; }
  int times_taken(int test) const { return times_taken_.at(test); }

  std::vector<RankedCandidate> ranking() const;  // every candidate, best first
  double probability(int candidate) const;
  double unexplained() const;  // posterior of "a fault the library does not hold"
  // False when no variant of the library reads every reading taken (a misread, or a fault the
  // library does not hold: the advice says to check the readings), or when "not explained"
  // outweighs every candidate.
  bool explained() const;

  // Stops when one candidate or "not explained" passes stop_at, when the plausible candidates read
  // alike on every untaken test (ambiguous()), or when no test left is worth doing.
  bool done() const;
  // The candidates whose variants hold at least `ambiguity_floor` of the posterior, when no untaken
  // test splits those variants (and there are two or more candidates): what the catalogue cannot
  // tell apart from here. Empty otherwise.
  std::vector<int> ambiguity_group() const;
  bool ambiguous() const { return !ambiguity_group().empty(); }
  // The untaken test with the best expected information per minute, or at the stop a confirmation
  // test worth its minutes (confirmation()); nullopt when none is worth it.
  std::optional<TestChoice> next_test() const;
  // At the stop: the untaken test whose chance of exposing a fault outside the library, times the
  // cost of a wrong verdict, best exceeds its minutes (`confirm` set). nullopt when none does.
  std::optional<TestChoice> confirmation() const;
  // What "not explained" expects test `test` to read, per outcome class.
  std::vector<double> unexplained_predictive(int test) const;
  double expected_gain_bits(int test) const;  // of one untaken test, under the current posterior

  // Which candidates (with their probability now) would read `outcome` on `test`, best first:
  // what "points at" in the advice.
  std::vector<RankedCandidate> pointed_at(int test, int outcome) const;

  const Dictionary& dictionary() const { return dictionary_; }
  const AssistantOptions& options() const { return options_; }

 private:
  double reads(int test, int shown, int outcome) const;  // the misread channel: P(entered | shown)
  double likelihood(int variant, int test, int outcome) const;
  // P(the readings of `test` so far | "not explained" near variant `base`), from channel_.
  double near_likelihood(int base, int test) const;
  bool stop_reached() const;  // the stop before any confirmation
  std::optional<TestChoice> most_informative() const;
  int leader_class(int candidate, int test) const;  // the class the candidate's variants mostly read
  double gain_under(const std::vector<double>& variant_p, double unexplained_p, int test) const;
  double charged(int test) const;  // minutes, at least the cost floor
  bool available(int test) const;  // not skipped, and taken fewer than max_takes times
  void normalise();

  const Dictionary& dictionary_;
  AssistantOptions options_;
  std::vector<double> log_weight_;      // per variant: log prior + log likelihood of the readings
  double unexplained_log_weight_ = 0;
  std::vector<std::vector<double>> deviation_;  // [test][class]: a deviating true class of "not explained"
  // [test][class]: the chance of the readings of that test so far if its true class were that one
  std::vector<std::vector<double>> channel_;
  std::vector<double> near_log_weight_;  // per variant: "not explained" near it, prior and readings
  std::vector<double> near_p_;           // the same, normalised within "not explained"
  std::vector<double> variant_p_;       // normalised posterior per variant
  std::vector<double> candidate_p_;     // summed per candidate
  double unexplained_p_ = 0;
  std::vector<Observation> observations_;
  std::vector<bool> skipped_;
  std::vector<int> mismatches_;  // per variant: readings it does not read
  int least_mismatches_ = 0;     // the best variant's count
  std::vector<int> to_confirm_;  // tests to take once more (confirm_surprises), oldest first
  std::vector<int> times_taken_;
};

}  // namespace bcmhil::diagnosis
