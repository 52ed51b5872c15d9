#include "optimal_sequence.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace bcmhil::diagnosis {

std::vector<double> variant_weights(const Dictionary& d) {
  std::vector<int> variants_of(d.candidates.size(), 0);
  for (const auto& v : d.variants) ++variants_of.at(v.candidate);
  std::vector<double> w(d.variants.size(), 0.0);
  double total = 0;
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    const int c = d.variants[v].candidate;
    total += w[v] = std::max(0.0, d.candidates[c].prior) / variants_of[c];
  }
  if (total > 0)
    for (double& x : w) x /= total;
  return w;
}

namespace {

constexpr std::size_t kWords = 8;  // up to 512 distinct signatures
using Bits = std::array<std::uint64_t, kWords>;

bool empty(const Bits& b) {
  for (auto w : b)
    if (w) return false;
  return true;
}

Bits operator&(const Bits& a, const Bits& b) {
  Bits r;
  for (std::size_t i = 0; i < kWords; ++i) r[i] = a[i] & b[i];
  return r;
}

struct BitsHash {
  std::size_t operator()(const Bits& b) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (auto w : b) h = (h ^ w) * 0x100000001b3ull + (h >> 29);
    return static_cast<std::size_t>(h);
  }
};

template <class F>
void for_each_bit(const Bits& b, F&& f) {
  for (std::size_t i = 0; i < kWords; ++i)
    for (std::uint64_t w = b[i]; w; w &= w - 1) f(static_cast<int>(i * 64 + __builtin_ctzll(w)));
}

// Variants that read alike on every test: the search cannot tell them apart, so they travel as one.
struct Signature {
  std::vector<std::pair<int, double>> candidate_weight;  // candidate, summed variant weight
  double weight = 0;
  double entropy = 0;  // of the candidates within: what no test can reduce
};

class Search {
 public:
  Search(const Dictionary& d, double stop_at, std::size_t max_states)
      : d_(d), stop_at_(stop_at), max_states_(max_states), scratch_(d.candidates.size(), 0.0) {
    const auto w = variant_weights(d);
    std::map<std::vector<int>, int> index;
    for (std::size_t v = 0; v < d.variants.size(); ++v) {
      if (w[v] <= 0) continue;
      std::vector<int> row;
      for (const auto& r : d.readings[v]) row.push_back(r.outcome);
      auto [it, fresh] = index.emplace(row, static_cast<int>(sigs_.size()));
      if (fresh) {
        sigs_.emplace_back();
        rows_.push_back(row);
      }
      auto& sig = sigs_[it->second];
      auto at = std::find_if(sig.candidate_weight.begin(), sig.candidate_weight.end(),
                             [&](const auto& cw) { return cw.first == d.variants[v].candidate; });
      if (at == sig.candidate_weight.end())
        sig.candidate_weight.push_back({d.variants[v].candidate, w[v]});
      else
        at->second += w[v];
      sig.weight += w[v];
    }
    if (sigs_.size() > kWords * 64)
      throw std::runtime_error("optimal sequence: more than " + std::to_string(kWords * 64) +
                               " variants that read differently; too many to solve exactly");
    for (auto& sig : sigs_)
      for (const auto& [c, cw] : sig.candidate_weight) sig.entropy -= cw / sig.weight * std::log2(cw / sig.weight);
    // free_class_[i]: which signatures the free tests (cost 0) alone cannot tell from i.
    std::map<std::vector<int>, int> free_index;
    for (std::size_t i = 0; i < sigs_.size(); ++i) {
      std::vector<int> free;
      for (std::size_t t = 0; t < d.tests.size(); ++t)
        if (d.tests[t].cost_min <= 0) free.push_back(rows_[i][t]);
      free_class_.push_back(free_index.emplace(free, static_cast<int>(free_index.size())).first->second);
    }
    // outcome_bits_[t][o]: the signatures that read class o on test t.
    outcome_bits_.resize(d.tests.size());
    for (std::size_t t = 0; t < d.tests.size(); ++t) {
      outcome_bits_[t].assign(d.tests[t].classes.size(), Bits{});
      for (std::size_t i = 0; i < sigs_.size(); ++i) {
        const int o = rows_[i][t];
        outcome_bits_[t][o][i / 64] |= std::uint64_t{1} << (i % 64);
      }
    }
  }

  // The expected least cost over the complaints: the signatures grouped by what they read on the
  // complaint's tests, each group solved on its own and weighted by its mass.
  double solve_from(const std::vector<int>& complaint) {
    std::map<std::vector<int>, Bits> groups;
    for (std::size_t i = 0; i < sigs_.size(); ++i) {
      std::vector<int> heard;
      for (int t : complaint) heard.push_back(rows_[i].at(t));
      groups[heard][i / 64] |= std::uint64_t{1} << (i % 64);
    }
    double expected = 0;
    for (const auto& [heard, group] : groups) expected += mass(group) * solve(group, std::numeric_limits<double>::infinity());
    return expected;
  }
  std::size_t states() const { return memo_.size(); }

 private:
  double mass(const Bits& s) const {
    double m = 0;
    for_each_bit(s, [&](int i) { m += sigs_[i].weight; });
    return m;
  }

  // Candidate masses of `s` into scratch_; returns the touched candidates.
  const std::vector<int>& candidate_masses(const Bits& s) const {
    for (int c : touched_) scratch_[c] = 0;
    touched_.clear();
    for_each_bit(s, [&](int i) {
      for (const auto& [c, w] : sigs_[i].candidate_weight) {
        if (scratch_[c] == 0) touched_.push_back(c);
        scratch_[c] += w;
      }
    });
    return touched_;
  }

  bool single(const Bits& s) const {
    int seen = 0;
    for (auto w : s) {
      seen += __builtin_popcountll(w);
      if (seen > 1) return false;
    }
    return true;
  }

  bool terminal(const Bits& s) const {
    if (single(s)) return true;
    double total = 0, top = 0;
    for (int c : candidate_masses(s)) {
      total += scratch_[c];
      top = std::max(top, scratch_[c]);
    }
    return top >= stop_at_ * total;
  }

  int parts_of(const Bits& s, std::size_t t) const {
    int n = 0;
    for (const auto& b : outcome_bits_[t]) n += !empty(s & b);
    return n;
  }

  // A lower bound on the cost still to pay from `s` (admissible, so the search stays exact):
  // - one test at least, the cheapest that splits it;
  // - information: the tree must gain H(candidates) less what a leaf may keep (one candidate at
  //   stop_at, the rest spread over the others: h(1 - stop_at) + (1 - stop_at) log2(n - 1); or one
  //   set of variants that no test splits, with its own mix) less what the free tests can tell
  //   together; a paid test gives at most log2 of the number of parts it splits `s` into.
  double lower_bound(const Bits& s) const {
    if (terminal(s)) return 0;
    double cheapest = std::numeric_limits<double>::infinity();
    double per_bit = std::numeric_limits<double>::infinity();  // over the tests that cost something
    for (std::size_t t = 0; t < d_.tests.size(); ++t) {
      const int parts = parts_of(s, t);
      if (parts < 2) continue;
      cheapest = std::min(cheapest, d_.tests[t].cost_min);
      if (d_.tests[t].cost_min > 0)
        per_bit = std::min(per_bit, d_.tests[t].cost_min / std::log2(static_cast<double>(parts)));
    }
    if (!std::isfinite(cheapest)) return 0;  // nothing splits it
    const auto& cands = candidate_masses(s);
    double total = 0;
    for (int c : cands) total += scratch_[c];
    double h = 0;
    for (int c : cands) h -= scratch_[c] / total * std::log2(scratch_[c] / total);
    const double rest = 1 - stop_at_;
    const double n = static_cast<double>(cands.size());
    double leaf = n > 1 && rest > 0 && rest < 1 ? -rest * std::log2(rest) - (1 - rest) * std::log2(1 - rest) : 0;
    if (n > 2) leaf += rest * std::log2(n - 1);
    for_each_bit(s, [&](int i) { leaf = std::max(leaf, sigs_[i].entropy); });
    // The free tests (the owner's complaint, a look) give at most what all of them together tell
    // apart, at no cost; the rest must be paid for.
    std::map<int, double> by_free;
    for_each_bit(s, [&](int i) { by_free[free_class_[i]] += sigs_[i].weight; });
    double free_bits = 0;
    for (const auto& [f, m] : by_free) free_bits -= m / total * std::log2(m / total);
    if (!std::isfinite(per_bit)) return cheapest;
    return std::max(cheapest, per_bit * (h - leaf - free_bits));
  }

  struct Split {
    int test;
    double rank;  // information per minute: the order in which tests are tried
    std::vector<Bits> parts;
  };

  // The tests that split `s`, one per distinct partition (the cheapest), the most promising first
  // (information per minute) so that a good bound is found early.
  std::vector<Split> splits(const Bits& s, double total) const {
    std::vector<Split> out;
    for (std::size_t t = 0; t < d_.tests.size(); ++t) {
      std::vector<Bits> parts;
      for (const auto& b : outcome_bits_[t]) {
        const Bits p = s & b;
        if (!empty(p)) parts.push_back(p);
      }
      if (parts.size() < 2) continue;
      std::sort(parts.begin(), parts.end());
      auto it = std::find_if(out.begin(), out.end(), [&](const Split& x) { return x.parts == parts; });
      if (it == out.end()) {
        double info = 0;
        for (const auto& p : parts) {
          const double q = mass(p) / total;
          if (q > 0) info -= q * std::log2(q);
        }
        out.push_back({static_cast<int>(t), info, std::move(parts)});
      } else if (d_.tests[t].cost_min < d_.tests[it->test].cost_min) {
        it->test = static_cast<int>(t);
      }
    }
    for (auto& split : out) split.rank /= std::max(d_.tests[split.test].cost_min, 1e-3);
    std::sort(out.begin(), out.end(), [](const Split& a, const Split& b) { return a.rank > b.rank; });
    return out;
  }

  struct Known {
    double value;
    bool exact;  // else a lower bound: the search was cut at that budget
  };

  // The least expected cost from `s`, when it is below `budget`; otherwise some lower bound that
  // is >= budget (branch and bound with a memo of exact values and of proven lower bounds).
  double solve(const Bits& s, double budget) {
    if (terminal(s)) return 0;
    if (auto it = memo_.find(s); it != memo_.end()) {
      if (it->second.exact || it->second.value >= budget) return it->second.value;
    }
    if (memo_.size() >= max_states_)
      throw std::runtime_error("optimal sequence: more than " + std::to_string(max_states_) +
                               " sets of consistent variants; the catalogue is too large to solve exactly");
    const double total = mass(s);
    double best = budget;
    bool found = false;
    const auto candidates = splits(s, total);
    for (const auto& split : candidates) {
      std::vector<double> share, bound;
      double cost = d_.tests[split.test].cost_min;
      for (const auto& p : split.parts) {
        share.push_back(mass(p) / total);
        bound.push_back(lower_bound(p));
        cost += share.back() * bound.back();
      }
      if (cost >= best) continue;
      bool beaten = false;  // by the best so far: a child cost at least its budget
      for (std::size_t i = 0; i < split.parts.size() && !beaten; ++i) {
        if (bound[i] == 0 && terminal(split.parts[i])) continue;
        const double child_budget = bound[i] + (best - cost) / share[i];
        const double child = solve(split.parts[i], child_budget);
        // Compared with the budget itself, not through the sum: rounding must not turn a child's
        // lower bound into an exact cost.
        beaten = child >= child_budget;
        cost += share[i] * (child - bound[i]);
      }
      if (!beaten && cost < best) {
        best = cost;
        found = true;
      }
    }
    if (candidates.empty()) {  // nothing splits it: the variants are indistinguishable
      best = 0;
      found = true;
    }
    memo_[s] = {best, found};
    return best;
  }

  const Dictionary& d_;
  double stop_at_;
  std::size_t max_states_;
  std::vector<Signature> sigs_;
  std::vector<std::vector<int>> rows_;  // per signature: the outcome of every test
  std::vector<std::vector<Bits>> outcome_bits_;
  std::vector<int> free_class_;
  mutable std::vector<double> scratch_;
  mutable std::vector<int> touched_;
  std::unordered_map<Bits, Known, BitsHash> memo_;
};

}  // namespace

OptimalSequence optimal_sequence(const Dictionary& dictionary, double stop_at, std::size_t max_states,
                                 const std::vector<int>& complaint) {
  Search search(dictionary, stop_at, max_states);
  OptimalSequence out;
  out.expected_cost_min = search.solve_from(complaint);
  out.states = search.states();
  return out;
}

}  // namespace bcmhil::diagnosis
