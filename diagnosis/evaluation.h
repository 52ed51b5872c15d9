#pragma once
// How good the assistant is, measured on the dictionary itself (`bcmhil assist --evaluate`): each
// variant in turn is the hidden truth and its simulated readings answer the assistant's questions.
//
// - top-1: the session ends with the truth's candidate at >= stop_at within ceil(log2 N) + 2
//   measurements, N the number of candidates of the library (every test counts, free ones too).
// - cost: the sessions' mean workshop minutes (each variant weighted by its share of its
//   candidate's prior, the field's mix), against the exact optimal sequence (optimal_sequence.h,
//   same weights, same stop) and against a fixed checklist in workshop-manual order (the same
//   posterior and stop, but the tests in the checklist's order instead of the best next one).
// - noise: each raw reading is scaled by 1 + N(0, 2 %) and classified again, and 10 % of readings
//   are replaced by another class (mis-entered); the truth must be among the top 3.
// - held out: each candidate but "healthy" in turn is removed from the dictionary (its variants
//   and its prior; the other candidates of its fault type stay) and its variants become the
//   truth; the session must end "not explained".
// - latency: the time to give the next advice (posterior, ranking, next test), p99 over all steps.
#include "assistant.h"

#include <functional>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct EvaluationOptions {
  AssistantOptions assistant;
  double noise_relative = 0.02;  // sigma of the multiplicative reading noise
  double misentered = 0.10;      // share of readings entered as another class
  unsigned seed = 1;             // of the noise; the evaluation is deterministic
  // Classifies a raw reading of a test (the catalogue's thresholds). Without it, noise on the raw
  // value cannot move a class and only mis-entered readings disturb.
  std::function<int(int test, double raw)> classify;
  std::vector<int> checklist;    // test indices in workshop-manual order; empty: dictionary order
  // The owner's complaint (complaint.h): these tests' readings start every session, free; only the
  // measurements after them count against the bound and cost minutes.
  std::vector<int> complaint;
  bool optimal = true;           // compute the exact optimum (the slow part)
  std::size_t optimal_max_states = 20'000'000;  // past this the optimum is given up (optimal_error says so)
};

// One session: the tests taken, in order, and how it ended.
struct Session {
  std::vector<Observation> observations;  // the complaint's readings first
  int complaint = 0;                      // how many of them are the complaint's
  double cost_min = 0;                    // of the measurements after the complaint
  std::vector<RankedCandidate> ranking;  // best first at the end
  bool explained = true;
  double unexplained = 0;  // the posterior of "not explained" at the end
};

// Runs the assistant to its stop, from the complaint's readings; `read(test)` gives the outcome the
// car shows. `advice_ms`, when given, receives the time each next-test decision took.
Session run_session(const Dictionary& dictionary, const AssistantOptions& options,
                    const std::function<int(int test)>& read, std::vector<double>* advice_ms = nullptr,
                    const std::vector<int>& complaint = {});
// The same posterior and stop from the same complaint, the other tests in a fixed order.
Session run_checklist(const Dictionary& dictionary, const AssistantOptions& options, const std::vector<int>& order,
                      const std::function<int(int test)>& read, const std::vector<int>& complaint = {});

struct VariantResult {
  std::string variant;
  std::string truth;        // the candidate's key
  std::string top;          // the assistant's top candidate at the end
  double top_probability = 0;
  int measurements = 0;     // after the complaint
  double cost_min = 0;
  double checklist_cost_min = 0;
  bool top1_within_bound = false;
  bool top3_under_noise = false;
  // Whether the catalogue allows it at all: every test taken and read exactly, its own candidate
  // holds >= stop_at of the variants that read like it.
  bool top1_possible = false;
};

// One held-out case: the variant's candidate removed from the dictionary, its readings answering.
struct HeldOutResult {
  std::string variant;
  std::string truth;             // the removed candidate's key
  std::string nearest;           // the reduced library's top candidate at the end
  double nearest_probability = 0;
  double unexplained = 0;        // the posterior of "not explained" at the end
  bool flagged = false;          // ended "not explained"
  int measurements = 0;          // after the complaint
  double cost_min = 0;
  // The cheapest test on which this variant reads unlike every variant of `nearest` (empty: none),
  // and whether the session took one such test: what it would have needed to see the difference.
  std::string exposing_test;
  double exposing_cost_min = 0;
  bool took_exposing = false;
  // Reads unlike every variant left already on the complaint: flagged at the counter, no test needed.
  bool by_complaint = false;
  std::vector<std::string> taken;  // the tests after the complaint, in order
};

struct Evaluation {
  int variants = 0;
  int candidates = 0;
  int bound = 0;  // ceil(log2 N) + 2, measurements after the complaint
  int complaint_tests = 0;
  double top1_within_bound = 0;
  double mean_cost_min = 0;       // prior-weighted
  double optimal_cost_min = 0;
  double checklist_cost_min = 0;  // prior-weighted
  double mean_cost_vs_optimal = 0;
  double mean_cost_vs_checklist = 0;
  double top3_under_noise = 0;
  double held_out_flagged = 0;
  int held_out_cases = 0;
  double advice_ms_p99 = 0;
  std::size_t optimal_states = 0;
  std::string optimal_error;  // why the exact optimum was not computed (too many states); ratio then 0
  // What the catalogue allows at best, every test taken and read exactly: the share of variants
  // whose own candidate then holds >= stop_at, and of held-out variants (healthy aside) that read
  // unlike every other candidate's variants on some test.
  double top1_possible = 0;
  double held_out_possible = 0;
  std::vector<VariantResult> results;
  std::vector<std::string> held_out_missed;                         // variant ids that ended "explained"
  std::vector<HeldOutResult> held_out;                              // every held-out case
  std::vector<std::pair<std::string, std::string>> indistinguishable;  // candidate keys no test tells apart
};

Evaluation evaluate(const Dictionary& dictionary, const EvaluationOptions& options);

// The dictionary without one candidate and its variants (indices renumbered).
Dictionary without_candidate(const Dictionary& dictionary, int candidate);

// Pairs of candidates with variants that read alike on every test: no catalogue test tells them apart.
std::vector<std::pair<std::string, std::string>> indistinguishable_candidates(const Dictionary& dictionary);

}  // namespace bcmhil::diagnosis
