#include "bench/scaleout/campaign_part.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace bcmhil::scaleout {
namespace {

namespace fs = std::filesystem;
using report::JunitCase;
using report::JunitSuite;

class CampaignPartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bcmhil-parts-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string junit_part(const std::string& name, const CampaignPlace& place, const std::vector<std::size_t>& positions,
                         const std::vector<JunitSuite>& suites) const {
    std::ostringstream out;
    write_junit_part(out, place, positions, suites);
    return write(name, out.str());
  }
  std::string json_part_file(const std::string& name, const CampaignPlace& place) const {
    const auto positions = place.shard.owned(place.scenarios);
    nlohmann::json entries = nlohmann::json::array();
    for (auto p : positions) entries.push_back(entry(p));
    return write(name, json_part(place, positions, entries).dump(2));
  }
  static nlohmann::json entry(std::size_t position) {
    return {{"scenario", "s" + std::to_string(position) + ".yaml"}, {"verdict", "pass"}, {"status", 0}};
  }
  // Every merge refusal is a MergeError; its message.
  template <typename F>
  static std::string refusal(F&& merge) {
    try {
      merge();
    } catch (const MergeError& e) {
      return e.what();
    }
    return "(merged)";
  }

  fs::path dir_;
};

// Five scenarios as one machine's campaign would report them: a pass, a failed expectation, an
// error with the run's output, text with markup, quotes, a multi-line log and non-ASCII bytes.
std::vector<JunitSuite> five_suites() {
  std::vector<JunitSuite> suites;
  for (int i = 0; i < 5; ++i) {
    JunitSuite s{"scenario-" + std::to_string(i), "scenarios/s" + std::to_string(i) + ".yaml",
                 "2026-11-27T10:0" + std::to_string(i) + ":00Z", "node" + std::to_string(i % 2), 0.125 * (i + 1), {}};
    JunitCase runs;
    runs.name = "scenario runs";
    runs.time_s = s.time_s;
    runs.file = s.file;
    s.cases.push_back(runs);
    JunitCase check;
    check.name = "V(hatch.2) <\"12 V\"> & 'GEP\xC3\x84" "CKR.'";
    check.file = s.file;
    check.line = 10 + i;
    if (i == 1) {
      check.outcome = JunitCase::Outcome::failure;
      check.type = "max_at_most";
      check.message = "observed 12.4, expected <= 0.5";
      check.text = s.file + ":11: V(hatch.2)";
    }
    s.cases.push_back(check);
    if (i == 3) {
      s.cases = {runs};
      s.cases[0].outcome = JunitCase::Outcome::error;
      s.cases[0].type = "invalid_scenario";
      s.cases[0].message = "s3.yaml:4:7: unknown key";
      s.cases[0].text = "line one\nline two\twith a tab\n";
    }
    suites.push_back(s);
  }
  return suites;
}

const std::string key = "0123456789abcdef";

TEST_F(CampaignPartTest, JunitPartsMergeIntoTheBytesOneMachineWrites) {
  const auto suites = five_suites();
  std::vector<std::string> files;
  for (int i = 0; i < 2; ++i) {
    const Shard shard{i, 2};
    std::vector<JunitSuite> mine;
    for (auto p : shard.owned(5)) mine.push_back(suites[p]);
    files.insert(files.begin(), junit_part("part" + std::to_string(i) + ".xml", {key, shard, 5}, shard.owned(5), mine));
  }
  const auto merged = merge_junit_parts(files);  // given in reverse order
  std::ostringstream joined, whole;
  report::write_junit(joined, merged.name, merged.suites);
  report::write_junit(whole, "bcmhil campaign", suites);
  EXPECT_EQ(joined.str(), whole.str());
}

TEST_F(CampaignPartTest, JsonPartsMergeIntoTheArrayOneMachineWrites) {
  const auto merged = merge_json_parts({json_part_file("b.json", {key, Shard{1, 3}, 7}),
                                        json_part_file("c.json", {key, Shard{2, 3}, 7}),
                                        json_part_file("a.json", {key, Shard{0, 3}, 7})});
  nlohmann::json whole = nlohmann::json::array();
  for (std::size_t p = 0; p < 7; ++p) whole.push_back(entry(p));
  EXPECT_EQ(merged, whole);
}

TEST_F(CampaignPartTest, AShardWithNothingToRunStillCounts) {
  const auto merged = merge_json_parts({json_part_file("a.json", {key, Shard{0, 3}, 1}),
                                        json_part_file("b.json", {key, Shard{1, 3}, 1}),
                                        json_part_file("c.json", {key, Shard{2, 3}, 1})});
  EXPECT_EQ(merged.size(), 1u);
}

TEST_F(CampaignPartTest, PartsThatDoNotMakeOneCampaignAreRefusedNamingWhy) {
  const auto a = json_part_file("a.json", {key, Shard{0, 2}, 4});
  const auto b = json_part_file("b.json", {key, Shard{1, 2}, 4});
  EXPECT_NE(refusal([&] { merge_json_parts({a}); }).find("missing shard 2/2"), std::string::npos);
  EXPECT_NE(refusal([&] { merge_json_parts({a, b, a}); }).find("shard 1/2 given twice: " + a + " and " + a),
            std::string::npos);
  const auto other = json_part_file("other.json", {"fedcba9876543210", Shard{1, 2}, 4});
  EXPECT_NE(refusal([&] { merge_json_parts({a, other}); }).find("come from different campaigns"), std::string::npos);
  const auto longer = json_part_file("longer.json", {key, Shard{1, 2}, 5});
  EXPECT_NE(refusal([&] { merge_json_parts({a, longer}); }).find("different campaigns"), std::string::npos);
  const auto thirds = json_part_file("thirds.json", {key, Shard{1, 3}, 4});
  EXPECT_NE(refusal([&] { merge_json_parts({a, thirds}); }).find("parts of different splits"), std::string::npos);
}

TEST_F(CampaignPartTest, ARunOutsideItsShardsShareIsRefused) {
  auto doc = json_part({key, Shard{1, 2}, 4}, {1, 2}, nlohmann::json::array({entry(1), entry(2)}));
  const auto bad = write("bad.json", doc.dump());
  EXPECT_NE(refusal([&] { merge_json_parts({json_part_file("a.json", {key, Shard{0, 2}, 4}), bad}); })
                .find("holds runs at positions [1 2], its share is [1 3]"),
            std::string::npos);
}

TEST_F(CampaignPartTest, MalformedOrForeignFilesAreRefusedWithFileLineColumn) {
  const auto broken = write("broken.json", "{\n  \"format\": \"bcmhil-campaign-part/1\",\n  \"shard\": 2/4\n}\n");
  EXPECT_NE(refusal([&] { merge_json_parts({broken}); }).find(broken + ":3:13: not valid JSON"), std::string::npos);
  const auto whole = write("whole.json", "[]");
  EXPECT_NE(refusal([&] { merge_json_parts({whole}); }).find("not a campaign part"), std::string::npos);
  auto doc = json_part({key, Shard{0, 1}, 0}, {}, nlohmann::json::array());
  doc["shard"] = "0/1";
  const auto zero = write("zero.json", doc.dump());
  EXPECT_NE(refusal([&] { merge_json_parts({zero}); }).find(zero + ": \"shard\" \"0/1\""), std::string::npos);

  const auto xml = write("broken.xml", "<?xml version=\"1.0\"?>\n<testsuites>\n  <testsuite name=\"a\">\n</testsuites>\n");
  EXPECT_NE(refusal([&] { merge_junit_parts({xml}); }).find(xml + ":5:1: Premature end of data in tag testsuites line 2"), std::string::npos);
  std::ostringstream plain;
  report::write_junit(plain, "bcmhil campaign", five_suites());
  const auto unmarked = write("unmarked.xml", plain.str());
  EXPECT_NE(refusal([&] { merge_junit_parts({unmarked}); }).find("no <?bcmhil-campaign-part"), std::string::npos);
}

TEST_F(CampaignPartTest, AJunitSuiteWhoseCountsWereEditedIsRefused) {
  std::ostringstream out;
  write_junit_part(out, {key, Shard{0, 1}, 1}, {0}, {five_suites()[1]});
  std::string text = out.str();
  const auto at = text.find("failures=\"1\"", text.find("<testsuite "));
  text.replace(at, 12, "failures=\"0\"");
  const auto edited = write("edited.xml", text);
  EXPECT_NE(refusal([&] { merge_junit_parts({edited}); }).find("counts tests=2 failures=0 errors=0 but holds 2 cases, 1 failed"),
            std::string::npos);
}

TEST_F(CampaignPartTest, TheKeyFollowsEveryScenarioByteTheSettingsAndTheOrder) {
  const auto a = write("a.yaml", "name: a\n");
  const auto b = write("b.yaml", "name: b\n");
  const auto base = campaign_key({a, b}, {"clock=skip"});
  EXPECT_EQ(campaign_key({a, b}, {"clock=skip"}), base);
  EXPECT_NE(campaign_key({b, a}, {"clock=skip"}), base);
  EXPECT_NE(campaign_key({a, b}, {"clock=step"}), base);
  write("b.yaml", "name: b \n");
  EXPECT_NE(campaign_key({a, b}, {"clock=skip"}), base);
}

}  // namespace
}  // namespace bcmhil::scaleout
