#include "assistant.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bcmhil::diagnosis {

namespace {

double entropy_bits(const std::vector<double>& mass, double total) {
  if (total <= 0) return 0;
  double h = 0;
  for (double m : mass)
    if (m > 0) {
      const double p = m / total;
      h -= p * std::log2(p);
    }
  return h;
}

void check_dictionary(const Dictionary& d) {
  if (d.readings.size() != d.variants.size())
    throw std::invalid_argument("dictionary: " + std::to_string(d.variants.size()) + " variants but " +
                                std::to_string(d.readings.size()) + " rows of readings");
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    const int c = d.variants[v].candidate;
    if (c < 0 || c >= static_cast<int>(d.candidates.size()))
      throw std::invalid_argument("dictionary: variant " + d.variants[v].id + " names no candidate");
    if (d.readings[v].size() != d.tests.size())
      throw std::invalid_argument("dictionary: variant " + d.variants[v].id + " has " +
                                  std::to_string(d.readings[v].size()) + " readings for " +
                                  std::to_string(d.tests.size()) + " tests");
    for (std::size_t t = 0; t < d.tests.size(); ++t) {
      const int o = d.readings[v][t].outcome;
      if (o < 0 || o >= static_cast<int>(d.tests[t].classes.size()))
        throw std::invalid_argument("dictionary: variant " + d.variants[v].id + " reads class " + std::to_string(o) +
                                    " on test " + d.tests[t].id + ", which has " +
                                    std::to_string(d.tests[t].classes.size()));
    }
  }
}

}  // namespace

Assistant::Assistant(const Dictionary& dictionary, AssistantOptions options)
    : dictionary_(dictionary), options_(options) {
  check_dictionary(dictionary_);
  // A candidate's prior is shared among its variants, so a candidate simulated over a wider spread
  // does not weigh more than one simulated once.
  std::vector<int> variants_of(dictionary_.candidates.size(), 0);
  for (const auto& v : dictionary_.variants) ++variants_of[v.candidate];
  double total = 0;
  for (std::size_t c = 0; c < dictionary_.candidates.size(); ++c)
    if (variants_of[c] > 0) total += std::max(0.0, dictionary_.candidates[c].prior);
  if (total <= 0) throw std::invalid_argument("dictionary: no candidate has a variant and a positive prior");
  log_weight_.resize(dictionary_.variants.size());
  for (std::size_t v = 0; v < dictionary_.variants.size(); ++v) {
    const int c = dictionary_.variants[v].candidate;
    const double p = (1 - options_.unexplained_prior) * dictionary_.candidates[c].prior / total / variants_of[c];
    log_weight_[v] = p > 0 ? std::log(p) : -INFINITY;
  }
  // "Not explained" near each variant, with that variant's share of its prior. A deviating true
  // class is drawn from the library's mix of true classes on the test (the priors' mix of what the
  // variants read), half of it flat 1/K: a fault outside the library mostly reads what faults
  // read, and may read what none does.
  const double unexplained = options_.unexplained_prior > 0 ? std::log(options_.unexplained_prior) : -INFINITY;
  near_log_weight_.resize(log_weight_.size());
  double library = 0;
  for (double w : log_weight_) library += std::exp(w);
  for (std::size_t v = 0; v < log_weight_.size(); ++v)
    near_log_weight_[v] = unexplained + log_weight_[v] - std::log(library);
  deviation_.assign(dictionary_.tests.size(), {});
  channel_.assign(dictionary_.tests.size(), {});
  for (std::size_t t = 0; t < dictionary_.tests.size(); ++t) {
    auto& p = deviation_[t];
    p.assign(dictionary_.tests[t].classes.size(), 0.0);
    channel_[t].assign(p.size(), 1.0);
    double sum = 0;
    for (std::size_t v = 0; v < log_weight_.size(); ++v) {
      const double w = std::exp(log_weight_[v]);
      p[dictionary_.readings[v][t].outcome] += w;
      sum += w;
    }
    const double flat = options_.unexplained_flat / static_cast<double>(p.size());
    for (double& x : p) x = (1 - options_.unexplained_flat) * x / sum + flat;
  }
  skipped_.assign(dictionary_.tests.size(), false);
  times_taken_.assign(dictionary_.tests.size(), 0);
  mismatches_.assign(dictionary_.variants.size(), 0);
  normalise();
}

double Assistant::reads(int test, int shown, int outcome) const {
  const int k = static_cast<int>(dictionary_.tests[test].classes.size());
  if (k <= 1) return 1;
  return shown == outcome ? 1 - options_.misread : options_.misread / (k - 1);
}

double Assistant::likelihood(int variant, int test, int outcome) const {
  return reads(test, dictionary_.readings[variant][test].outcome, outcome);
}

double Assistant::near_likelihood(int base, int test) const {
  const auto& ch = channel_[test];
  const auto& dev = deviation_[test];
  double deviating = 0;
  for (std::size_t c = 0; c < ch.size(); ++c) deviating += dev[c] * ch[c];
  const double q = options_.unexplained_deviation;
  return (1 - q) * ch[dictionary_.readings[base][test].outcome] + q * deviating;
}

std::vector<double> Assistant::unexplained_predictive(int test) const {
  const auto& ch = channel_.at(test);
  const auto& dev = deviation_[test];
  const int k = static_cast<int>(ch.size());
  const double q = options_.unexplained_deviation;
  // The bases' weight per the class they read on this test: bases reading alike predict alike.
  std::vector<double> by_class(k, 0.0);
  for (std::size_t v = 0; v < near_p_.size(); ++v) by_class[dictionary_.readings[v][test].outcome] += near_p_[v];
  double before_dev = 0;
  for (int c = 0; c < k; ++c) before_dev += dev[c] * ch[c];
  std::vector<double> out(k, 0.0);
  for (int o = 0; o < k; ++o) {
    double after_dev = 0;
    for (int c = 0; c < k; ++c) after_dev += dev[c] * ch[c] * reads(test, c, o);
    for (int c = 0; c < k; ++c) {
      if (by_class[c] <= 0) continue;
      const double before = (1 - q) * ch[c] + q * before_dev;
      const double after = (1 - q) * ch[c] * reads(test, c, o) + q * after_dev;
      out[o] += by_class[c] * after / before;
    }
  }
  return out;
}

void Assistant::observe(const Observation& o) {
  if (o.test < 0 || o.test >= static_cast<int>(dictionary_.tests.size()))
    throw std::invalid_argument("no test number " + std::to_string(o.test) + " in the dictionary");
  const auto& test = dictionary_.tests[o.test];
  if (o.outcome < 0 || o.outcome >= static_cast<int>(test.classes.size()))
    throw std::invalid_argument("test " + test.id + " has no outcome class number " + std::to_string(o.outcome));
  for (std::size_t v = 0; v < log_weight_.size(); ++v) {
    log_weight_[v] += std::log(likelihood(static_cast<int>(v), o.test, o.outcome));
    mismatches_[v] += dictionary_.readings[v][o.test].outcome != o.outcome;
  }
  // "Not explained" near each variant: the test's readings so far are read together (its true
  // class on a test is one, however often the test is read), so a repeated test does not favour it.
  for (std::size_t v = 0; v < near_log_weight_.size(); ++v)
    near_log_weight_[v] -= std::log(near_likelihood(static_cast<int>(v), o.test));
  auto& ch = channel_[o.test];
  for (std::size_t c = 0; c < ch.size(); ++c) ch[c] *= reads(o.test, static_cast<int>(c), o.outcome);
  for (std::size_t v = 0; v < near_log_weight_.size(); ++v)
    near_log_weight_[v] += std::log(near_likelihood(static_cast<int>(v), o.test));
  observations_.push_back(o);
  ++times_taken_[o.test];
  // A surprise: no variant that read everything so far reads this. Take it again, once.
  const int least = *std::min_element(mismatches_.begin(), mismatches_.end());
  to_confirm_.erase(std::remove(to_confirm_.begin(), to_confirm_.end(), o.test), to_confirm_.end());
  if (options_.confirm_surprises && least > least_mismatches_ && times_taken_[o.test] == 1) to_confirm_.push_back(o.test);
  least_mismatches_ = least;
  normalise();
}

void Assistant::normalise() {
  double near_top = -INFINITY;
  for (double w : near_log_weight_) near_top = std::max(near_top, w);
  double near_sum = 0;
  near_p_.resize(near_log_weight_.size());
  for (std::size_t v = 0; v < near_p_.size(); ++v) near_sum += near_p_[v] = std::exp(near_log_weight_[v] - near_top);
  for (double& p : near_p_) p = near_sum > 0 ? p / near_sum : 0;
  unexplained_log_weight_ = near_sum > 0 ? near_top + std::log(near_sum) : -INFINITY;
  double top = unexplained_log_weight_;
  for (double w : log_weight_) top = std::max(top, w);
  double sum = std::exp(unexplained_log_weight_ - top);
  variant_p_.resize(log_weight_.size());
  for (std::size_t v = 0; v < log_weight_.size(); ++v) sum += variant_p_[v] = std::exp(log_weight_[v] - top);
  for (double& p : variant_p_) p /= sum;
  unexplained_p_ = std::exp(unexplained_log_weight_ - top) / sum;
  candidate_p_.assign(dictionary_.candidates.size(), 0.0);
  for (std::size_t v = 0; v < variant_p_.size(); ++v) candidate_p_[dictionary_.variants[v].candidate] += variant_p_[v];
}

std::vector<RankedCandidate> Assistant::ranking() const {
  std::vector<RankedCandidate> out;
  out.reserve(candidate_p_.size());
  for (std::size_t c = 0; c < candidate_p_.size(); ++c) out.push_back({static_cast<int>(c), candidate_p_[c]});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.probability > b.probability; });
  return out;
}

double Assistant::probability(int candidate) const { return candidate_p_.at(candidate); }
double Assistant::unexplained() const { return unexplained_p_; }

bool Assistant::explained() const {
  if (*std::min_element(mismatches_.begin(), mismatches_.end()) > 0) return false;
  return unexplained_p_ < *std::max_element(candidate_p_.begin(), candidate_p_.end());
}

bool Assistant::stop_reached() const {
  if (unexplained_p_ >= options_.stop_at) return true;
  if (*std::max_element(candidate_p_.begin(), candidate_p_.end()) >= options_.stop_at) return true;
  if (ambiguous()) return true;
  return !most_informative().has_value();
}

bool Assistant::done() const {
  if (!to_confirm_.empty()) return false;
  return stop_reached() && !confirmation().has_value();
}

std::vector<int> Assistant::ambiguity_group() const {
  std::vector<int> plausible;
  for (std::size_t v = 0; v < variant_p_.size(); ++v)
    if (variant_p_[v] >= options_.ambiguity_floor) plausible.push_back(static_cast<int>(v));
  if (plausible.empty()) return {};
  for (std::size_t t = 0; t < dictionary_.tests.size(); ++t) {
    if (!available(static_cast<int>(t))) continue;
    const int first = dictionary_.readings[plausible.front()][t].outcome;
    for (int v : plausible)
      if (dictionary_.readings[v][t].outcome != first) return {};  // this test still splits them
  }
  std::vector<int> group;
  for (int v : plausible) group.push_back(dictionary_.variants[v].candidate);
  std::sort(group.begin(), group.end());
  group.erase(std::unique(group.begin(), group.end()), group.end());
  if (group.size() < 2) return {};
  std::stable_sort(group.begin(), group.end(), [&](int a, int b) { return candidate_p_[a] > candidate_p_[b]; });
  return group;
}

double Assistant::expected_gain_bits(int test) const { return gain_under(variant_p_, unexplained_p_, test); }

// The expected information about the candidates (and "not explained") that `test` gives when the
// variants' posterior is `vp` and "not explained"'s is `up`.
double Assistant::gain_under(const std::vector<double>& vp, double up, int test) const {
  const int k = static_cast<int>(dictionary_.tests.at(test).classes.size());
  if (k <= 1) return 0;
  // Hypotheses: the candidates, then "not explained" last.
  const std::size_t n = dictionary_.candidates.size() + 1;
  std::vector<double> prior_mass(n, 0.0);
  std::vector<std::vector<double>> mass(k, std::vector<double>(n, 0.0));
  const double other = options_.misread / (k - 1);
  for (std::size_t v = 0; v < vp.size(); ++v) {
    const double p = vp[v];
    if (p < 1e-12) continue;
    const int c = dictionary_.variants[v].candidate;
    prior_mass[c] += p;
    const int shown = dictionary_.readings[v][test].outcome;
    for (int o = 0; o < k; ++o) mass[o][c] += p * (o == shown ? 1 - options_.misread : other);
  }
  prior_mass[n - 1] = up;
  double total_before = 0;
  for (double m : prior_mass) total_before += m;
  const double h_before = entropy_bits(prior_mass, total_before);
  const auto unexplained = up > 1e-12 ? unexplained_predictive(test) : std::vector<double>(k, 0.0);
  double h_after = 0;
  for (int o = 0; o < k; ++o) {
    mass[o][n - 1] = up * unexplained[o];
    double total = 0;
    for (double m : mass[o]) total += m;
    h_after += total / total_before * entropy_bits(mass[o], total);
  }
  return std::max(0.0, h_before - h_after);
}

bool Assistant::available(int test) const {
  return !skipped_[test] && times_taken_[test] < std::max(1, options_.max_takes);
}

double Assistant::charged(int test) const { return std::max(dictionary_.tests[test].cost_min, options_.cost_floor_min); }

std::optional<TestChoice> Assistant::next_test() const {
  if (!to_confirm_.empty()) return TestChoice{to_confirm_.front(), true, false, expected_gain_bits(to_confirm_.front()), 0.0};
  if (stop_reached()) return confirmation();
  return most_informative();
}

std::optional<TestChoice> Assistant::most_informative() const {
  std::optional<TestChoice> best;
  for (std::size_t t = 0; t < dictionary_.tests.size(); ++t) {
    if (!available(static_cast<int>(t))) continue;
    const double gain = expected_gain_bits(static_cast<int>(t));
    if (gain < options_.min_gain_bits) continue;
    const double per_minute = gain / charged(static_cast<int>(t));
    if (!best || per_minute > best->per_minute) best = TestChoice{static_cast<int>(t), false, false, gain, per_minute};
  }
  return best;
}

int Assistant::leader_class(int candidate, int test) const {
  std::vector<double> mass(dictionary_.tests[test].classes.size(), 0.0);
  for (std::size_t v = 0; v < variant_p_.size(); ++v)
    if (dictionary_.variants[v].candidate == candidate) mass[dictionary_.readings[v][test].outcome] += variant_p_[v];
  return static_cast<int>(std::max_element(mass.begin(), mass.end()) - mass.begin());
}

std::optional<TestChoice> Assistant::confirmation() const {
  if (options_.wrong_verdict_min <= 0 || unexplained_p_ >= options_.stop_at) return std::nullopt;
  const int leader = static_cast<int>(std::max_element(candidate_p_.begin(), candidate_p_.end()) - candidate_p_.begin());
  std::optional<TestChoice> best;
  const double at_most = unexplained_p_ * options_.wrong_verdict_min;  // a test that surely exposes it
  for (std::size_t t = 0; t < dictionary_.tests.size(); ++t) {
    if (skipped_[t] || times_taken_[t] > 0 || dictionary_.tests[t].classes.size() < 2) continue;
    if (std::max(dictionary_.tests[t].cost_min, 1.0) >= at_most) continue;
    const auto predicted = unexplained_predictive(static_cast<int>(t));
    const double exposes = 1 - predicted[leader_class(leader, static_cast<int>(t))];
    const double saved = unexplained_p_ * exposes * options_.wrong_verdict_min;  // minutes, expected
    const double minutes = std::max(dictionary_.tests[t].cost_min, 1.0);  // a look takes a minute
    if (saved <= minutes) continue;
    const double per_minute = saved / minutes;
    if (!best || per_minute > best->per_minute)
      best = TestChoice{static_cast<int>(t), false, true, expected_gain_bits(static_cast<int>(t)), per_minute};
  }
  return best;
}

std::vector<RankedCandidate> Assistant::pointed_at(int test, int outcome) const {
  std::vector<double> mass(dictionary_.candidates.size(), 0.0);
  for (std::size_t v = 0; v < variant_p_.size(); ++v)
    if (dictionary_.readings[v][test].outcome == outcome) mass[dictionary_.variants[v].candidate] += variant_p_[v];
  std::vector<RankedCandidate> out;
  for (std::size_t c = 0; c < mass.size(); ++c)
    if (mass[c] > 0) out.push_back({static_cast<int>(c), mass[c]});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.probability > b.probability; });
  return out;
}

}  // namespace bcmhil::diagnosis
