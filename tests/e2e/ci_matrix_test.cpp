// The CI-matrix examples in ci/matrix/ are run here as their CI would run them: the campaign lines
// of each shard job with the variables or matrix values that CI sets, then the merge job's
// campaign lines; the merged files must equal one machine's campaign. (The build job and
// ci/bootstrap.sh are this checkout's own build; the dictionary lines have their own test on Slurm.)
#include "e2e_support.h"
#include "scaleout_support.h"

#include <yaml-cpp/yaml.h>

#include <regex>

namespace bcmhil::e2e {
namespace {

const std::string kMatrix = bcmhil::testing::source_dir() + "/ci/matrix/";

class CiMatrix : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    // The examples call the built executable by its place in a checkout.
    fs::create_directories(dir_ / "build" / "cli");
    fs::create_symlink(BCMHIL_CLI, dir_ / "build" / "cli" / "bcmhil");
    const auto whole = run("campaign -j 2 --json " + path("whole.json") + " --junit " + path("whole.xml"), kNoShard);
    ASSERT_EQ(whole.status, 0) << whole.out;
  }

  // A CI job's lines that concern the campaign, as one shell command in the test's folder.
  static std::string campaign_lines(const std::vector<std::string>& lines) {
    std::string command = "set -e";
    for (const auto& line : lines)
      if (line.find("bootstrap") == std::string::npos && line.find("dictionary") == std::string::npos)
        command += "; " + line;
    return command;
  }
  Outcome in_folder(const std::string& command, const std::string& env) {
    return shell(kNoShard + " " + env + " sh -c '" + command + "'");
  }
  void expect_merged_equals_whole() {
    EXPECT_EQ(without_clocks(nlohmann::json::parse(slurp(path("campaign.json")))),
              without_clocks(nlohmann::json::parse(slurp(path("whole.json")))));
    EXPECT_EQ(junit_without_clocks(slurp(path("campaign.xml"))), junit_without_clocks(slurp(path("whole.xml"))));
  }
  std::string cd() const { return "cd " + dir_.string() + " && "; }

  const std::string kNoShard =
      "env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_MIN -u SLURM_ARRAY_TASK_MAX -u SLURM_ARRAY_TASK_STEP "
      "-u SLURM_ARRAY_TASK_COUNT -u CI_NODE_INDEX -u CI_NODE_TOTAL";
};

std::vector<std::string> lines_of(const YAML::Node& script) {
  std::vector<std::string> lines;
  for (const auto& line : script) lines.push_back(line.as<std::string>());
  return lines;
}

TEST_F(CiMatrix, GitlabParallelJobsMergeIntoOneMachinesCampaign) {
  const auto ci = YAML::LoadFile(kMatrix + "gitlab-ci.yml");
  const int total = ci["campaign"]["parallel"].as<int>();
  ASSERT_GE(total, 2);
  const auto shard = campaign_lines(lines_of(ci["campaign"]["script"]));
  for (int node = 1; node <= total; ++node) {
    const auto r = in_folder(cd() + shard,
                             "CI_NODE_INDEX=" + std::to_string(node) + " CI_NODE_TOTAL=" + std::to_string(total));
    ASSERT_EQ(r.status, 0) << shard << "\n" << r.out;
  }
  const auto merge = in_folder(cd() + campaign_lines(lines_of(ci["merge"]["script"])), "");
  ASSERT_EQ(merge.status, 0) << merge.out;
  expect_merged_equals_whole();
}

TEST_F(CiMatrix, GithubMatrixJobsMergeIntoOneMachinesCampaign) {
  const auto workflow = YAML::LoadFile(kMatrix + "github-actions.yml");
  const auto job = workflow["jobs"]["shard"];
  const auto shards = job["strategy"]["matrix"]["shard"];
  std::vector<std::string> runs;
  for (const auto& step : job["steps"])
    if (step["run"]) runs.push_back(step["run"].as<std::string>());
  const auto lines = campaign_lines(runs);
  for (const auto& shard : shards) {
    // What GitHub does to the expression before the shell sees the line.
    const auto line = std::regex_replace(lines, std::regex(R"(\$\{\{ matrix\.shard \}\})"), shard.as<std::string>());
    const auto r = in_folder(cd() + line, "N=" + job["env"]["N"].as<std::string>());
    ASSERT_EQ(r.status, 0) << line << "\n" << r.out;
  }
  std::vector<std::string> merge_runs;
  for (const auto& step : workflow["jobs"]["merge"]["steps"])
    if (step["run"]) merge_runs.push_back(step["run"].as<std::string>());
  const auto merge = in_folder(cd() + campaign_lines(merge_runs), "");
  ASSERT_EQ(merge.status, 0) << merge.out;
  expect_merged_equals_whole();
}

}  // namespace
}  // namespace bcmhil::e2e
