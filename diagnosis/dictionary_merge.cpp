#include "dictionary_merge.h"

#include <algorithm>
#include <string>

namespace bcmhil::diagnosis {

namespace {

bool same_tests(const std::vector<TestInfo>& a, const std::vector<TestInfo>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const TestInfo& x, const TestInfo& y) {
    return x.id == y.id && x.cost_min == y.cost_min && x.unit == y.unit && x.classes == y.classes;
  });
}

bool same_candidates(const std::vector<Candidate>& a, const std::vector<Candidate>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Candidate& x, const Candidate& y) {
    return x.fault == y.fault && x.parameters == y.parameters && x.prior == y.prior;
  });
}

std::string part_name(const Dictionary& d) {
  return "part " + std::to_string(d.shard_index + 1) + "/" + std::to_string(d.shard_count);
}

void check_parts_fit(const std::vector<Dictionary>& parts) {
  const auto& first = parts.front();
  const auto count = static_cast<std::size_t>(first.shard_count);
  if (parts.size() != count)
    throw MergeError(std::to_string(parts.size()) + " parts given for a dictionary split " + std::to_string(count) +
                     " ways");
  for (const auto& p : parts) {
    const auto differs = [&](const std::string& what) {
      throw MergeError(part_name(p) + " has another " + what + " than " + part_name(first) + ": not parts of one dictionary");
    };
    if (p.shard_count != first.shard_count) differs("shard count");
    if (p.model_version != first.model_version) differs("model version");
    if (p.catalogue_sha256 != first.catalogue_sha256) differs("catalogue (sha256)");
    if (p.variants_sha256 != first.variants_sha256) differs("variants file (sha256)");
    if (!same_tests(p.tests, first.tests)) differs("test list");
    if (!same_candidates(p.candidates, first.candidates)) differs("candidate list");
  }
}

}  // namespace

Dictionary merge_dictionaries(std::vector<Dictionary> parts) {
  if (parts.empty()) throw MergeError("no dictionary to merge");
  check_parts_fit(parts);
  std::sort(parts.begin(), parts.end(), [](const Dictionary& a, const Dictionary& b) { return a.shard_index < b.shard_index; });
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].shard_index != static_cast<int>(i))
      throw MergeError("part " + std::to_string(i + 1) + "/" + std::to_string(parts.size()) +
                       " is missing (or another part is given twice)");

  Dictionary whole = parts.front();
  whole.variants.clear();
  whole.readings.clear();
  whole.shard_index = 0;
  whole.shard_count = 1;
  std::size_t total = 0;
  for (const auto& p : parts) total += p.variants.size();
  // Variant i was built by shard i % N, as its (i / N)-th: deal them back in that order.
  const std::size_t n = parts.size();
  for (std::size_t i = 0; i < total; ++i) {
    auto& part = parts[i % n];
    if (i / n >= part.variants.size())
      throw MergeError(part_name(part) + " has " + std::to_string(part.variants.size()) +
                       " variants, too few for its share of " + std::to_string(total));
    whole.variants.push_back(std::move(part.variants[i / n]));
    whole.readings.push_back(std::move(part.readings[i / n]));
  }
  return whole;
}

}  // namespace bcmhil::diagnosis
