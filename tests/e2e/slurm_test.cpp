// Issue 10, "scales out on an existing engine": a real one-node Slurm cluster (slurm_cluster.h)
// runs the shipped sbatch script as an array job, one shard per task; `bcmhil merge` joins the
// parts, and the result is what one machine gives (for the dictionary: the same bytes).
#include "scaleout_support.h"
#include "slurm_cluster.h"

namespace bcmhil::e2e {
namespace {

const std::string kScripts = bcmhil::testing::source_dir() + "/ci/slurm";

class Slurm : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    if (const auto why = SlurmCluster::missing(); !why.empty()) GTEST_SKIP() << why;
    cluster_ = std::make_unique<SlurmCluster>(dir_ / "cluster");
    fs::create_directories(dir_ / "cluster");
    ASSERT_TRUE(cluster_->start(std::chrono::seconds(30))) << cluster_->error() << "\n" << cluster_->logs();
  }
  void TearDown() override {
    cluster_.reset();  // stops the daemons before their folder goes
    TempDirTest::TearDown();
  }

  // Submits `script` as an array of `tasks` with `args`, waits, expects every task to end well.
  void run_array(const std::string& script, int tasks, const std::string& args, const std::string& options = "") {
    const long job = cluster_->submit("--array=0-" + std::to_string(tasks - 1) + " --output=" + path("task-%a.out") + " " + options,
                                      kScripts + "/" + script + " " + args, "BCMHIL=" + std::string(BCMHIL_CLI));
    ASSERT_GT(job, 0) << cluster_->error();
    const auto states = cluster_->wait(job, std::chrono::seconds(120));
    ASSERT_EQ(states.size(), static_cast<std::size_t>(tasks)) << cluster_->error() << "\n" << cluster_->logs();
    for (const auto& [task, state] : states)
      EXPECT_EQ(state, "COMPLETED 0:0") << "task " << task << ":\n" << slurp(path("task-" + std::to_string(task) + ".out"));
  }

  std::unique_ptr<SlurmCluster> cluster_;
};

TEST_F(Slurm, CampaignAsAnArrayJobMergesIntoTheSingleMachineRun) {
  std::string scenarios;
  for (const char* name : {"healthy-hatch", "fuse-30cdl-blown", "hinge-wire-broken", "actuator-seized", "kline-wetted",
                           "hazard-lights", "sleep-healthy"})
    scenarios += " " + scenario(name);
  ASSERT_EQ(run("campaign -j 2" + scenarios + " --json " + path("whole.json") + " --junit " + path("whole.xml")).status, 0);

  run_array("campaign.sbatch", 3, path("parts") + scenarios);
  const auto json = run("merge " + path("parts/campaign-0.json") + " " + path("parts/campaign-1.json") + " " +
                        path("parts/campaign-2.json") + " -o " + path("merged.json"));
  ASSERT_EQ(json.status, 0) << json.out;
  const auto xml = run("merge " + path("parts/campaign-0.xml") + " " + path("parts/campaign-1.xml") + " " +
                       path("parts/campaign-2.xml") + " -o " + path("merged.xml"));
  ASSERT_EQ(xml.status, 0) << xml.out;
  EXPECT_EQ(without_clocks(nlohmann::json::parse(slurp(path("merged.json")))),
            without_clocks(nlohmann::json::parse(slurp(path("whole.json")))));
  EXPECT_EQ(junit_without_clocks(slurp(path("merged.xml"))), junit_without_clocks(slurp(path("whole.xml"))));
}

// A small variants file (the healthy car, water at two stages, a broken wire: four cars) on the
// shipped catalogue keeps the test in seconds; the builder and merge are the same as for the
// shipped file.
const char* kSmallVariants = R"(format: bcmhil-variants/1
examine_at: 20 s
candidates:
  - fault: healthy
    prior: 20
  - fault: water_ingress
    where: {region: tailgate_driver}
    prior: 12
    spread: {wetting_time: 2 s, corrosion_time: [3 s, 40 s], salt: 0.6}
  - {fault: hinge_wire_open, where: {wire: tailgate_feed}, prior: 6}
)";

TEST_F(Slurm, DictionaryAsAnArrayJobMergesIntoTheSingleMachineBytes) {
  const auto variants = write("variants.yaml", kSmallVariants);
  const auto whole = run("dictionary -j 2 --variants " + variants + " -o " + path("whole.json"));
  ASSERT_EQ(whole.status, 0) << whole.out;

  // One CPU a task: the test node's four slots take all three tasks at once.
  run_array("dictionary.sbatch", 3, path("parts") + " --variants " + variants, "--cpus-per-task=1");
  const auto merged = run("merge " + path("parts/dictionary-2.json") + " " + path("parts/dictionary-0.json") + " " +
                          path("parts/dictionary-1.json") + " -o " + path("merged.json"));
  ASSERT_EQ(merged.status, 0) << merged.out;
  const auto bytes = slurp(path("merged.json"));
  EXPECT_EQ(bytes, slurp(path("whole.json")));
  // Each part held only its share: 4 cars over 3 shards.
  EXPECT_EQ(nlohmann::json::parse(slurp(path("parts/dictionary-0.json")))["variants"].size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(slurp(path("parts/dictionary-2.json")))["variants"].size(), 1u);
}

}  // namespace
}  // namespace bcmhil::e2e
