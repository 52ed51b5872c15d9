// Issue 10, "scales out": a campaign split with --shard (given, or read from a CI matrix's or a
// Slurm array's variables) and joined by `bcmhil merge` gives what one machine gives; bad shard
// values and parts that do not fit are refused with the reason.
#include "e2e_support.h"
#include "scaleout_support.h"

#include "diagnosis/dictionary_io.h"
#include "diagnosis/model_version.h"

namespace bcmhil::e2e {
namespace {

const std::string kE2eDir = BCMHIL_E2E_DIR;
// No shard variables from whatever runs this test (a CI matrix, a Slurm job).
const std::string kClean =
    "env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_MIN -u SLURM_ARRAY_TASK_MAX -u SLURM_ARRAY_TASK_STEP "
    "-u SLURM_ARRAY_TASK_COUNT -u CI_NODE_INDEX -u CI_NODE_TOTAL";

class Scaleout : public TempDirTest {
 protected:
  // Five quick shipped scenarios (one with a failed expectation is not shipped; the invalid file
  // gives an error suite) so that passes, errors and totals all cross the merge.
  std::string scenarios() const {
    std::string list;
    for (const char* name : {"healthy-hatch", "fuse-30cdl-blown", "hinge-wire-broken", "actuator-seized", "kline-wetted"})
      list += scenario(name) + " ";
    return list + write("zz-invalid.yaml", "name: broken\nduration: [\n");
  }
  Outcome campaign(const std::string& args, const std::string& env = kClean) {
    return run("campaign -j 2 " + scenarios() + " " + args, env);
  }
  // Each line of JSON from junit_check.py: what junitparser understood of the file.
  nlohmann::json junitparser(const std::string& xml) {
    const auto r = python(kE2eDir + "/junit_check.py", xml);
    EXPECT_EQ(r.status, 0) << r.out;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(Scaleout, ShardsFromOptionCiMatrixAndSlurmArrayMergeIntoTheSingleMachineRun) {
  ASSERT_EQ(campaign("--json " + path("whole.json") + " --junit " + path("whole.xml")).status, 2);  // the invalid file
  const auto one = campaign("--shard 1/3 --json " + path("p1.json") + " --junit " + path("p1.xml"));
  EXPECT_NE(one.out.find("shard 1/3: 2 of 6 scenarios"), std::string::npos) << one.out;
  const auto two = campaign("--shard auto --json " + path("p2.json") + " --junit " + path("p2.xml"),
                            kClean + " CI_NODE_INDEX=2 CI_NODE_TOTAL=3");
  EXPECT_NE(two.out.find("shard 2/3: 2 of 6 scenarios"), std::string::npos) << two.out;
  // sbatch --array=4-8:2 runs tasks 4, 6, 8; the last is shard 3/3.
  const auto three = campaign("--shard auto --json " + path("p3.json") + " --junit " + path("p3.xml"),
                              kClean + " SLURM_ARRAY_TASK_ID=8 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_MAX=8 "
                                       "SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3");
  EXPECT_NE(three.out.find("shard 3/3: 2 of 6 scenarios"), std::string::npos) << three.out;

  const auto json = run("merge " + path("p3.json") + " " + path("p1.json") + " " + path("p2.json") + " -o " + path("m.json"));
  ASSERT_EQ(json.status, 0) << json.out;
  const auto xml = run("merge " + path("p2.xml") + " " + path("p3.xml") + " " + path("p1.xml") + " -o " + path("m.xml"));
  ASSERT_EQ(xml.status, 0) << xml.out;

  const auto whole = nlohmann::json::parse(slurp(path("whole.json")));
  ASSERT_EQ(whole.size(), 6u);
  EXPECT_EQ(without_clocks(nlohmann::json::parse(slurp(path("m.json")))), without_clocks(whole));
  EXPECT_EQ(junit_without_clocks(slurp(path("m.xml"))), junit_without_clocks(slurp(path("whole.xml"))));
  // The merged file is plain JUnit for a reader someone else wrote, with the single run's totals.
  const auto merged = junitparser(path("m.xml")), single = junitparser(path("whole.xml"));
  EXPECT_EQ(merged["suites"].size(), 6u);
  EXPECT_EQ(merged["tests"], single["tests"]);
  EXPECT_EQ(merged["errors"], 1);
  EXPECT_EQ(merged["failures"], single["failures"]);
  // ... and so is each part, for a CI server that shows the parts as they are.
  EXPECT_EQ(junitparser(path("p2.xml"))["suites"].size(), 2u);
}

TEST_F(Scaleout, MalformedShardOptionOrVariableIsExit2NamingIt) {
  const auto zero = campaign("--shard 0/3");
  EXPECT_EQ(zero.status, 2);
  EXPECT_NE(zero.out.find("--shard \"0/3\""), std::string::npos) << zero.out;
  const auto ci = campaign("--shard auto", kClean + " CI_NODE_INDEX=two CI_NODE_TOTAL=3");
  EXPECT_EQ(ci.status, 2);
  EXPECT_NE(ci.out.find("CI_NODE_INDEX=\"two\""), std::string::npos) << ci.out;
  const auto slurm = campaign("--shard auto", kClean + " SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=0");
  EXPECT_EQ(slurm.status, 2);
  EXPECT_NE(slurm.out.find("SLURM_ARRAY_TASK_COUNT is not set"), std::string::npos) << slurm.out;
  const auto none = campaign("--shard auto");
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.out.find("neither SLURM_ARRAY_TASK_ID"), std::string::npos) << none.out;
}

TEST_F(Scaleout, MergeRefusesPartsThatDoNotMakeOneCampaign) {
  ASSERT_EQ(campaign("--shard 1/2 --json " + path("a.json") + " --junit " + path("a.xml")).status, 0);
  ASSERT_EQ(campaign("--shard 2/2 --json " + path("b.json")).status, 2);  // holds the invalid file
  // Another campaign: the same split over other scenarios.
  ASSERT_EQ(run("campaign " + scenario("healthy-hatch") + " --shard 2/2 --json " + path("other.json"), kClean).status, 0);

  const auto missing = run("merge " + path("a.json") + " -o " + path("m.json"));
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.out.find("missing shard 2/2"), std::string::npos) << missing.out;
  const auto twice = run("merge " + path("a.json") + " " + path("b.json") + " " + path("a.json") + " -o " + path("m.json"));
  EXPECT_EQ(twice.status, 2);
  EXPECT_NE(twice.out.find("shard 1/2 given twice"), std::string::npos) << twice.out;
  const auto other = run("merge " + path("a.json") + " " + path("other.json") + " -o " + path("m.json"));
  EXPECT_EQ(other.status, 2);
  EXPECT_NE(other.out.find("come from different campaigns"), std::string::npos) << other.out;
  const auto mixed = run("merge " + path("a.json") + " " + path("a.xml") + " -o " + path("m.json"));
  EXPECT_EQ(mixed.status, 2);
  EXPECT_NE(mixed.out.find("merge one kind at a time"), std::string::npos) << mixed.out;
  EXPECT_FALSE(fs::exists(path("m.json")));  // nothing written by a refused merge
  const auto full = run("merge " + path("a.json") + " " + path("b.json") + " -o /dev/full");
  EXPECT_EQ(full.status, 3);
  EXPECT_NE(full.out.find("cannot write /dev/full"), std::string::npos) << full.out;
}

// A dictionary as the builder would write it (synthetic readings: the builder's own cross the
// merge in the Slurm test), and its shard `index` of `count`: variant i belongs to shard i % count.
diagnosis::Dictionary dictionary(int index = 0, int count = 1) {
  diagnosis::Dictionary d;
  d.model_version = diagnosis::model_version();
  d.catalogue_sha256 = std::string(64, 'c');
  d.variants_sha256 = std::string(64, 'v');
  d.tests = {{"hatch.pin2_volts", 4, "V", {"0 V", "low", "battery"}}, {"complaint.flashes", 0, "flashes", {"0", "1", "2"}}};
  d.candidates = {{"healthy", {}, 20}, {"hinge_wire_open", {{"wire", "tailgate_feed"}}, 2}};
  for (int i = 0; i < 7; ++i) {
    if (i % count != index) continue;
    const int c = i == 0 ? 0 : 1;
    d.variants.push_back({d.candidates[c].key() + "#" + std::to_string(i), c, {{"seed", std::to_string(i)}}});
    d.readings.push_back({{12.43 - i * 0.1, 2}, {i % 3 * 1.0, i % 3}});
  }
  d.shard_index = index;
  d.shard_count = count;
  return d;
}

TEST_F(Scaleout, DictionaryPartsMergeIntoTheBytesOfTheWholeDictionary) {
  std::string parts;
  for (int i : {2, 0, 1}) {
    diagnosis::write_dictionary_json(dictionary(i, 3), path("part" + std::to_string(i) + ".json"));
    parts += " " + path("part" + std::to_string(i) + ".json");
  }
  const auto merged = run("merge" + parts + " -o " + path("merged.json") + " --csv " + path("merged.csv"));
  ASSERT_EQ(merged.status, 0) << merged.out;
  EXPECT_EQ(slurp(path("merged.json")), diagnosis::dictionary_json(dictionary()));
  EXPECT_EQ(slurp(path("merged.csv")), diagnosis::dictionary_csv(dictionary()));

  const auto missing = run("merge " + path("part0.json") + " " + path("part2.json") + " -o " + path("m.json"));
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.out.find("missing shard 2/3"), std::string::npos) << missing.out;
  const auto twice = run("merge" + parts + " " + path("part1.json") + " -o " + path("m.json"));
  EXPECT_EQ(twice.status, 2);
  EXPECT_NE(twice.out.find("shard 2/3 given twice: " + path("part1.json") + " and " + path("part1.json")),
            std::string::npos)
      << twice.out;
  auto other = dictionary(1, 3);
  other.catalogue_sha256 = std::string(64, 'd');
  diagnosis::write_dictionary_json(other, path("other1.json"));
  const auto foreign = run("merge " + path("part0.json") + " " + path("other1.json") + " " + path("part2.json") +
                           " -o " + path("m.json"));
  EXPECT_EQ(foreign.status, 2);
  EXPECT_NE(foreign.out.find("another catalogue"), std::string::npos) << foreign.out;
  const auto mixed = run("merge " + path("part0.json") + " " + path("merged.csv") + " -o " + path("m.json"));
  EXPECT_EQ(mixed.status, 2);
  EXPECT_FALSE(fs::exists(path("m.json")));
}

}  // namespace
}  // namespace bcmhil::e2e
