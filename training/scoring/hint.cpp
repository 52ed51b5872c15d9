// next_hint: the assistant's next measurement in words. The assistant is replayed over what the
// student has read (each entry matched to its catalogue test), told which tests the exercise's
// tools cannot take, and asked for its next test; the words are the catalogue's, with what each
// outcome would mean. The candidates' names and probabilities (diagnosis/advice's "Here: ...")
// stay out: they would name the hidden fault's type before the diagnosis is submitted.
#include "attempt.h"

#include "assistant_options.h"
#include "takeable.h"
#include "test_match.h"

#include "diagnosis/advice.h"
#include "diagnosis/car_session.h"

#include <algorithm>
#include <cstdio>

namespace bcmhil::training {

namespace {

std::string hint_text(const diagnosis::Advice& a) {
  std::string text = a.words.empty() ? a.title : a.words;
  char cost[48];
  std::snprintf(cost, sizeof cost, " (%g min", a.cost_min);
  text += cost;
  if (!a.access.empty() && a.access.rfind("none", 0) != 0) text += "; " + a.access;
  text += ")";
  for (const auto& o : a.outcomes) {
    text += "\n  " + o.outcome;
    if (!o.means.empty()) text += ": " + o.means;
  }
  return text;
}

}  // namespace

std::string next_hint(const AnswerKey& key, const std::vector<PathEntry>& path, const diagnosis::Dictionary& d,
                      const diagnosis::Catalogue& catalogue) {
  const auto entries = diagnosis::catalogue_entries(d, catalogue);
  diagnosis::Assistant assistant(d, scoring_assistant_options());
  for (int t : untakeable_tests(key, entries)) assistant.skip(t);
  for (const auto& e : path) {
    const auto m = match_test(e, catalogue);
    if (!m) continue;
    const int t = d.test_index(m->test->id);
    if (t >= 0) assistant.observe({t, m->outcome, m->raw});
  }
  // As the assistant's own session goes on (diagnosis::diagnose_car): the next test until it
  // would stop. Before any reading "a fault the library does not hold" may outweigh each single
  // fault; that is no reason to distrust readings not yet taken.
  const auto next = assistant.next_test();
  if (next && !assistant.done()) return hint_text(diagnosis::advise(assistant, next->test, entries[next->test]));
  if (!assistant.explained())
    return "The readings so far fit no fault the assistant knows: check them (the leads, the points, what was "
           "pressed), then measure again.";
  return "Nothing left to measure is worth its minutes: the readings so far are enough to name the fault.";
}

}  // namespace bcmhil::training
