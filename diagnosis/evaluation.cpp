#include "evaluation.h"

#include "optimal_sequence.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace bcmhil::diagnosis {

namespace {

Session finish(const Assistant& a, int complaint, double cost) {
  Session s;
  s.observations = a.observations();
  s.complaint = complaint;
  s.cost_min = cost;
  s.ranking = a.ranking();
  s.explained = a.explained();
  s.unexplained = a.unexplained();
  return s;
}

double percentile(std::vector<double> xs, double q) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(xs.size()))) - 1;
  return xs[std::min(i, xs.size() - 1)];
}

int ceil_log2(int n) {
  int bits = 0;
  while ((1 << bits) < n) ++bits;
  return bits;
}

// Reads a variant's own outcome, with the evaluation's noise when `rng` is given.
struct Reader {
  const Dictionary& d;
  const EvaluationOptions& o;
  const std::vector<Reading>& row;
  std::mt19937* rng = nullptr;

  int operator()(int test) const {
    const Reading& r = row[test];
    if (!rng) return r.outcome;
    int outcome = r.outcome;
    if (o.classify && std::isfinite(r.raw)) {
      std::normal_distribution<double> noise(0.0, o.noise_relative);
      outcome = o.classify(test, r.raw * (1 + noise(*rng)));
    }
    const int k = static_cast<int>(d.tests[test].classes.size());
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (k > 1 && u(*rng) < o.misentered) {
      std::uniform_int_distribution<int> other(0, k - 2);
      const int pick = other(*rng);
      outcome = pick >= outcome ? pick + 1 : pick;
    }
    return outcome;
  }
};

bool in_top(const Session& s, int candidate, std::size_t n) {
  for (std::size_t i = 0; i < s.ranking.size() && i < n; ++i)
    if (s.ranking[i].candidate == candidate) return true;
  return false;
}

std::vector<int> row_of(const Dictionary& d, std::size_t v) {
  std::vector<int> row;
  for (const auto& r : d.readings[v]) row.push_back(r.outcome);
  return row;
}

void catalogue_limits(const Dictionary& d, const std::vector<double>& weights, double stop_at, Evaluation& e) {
  std::map<std::vector<int>, std::map<int, double>> by_row;  // candidate masses per full reading row
  for (std::size_t v = 0; v < d.variants.size(); ++v) by_row[row_of(d, v)][d.variants[v].candidate] += weights[v];
  int top1 = 0, held = 0, held_cases = 0;
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    const auto& masses = by_row[row_of(d, v)];
    double total = 0;
    for (const auto& [c, m] : masses) total += m;
    const int own = d.variants[v].candidate;
    const bool possible = total > 0 && masses.at(own) >= stop_at * total;
    top1 += possible;
    if (v < e.results.size()) e.results[v].top1_possible = possible;
    if (d.candidates[own].fault == "healthy") continue;
    ++held_cases;
    held += masses.size() == 1;
  }
  if (e.variants > 0) e.top1_possible = static_cast<double>(top1) / e.variants;
  if (held_cases > 0) e.held_out_possible = static_cast<double>(held) / held_cases;
}

// What a held-out session saw and concluded, and the cheapest test that would have shown the
// variant unlike the library candidate it ended nearest to.
HeldOutResult held_out_case(const Dictionary& d, std::size_t v, const Dictionary& reduced, const Session& s,
                            const std::vector<int>& complaint) {
  HeldOutResult h;
  h.variant = d.variants[v].id;
  h.truth = d.candidates[d.variants[v].candidate].key();
  const int nearest = s.ranking.front().candidate;
  h.nearest = reduced.candidates[nearest].key();
  h.nearest_probability = s.ranking.front().probability;
  h.unexplained = s.unexplained;
  h.flagged = !s.explained;
  h.measurements = static_cast<int>(s.observations.size()) - s.complaint;
  h.cost_min = s.cost_min;
  std::vector<bool> exposes(d.tests.size(), true);  // unlike every variant of the nearest candidate
  for (std::size_t w = 0; w < reduced.variants.size(); ++w) {
    if (reduced.variants[w].candidate != nearest) continue;
    for (std::size_t t = 0; t < d.tests.size(); ++t)
      if (reduced.readings[w][t].outcome == d.readings[v][t].outcome) exposes[t] = false;
  }
  h.by_complaint = true;  // unlike every variant left already on the complaint's readings
  for (std::size_t w = 0; w < reduced.variants.size() && h.by_complaint; ++w) {
    bool differs = false;
    for (int t : complaint) differs = differs || reduced.readings[w][t].outcome != d.readings[v][t].outcome;
    h.by_complaint = differs;
  }
  for (std::size_t t = 0; t < d.tests.size(); ++t)
    if (exposes[t] && (h.exposing_test.empty() || d.tests[t].cost_min < h.exposing_cost_min)) {
      h.exposing_test = d.tests[t].id;
      h.exposing_cost_min = d.tests[t].cost_min;
    }
  for (std::size_t i = 0; i < s.observations.size(); ++i) {
    const int t = s.observations[i].test;
    h.took_exposing = h.took_exposing || exposes[t];
    if (static_cast<int>(i) >= s.complaint) h.taken.push_back(d.tests[t].id);
  }
  return h;
}

}  // namespace

// The complaint's readings, told at the counter: no workshop minute.
static void hear_complaint(Assistant& a, const std::vector<int>& complaint, const std::function<int(int)>& read) {
  for (int t : complaint) a.observe({t, read(t)});
}

Session run_session(const Dictionary& d, const AssistantOptions& options, const std::function<int(int)>& read,
                    std::vector<double>* advice_ms, const std::vector<int>& complaint) {
  Assistant a(d, options);
  hear_complaint(a, complaint, read);
  double cost = 0;
  for (;;) {
    const auto start = std::chrono::steady_clock::now();
    int test = -1;
    if (!a.done()) test = a.next_test()->test;  // done() is false only while a test is worth taking
    (void)a.ranking();
    if (advice_ms)
      advice_ms->push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (test < 0) break;
    a.observe({test, read(test)});
    cost += d.tests[test].cost_min;
  }
  return finish(a, static_cast<int>(complaint.size()), cost);
}

Session run_checklist(const Dictionary& d, const AssistantOptions& options, const std::vector<int>& order,
                      const std::function<int(int)>& read, const std::vector<int>& complaint) {
  Assistant a(d, options);
  hear_complaint(a, complaint, read);
  std::vector<bool> heard(d.tests.size(), false);
  for (int t : complaint) heard.at(t) = true;
  double cost = 0;
  for (int t : order) {
    if (heard[t]) continue;
    if (a.done()) break;
    a.observe({t, read(t)});
    cost += d.tests[t].cost_min;
  }
  return finish(a, static_cast<int>(complaint.size()), cost);
}

Dictionary without_candidate(const Dictionary& d, int candidate) {
  Dictionary out = d;
  out.candidates.erase(out.candidates.begin() + candidate);
  out.variants.clear();
  out.readings.clear();
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    if (d.variants[v].candidate == candidate) continue;
    Variant variant = d.variants[v];
    if (variant.candidate > candidate) --variant.candidate;
    out.variants.push_back(variant);
    out.readings.push_back(d.readings[v]);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> indistinguishable_candidates(const Dictionary& d) {
  std::map<std::vector<int>, std::set<int>> by_signature;
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    std::vector<int> row;
    for (const auto& r : d.readings[v]) row.push_back(r.outcome);
    by_signature[row].insert(d.variants[v].candidate);
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [row, cands] : by_signature)
    for (int a : cands)
      for (int b : cands)
        if (a < b) pairs.insert({d.candidates[a].key(), d.candidates[b].key()});
  return {pairs.begin(), pairs.end()};
}

Evaluation evaluate(const Dictionary& d, const EvaluationOptions& o) {
  Evaluation e;
  e.variants = static_cast<int>(d.variants.size());
  e.candidates = static_cast<int>(d.candidates.size());
  e.bound = ceil_log2(e.candidates) + 2;
  e.complaint_tests = static_cast<int>(o.complaint.size());
  std::vector<int> order = o.checklist;
  if (order.empty())
    for (std::size_t t = 0; t < d.tests.size(); ++t) order.push_back(static_cast<int>(t));

  const auto weights = variant_weights(d);
  std::vector<double> advice_ms;
  int top1 = 0, top3 = 0;
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    const int truth = d.variants[v].candidate;
    VariantResult r;
    r.variant = d.variants[v].id;
    r.truth = d.candidates[truth].key();
    const Reader exact{d, o, d.readings[v]};
    const Session s = run_session(d, o.assistant, exact, &advice_ms, o.complaint);
    r.top = d.candidates[s.ranking.front().candidate].key();
    r.top_probability = s.ranking.front().probability;
    r.measurements = static_cast<int>(s.observations.size()) - s.complaint;
    r.cost_min = s.cost_min;
    r.top1_within_bound = s.ranking.front().candidate == truth && r.top_probability >= o.assistant.stop_at &&
                          r.measurements <= e.bound;
    r.checklist_cost_min = run_checklist(d, o.assistant, order, exact, o.complaint).cost_min;

    std::mt19937 rng(o.seed * 1000003u + static_cast<unsigned>(v));
    const Reader noisy{d, o, d.readings[v], &rng};
    r.top3_under_noise = in_top(run_session(d, o.assistant, noisy, nullptr, o.complaint), truth, 3);

    top1 += r.top1_within_bound;
    top3 += r.top3_under_noise;
    e.mean_cost_min += weights[v] * r.cost_min;
    e.checklist_cost_min += weights[v] * r.checklist_cost_min;
    e.results.push_back(std::move(r));
  }
  if (e.variants > 0) {
    e.top1_within_bound = static_cast<double>(top1) / e.variants;
    e.top3_under_noise = static_cast<double>(top3) / e.variants;
  }
  e.mean_cost_vs_checklist = e.checklist_cost_min > 0 ? e.mean_cost_min / e.checklist_cost_min : 0;
  e.advice_ms_p99 = percentile(advice_ms, 0.99);

  int flagged = 0;
  for (std::size_t c = 0; c < d.candidates.size(); ++c) {
    if (d.candidates[c].fault == "healthy") continue;
    const Dictionary reduced = without_candidate(d, static_cast<int>(c));
    if (reduced.variants.empty()) continue;
    for (std::size_t v = 0; v < d.variants.size(); ++v) {
      if (d.variants[v].candidate != static_cast<int>(c)) continue;
      const Reader exact{d, o, d.readings[v]};
      const Session s = run_session(reduced, o.assistant, exact, nullptr, o.complaint);
      e.held_out.push_back(held_out_case(d, v, reduced, s, o.complaint));
      ++e.held_out_cases;
      flagged += e.held_out.back().flagged;
      if (!e.held_out.back().flagged) e.held_out_missed.push_back(d.variants[v].id);
    }
  }
  if (e.held_out_cases > 0) e.held_out_flagged = static_cast<double>(flagged) / e.held_out_cases;

  if (o.optimal) {
    try {
      const auto best = optimal_sequence(d, o.assistant.stop_at, o.optimal_max_states, o.complaint);
      e.optimal_cost_min = best.expected_cost_min;
      e.optimal_states = best.states;
      e.mean_cost_vs_optimal = best.expected_cost_min > 0 ? e.mean_cost_min / best.expected_cost_min : 0;
    } catch (const std::runtime_error& error) {
      e.optimal_error = error.what();
    }
  }
  e.indistinguishable = indistinguishable_candidates(d);
  catalogue_limits(d, weights, o.assistant.stop_at, e);
  return e;
}

}  // namespace bcmhil::diagnosis
