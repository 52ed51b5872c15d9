#include "bench/scaleout/shard.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace bcmhil::scaleout {
namespace {

Environment fake(std::map<std::string, std::string> vars) {
  auto held = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [held](const char* name) -> const char* {
    const auto it = held->find(name);
    return it == held->end() ? nullptr : it->second.c_str();
  };
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ShardError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Shard, EveryItemBelongsToExactlyOneShard) {
  for (int count = 1; count <= 7; ++count) {
    std::multiset<std::size_t> seen;
    for (int index = 0; index < count; ++index)
      for (std::size_t item : Shard{index, count}.owned(23)) {
        EXPECT_TRUE((Shard{index, count}.owns(item)));
        seen.insert(item);
      }
    ASSERT_EQ(seen.size(), 23u) << count;
    for (std::size_t i = 0; i < 23; ++i) EXPECT_EQ(seen.count(i), 1u) << "item " << i << " of " << count << " shards";
  }
}

TEST(Shard, InterleavesSoSortedListsSpreadEvenly) {
  EXPECT_EQ((Shard{1, 4}.owned(10)), (std::vector<std::size_t>{1, 5, 9}));
  EXPECT_TRUE(Shard{}.whole());
  EXPECT_EQ((Shard{3, 5}.owned(3)), std::vector<std::size_t>{});  // more shards than items: an empty share
}

TEST(Shard, CommandLineIsOneBased) {
  EXPECT_EQ(parse_shard("1/4"), (Shard{0, 4}));
  EXPECT_EQ(parse_shard("4/4"), (Shard{3, 4}));
  EXPECT_EQ(parse_shard("1/1"), (Shard{0, 1}));
  EXPECT_EQ((Shard{1, 4}.label()), "2/4");
}

TEST(Shard, MalformedOptionIsRefusedNamingIt) {
  for (const char* bad : {"", "2", "2/", "/4", "0/4", "5/4", "2/0", "-1/4", "+1/4", " 1/4", "1/4 ", "1/4/2", "a/b",
                          "1.0/4", "99999999999/99999999999", "auto/2"}) {
    const std::string message = error_of([&] { parse_shard(bad); });
    EXPECT_NE(message.find("--shard \"" + std::string(bad) + "\""), std::string::npos) << bad << ": " << message;
  }
}

TEST(Shard, OptionDefaultsToTheWholeRunAndReadsTheEnvironmentOnlyOnRequest) {
  const auto env = fake({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "3"}});
  EXPECT_EQ(shard_option("", env), Shard{});
  EXPECT_EQ(shard_option("auto", env), (Shard{1, 3}));
  EXPECT_EQ(shard_option("3/3", env), (Shard{2, 3}));
  EXPECT_NE(error_of([] { shard_option("auto", fake({})); }).find("neither SLURM_ARRAY_TASK_ID"), std::string::npos);
}

TEST(Shard, SlurmArrayTaskCountsFromTheArraysMinimumInSteps) {
  // sbatch --array=0-3 sets these for its third task (slurm.conf(5), sbatch(1) "OUTPUT ENVIRONMENT VARIABLES").
  EXPECT_EQ(shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "2"},
                                         {"SLURM_ARRAY_TASK_MIN", "0"},
                                         {"SLURM_ARRAY_TASK_MAX", "3"},
                                         {"SLURM_ARRAY_TASK_STEP", "1"},
                                         {"SLURM_ARRAY_TASK_COUNT", "4"}})),
            (Shard{2, 4}));
  // --array=1-9:4 runs tasks 1, 5 and 9.
  EXPECT_EQ(shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "5"},
                                         {"SLURM_ARRAY_TASK_MIN", "1"},
                                         {"SLURM_ARRAY_TASK_MAX", "9"},
                                         {"SLURM_ARRAY_TASK_STEP", "4"},
                                         {"SLURM_ARRAY_TASK_COUNT", "3"}})),
            (Shard{1, 3}));
}

TEST(Shard, SlurmWinsOverTheCiMatrixThatSubmittedIt) {
  EXPECT_EQ(shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "0"},
                                         {"SLURM_ARRAY_TASK_MIN", "0"},
                                         {"SLURM_ARRAY_TASK_COUNT", "2"},
                                         {"CI_NODE_INDEX", "1"},
                                         {"CI_NODE_TOTAL", "5"}})),
            (Shard{0, 2}));
}

TEST(Shard, MalformedEnvironmentIsRefusedNamingTheVariableAndItsValue) {
  EXPECT_NE(error_of([] { shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "x3"}, {"SLURM_ARRAY_TASK_MIN", "0"}, {"SLURM_ARRAY_TASK_COUNT", "2"}})); })
                .find("SLURM_ARRAY_TASK_ID=\"x3\""),
            std::string::npos);
  EXPECT_NE(error_of([] { shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_MIN", "0"}})); })
                .find("SLURM_ARRAY_TASK_COUNT is not set"),
            std::string::npos);
  // --array=1,3,7: not evenly spaced, no shard numbering follows from it.
  EXPECT_NE(error_of([] {
              shard_from_environment(fake({{"SLURM_ARRAY_TASK_ID", "3"},
                                           {"SLURM_ARRAY_TASK_MIN", "1"},
                                           {"SLURM_ARRAY_TASK_MAX", "7"},
                                           {"SLURM_ARRAY_TASK_COUNT", "3"}}));
            }).find("not evenly spaced"),
            std::string::npos);
  EXPECT_NE(error_of([] { shard_from_environment(fake({{"CI_NODE_INDEX", "0"}, {"CI_NODE_TOTAL", "4"}})); })
                .find("CI_NODE_INDEX=0 CI_NODE_TOTAL=4"),
            std::string::npos);
  EXPECT_NE(error_of([] { shard_from_environment(fake({{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "four"}})); })
                .find("CI_NODE_TOTAL=\"four\""),
            std::string::npos);
  EXPECT_NE(error_of([] { shard_from_environment(fake({{"CI_NODE_INDEX", "2"}})); }).find("CI_NODE_TOTAL is not set"),
            std::string::npos);
}

TEST(Shard, CompletePartsPassAndGapsOrTwinsAreNamed) {
  EXPECT_NO_THROW(check_complete({{"b", Shard{1, 2}}, {"a", Shard{0, 2}}}));
  EXPECT_EQ(error_of([] { check_complete({{"a", Shard{0, 3}}, {"b", Shard{0, 3}}, {"c", Shard{2, 3}}}); }),
            "shard 1/3 given twice: a and b");
  EXPECT_EQ(error_of([] { check_complete({{"a", Shard{0, 4}}, {"c", Shard{2, 4}}}); }), "missing shards 2/4, 4/4");
  EXPECT_EQ(error_of([] { check_complete({{"a", Shard{0, 4}}, {"b", Shard{1, 3}}}); }),
            "parts of different splits: a is shard 1/4, b is shard 2/3");
}

}  // namespace
}  // namespace bcmhil::scaleout
