#include "diagnosis/catalogue.h"
#include "diagnosis/dictionary_builder.h"
#include "diagnosis/dictionary_cache.h"
#include "diagnosis/dictionary_io.h"
#include "diagnosis/dictionary_merge.h"
#include "diagnosis/fork_pool.h"
#include "diagnosis/model_version.h"
#include "diagnosis/variants.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace bcmhil::diagnosis {
namespace {

// A few cars of the shipped library, so that the test stays short; the whole shipped dictionary
// is the ctest fixture's (and `bcmhil dictionary`'s).
VariantsFile few_variants() {
  return parse_variants(
      "format: bcmhil-variants/1\n"
      "examine_at: 6 s\n"
      "candidates:\n"
      "  - {fault: healthy, prior: 10}\n"
      "  - {fault: bad_ground, where: {point: hatch}, prior: 2, spread: {resistance: [1 ohm, 20 ohm]}}\n"
      "  - {fault: actuator_failure, where: {mode: shorted}, prior: 1}\n"
      "  - {fault: hinge_wire_open, where: {wire: tailgate_feed}, prior: 3}\n"
      "  - {fault: blown_fuse, where: {fuse: F9}, prior: 1}\n",
      "few.yaml");
}

Catalogue first_tests(std::size_t n) {
  auto c = load_catalogue(shipped_catalogue_path());
  if (c.tests.size() > n) c.tests.resize(n);
  return c;
}

TEST(DictionaryBuilder, SameInputsSameBytesWhateverTheParallelism) {
  const auto catalogue = first_tests(8);
  const auto variants = few_variants();
  BuildOptions one;
  BuildOptions three;
  three.jobs = 3;
  std::size_t reported = 0;
  three.progress = [&](std::size_t done, std::size_t total, const std::string&) {
    EXPECT_EQ(total, variants.cars.size());
    reported = done;
  };
  const auto a = build_dictionary(catalogue, variants, one);
  const auto b = build_dictionary(catalogue, variants, three);
  EXPECT_EQ(dictionary_json(a), dictionary_json(b));
  EXPECT_EQ(reported, variants.cars.size());
  EXPECT_EQ(a.model_version, model_version());
  EXPECT_EQ(a.variants_sha256, variants.sha256);
  EXPECT_EQ(a.catalogue_sha256, catalogue.sha256);
  ASSERT_EQ(a.readings.size(), variants.cars.size());
  for (const auto& row : a.readings) EXPECT_EQ(row.size(), catalogue.tests.size());
  // The table tells cars apart: not every variant reads like the healthy car.
  std::size_t differ = 0;
  for (std::size_t v = 1; v < a.readings.size(); ++v)
    for (std::size_t t = 0; t < catalogue.tests.size(); ++t) differ += a.readings[v][t].outcome != a.readings[0][t].outcome;
  EXPECT_GT(differ, 0u);
}

TEST(DictionaryBuilder, ShardsMergeIntoExactlyTheWhole) {
  const auto catalogue = first_tests(4);
  const auto variants = few_variants();
  const auto whole = dictionary_json(build_dictionary(catalogue, variants));
  std::vector<Dictionary> parts;
  for (int k = 2; k >= 0; --k) {
    BuildOptions o;
    o.shard = {k, 3};
    parts.push_back(parse_dictionary(dictionary_json(build_dictionary(catalogue, variants, o)), "part", model_version()));
  }
  EXPECT_EQ(parts[0].variants.size(), 2u);  // shard 3/3 of 6 variants: 2 and 5
  EXPECT_EQ(dictionary_json(merge_dictionaries(parts)), whole);
}

TEST(DictionaryBuilder, AFaultTheModelRejectsNamesVariantAndPlace) {
  const auto variants = parse_variants(
      "format: bcmhil-variants/1\nexamine_at: 1 s\ncandidates:\n"
      "  - {fault: pin_bridge, where: {from: X330.4, to: X331.23}, prior: 1}\n",
      "far.yaml");
  try {
    build_dictionary(first_tests(1), variants);
    FAIL() << "built";
  } catch (const ChildRejectedInput& e) {  // invalid input (exit 2), not a broken model
    const std::string message = e.what();
    EXPECT_NE(message.find("variant pin_bridge{from=X330.4,to=X331.23}#0"), std::string::npos) << message;
    EXPECT_NE(message.find("far.yaml:4:5"), std::string::npos) << message;
    EXPECT_NE(message.find("not adjacent"), std::string::npos) << message;
  }
}

// The suite's ctest fixture (dictionary_cache_build) has built the shipped dictionary into the
// build tree's cache: this finds it there and builds nothing.
TEST(DictionaryCache, TheFixtureBuiltTheShippedDictionaryOnce) {
  const auto catalogue = load_catalogue(shipped_catalogue_path());
  const auto variants = load_variants(shipped_variants_path());
  if (access(cached_dictionary_path(catalogue, variants).c_str(), F_OK) != 0)
    GTEST_SKIP() << "run through ctest: its fixture dictionary_cache_build fills the cache first";
  bool built = true;
  const auto d = load_or_build_dictionary({}, &built);
  EXPECT_FALSE(built);
  EXPECT_EQ(d.variants.size(), load_variants(shipped_variants_path()).cars.size());
  EXPECT_EQ(d.model_version, model_version());
}

}  // namespace
}  // namespace bcmhil::diagnosis
