// score_attempt: the path valued measurement by measurement, the parts, the time, the hints, the
// assistant's optimal path beside it, and the points.
#include "attempt.h"

#include "assistant_options.h"
#include "measurement_value.h"
#include "points.h"
#include "test_match.h"

#include "diagnosis/car_session.h"

#include <algorithm>
#include <cctype>

namespace bcmhil::training {

namespace {

std::string folded(const std::string& s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

bool same_words(const std::string& a, const std::string& b) { return folded(a) == folded(b); }

bool cures(const AnswerKey& key, const std::string& part) {
  return std::any_of(key.parts.begin(), key.parts.end(), [&](const auto& p) { return same_words(p, part); });
}

double charged(double cost_min) { return std::max(cost_min, diagnosis::AssistantOptions{}.cost_floor_min); }

// One measurement, DS2 read or observation: the test it amounts to and its value now.
MeasurementScore value_entry(std::size_t index, const PathEntry& e, const diagnosis::Dictionary& d,
                             const diagnosis::Catalogue& catalogue, PathValuer& valuer) {
  MeasurementScore m;
  m.path_index = index;
  const auto match = match_test(e, catalogue);
  const int t = match ? d.test_index(match->test->id) : -1;
  if (!match || t < 0) {
    m.value = MeasurementClass::irrelevant;
    m.why = match ? "the dictionary does not hold the test it amounts to: the engine cannot value it"
                  : "it amounts to no test of the catalogue: the engine cannot value it";
    if (match) {
      m.test = match->test->id;
      m.title = match->test->title;
    }
    return m;
  }
  m.test = match->test->id;
  m.title = match->test->title;
  m.outcome = match->test->classes.at(match->outcome).name;
  m.raw = match->raw;
  m.cost_min = match->test->cost_min;
  const ValuedTest v = valuer.take(t, match->outcome, match->raw);
  m.bits = v.bits;
  m.largest_share = v.largest_share;
  m.value = v.value;
  m.why = v.why;
  return m;
}

bool informs(MeasurementClass c) {
  return c == MeasurementClass::serial_elimination || c == MeasurementClass::space_splitting;
}

// One read of the student's is one instrument reading, or every item of one DS2 job (the fault
// memory lists all its codes at once), or everything seen after one action: the entries that
// follow each other with the same kind, job and simulated instant.
bool same_read(const PathEntry& a, const PathEntry& b) {
  return a.kind == b.kind && a.kind != PathKind::measurement && a.sim_s == b.sim_s && a.detail.job == b.detail.job;
}

std::size_t end_of_read(const std::vector<PathEntry>& path, std::size_t first) {
  std::size_t end = first + 1;
  while (end < path.size() && same_read(path[first], path[end])) ++end;
  return end;
}

// The entries [first, end) of one read: each item that amounts to a test valued, the read
// charged once (its dearest test, at least the floor). Items that amount to no test are listed
// only when none of the read's does: the tester shows codes no test asks about at that moment,
// which the student did not choose to read.
void score_read(const std::vector<PathEntry>& path, std::size_t first, std::size_t end, const diagnosis::Dictionary& d,
                const diagnosis::Catalogue& catalogue, PathValuer& valuer, Score& s) {
  std::vector<MeasurementScore> valued, unmatched;
  for (std::size_t i = first; i < end; ++i) {
    MeasurementScore m = value_entry(i, path[i], d, catalogue, valuer);
    (m.test.empty() ? unmatched : valued).push_back(std::move(m));
  }
  if (valued.empty()) valued.push_back(std::move(unmatched.front()));
  double cost = 0;
  for (auto& m : valued) {
    cost = std::max(cost, m.cost_min);
    if (informs(m.value)) s.student_bits += m.bits;
    s.measurements.push_back(std::move(m));
  }
  s.student_cost_min += charged(cost);
}

// The assistant's path charged by the student's rule, so the two compare: the items of one DS2
// job that follow each other are one read of the tester (the fault memory lists every code at
// once), charged once at its dearest, at least the floor.
double optimal_cost(const OptimalPath& optimal, const diagnosis::Catalogue& catalogue) {
  const auto ds2_job = [&](std::size_t i) -> std::string {
    const auto* t = catalogue.find(optimal.steps[i].test);
    return t && t->kind == diagnosis::ReadKind::ds2 ? t->ds2.job : "";
  };
  double total = 0;
  for (std::size_t i = 0; i < optimal.steps.size();) {
    double cost = optimal.steps[i].cost_min;
    std::size_t next = i + 1;
    const std::string job = ds2_job(i);
    for (; !job.empty() && next < optimal.steps.size() && ds2_job(next) == job; ++next)
      cost = std::max(cost, optimal.steps[next].cost_min);
    total += charged(cost);
    i = next;
  }
  return total;
}

}  // namespace

Score score_attempt(const AnswerKey& key, const std::vector<PathEntry>& path, const Submission& submission,
                    const diagnosis::Dictionary& d, const diagnosis::Catalogue& catalogue,
                    const OptimalPath& optimal) {
  diagnosis::catalogue_entries(d, catalogue);  // throws MismatchError for a pair that does not belong together
  Score s;
  s.submitted = submission;
  s.component = key.component;
  s.cause = key.cause;
  s.solved = same_words(submission.component, key.component) && same_words(submission.cause, key.cause);
  s.time_budget_s = key.time_budget_s;
  double charged_minutes = 0;
  PathValuer valuer(d, scoring_assistant_options());
  for (std::size_t i = 0; i < path.size(); ++i) {
    const PathEntry& e = path[i];
    switch (e.kind) {
      case PathKind::measurement:
      case PathKind::ds2:
      case PathKind::observation: {
        const std::size_t end = end_of_read(path, i);
        score_read(path, i, end, d, catalogue, valuer, s);
        i = end - 1;
        break;
      }
      case PathKind::replace:
      case PathKind::repair:
        charged_minutes += e.detail.minutes;
        if (!cures(key, e.detail.part)) {
          s.wrong_parts.push_back({i, e.detail.part, e.detail.price, e.detail.minutes, e.kind == PathKind::repair});
          s.wrong_parts_cost += e.detail.price;
        }
        break;
      case PathKind::hint: ++s.hints; break;
    }
  }
  s.time_used_s = submission.wall_s + 60 * charged_minutes;
  s.optimal = optimal;
  for (const auto& step : optimal.steps) s.optimal_bits += step.bits;
  s.optimal_cost_min = optimal_cost(optimal, catalogue);
  s.points = points_of(s);
  return s;
}

Score score_attempt(const AnswerKey& key, const std::vector<PathEntry>& path, const Submission& submission,
                    const diagnosis::Dictionary& d, const diagnosis::Catalogue& catalogue) {
  return score_attempt(key, path, submission, d, catalogue, optimal_path(key, d, catalogue));
}

}  // namespace bcmhil::training
