// bcmhil dictionary: the real executable builds a small dictionary (same bytes whatever -j, the
// shards of --shard joined by merge_dictionaries are tested in tests/diagnosis), refuses a
// malformed variants file and a fault the model rejects with file:line:col and exit 2, and an
// output it cannot write with exit 3.
#include "e2e_support.h"

#include <nlohmann/json.hpp>

namespace bcmhil::e2e {
namespace {

struct Folder {
  fs::path path = fs::temp_directory_path() / ("bcmhil-dictionary-" + std::to_string(getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text) const {
    const auto p = (path / name).string();
    std::ofstream(p) << text;
    return p;
  }
};

const char* kTwoCars =
    "format: bcmhil-variants/1\nexamine_at: 2 s\ncandidates:\n"
    "  - {fault: healthy, prior: 10}\n"
    "  - {fault: bad_ground, where: {point: hatch}, prior: 2, spread: {resistance: [1 ohm, 20 ohm]}}\n";

TEST(DictionaryCli, BuildsTheSameBytesWhateverTheParallelism) {
  Folder dir;
  const auto variants = dir.file("v.yaml", kTwoCars);
  const auto one = (dir.path / "one.json").string();
  const auto two = (dir.path / "two.json").string();
  const auto csv = (dir.path / "two.csv").string();
  const auto a = run("dictionary --variants " + variants + " -j 1 -o " + one);
  ASSERT_EQ(a.status, 0) << a.out;
  const auto b = run("dictionary --variants " + variants + " -j 2 -o " + two + " --csv " + csv);
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_NE(b.out.find("dictionary: 3/3 variants"), std::string::npos) << b.out;  // progress on stderr
  EXPECT_EQ(slurp(one), slurp(two));
  const auto d = nlohmann::json::parse(slurp(two));
  EXPECT_EQ(d["format"], "bcmhil-fault-dictionary/1");
  EXPECT_EQ(d["variants"].size(), 3u);
  EXPECT_EQ(d["variants"][2]["id"], "bad_ground{point=hatch}#1");
  EXPECT_EQ(d["variants"][2]["readings"].size(), d["tests"].size());
  EXPECT_EQ(slurp(csv).rfind("variant,candidate,fault,prior,test,unit,raw,outcome,class\n", 0), 0u);
}

TEST(DictionaryCli, RefusesBadInputWithItsPlace) {
  Folder dir;
  const auto bad = dir.file("bad.yaml", "format: bcmhil-variants/1\nexamine_at: 2 s\ncandidates:\n"
                                        "  - {fault: bad_ground, prior: 1, spread: {resistance: [1 ohm, 2 V]}}\n");
  auto r = run("dictionary --variants " + bad);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(bad + ":4:64: bad_ground.resistance: expected a value in ohm, got '2 V'"), std::string::npos)
      << r.out;
  const auto far = dir.file("far.yaml", "format: bcmhil-variants/1\nexamine_at: 1 s\ncandidates:\n"
                                        "  - {fault: pin_bridge, where: {from: X330.4, to: X331.23}, prior: 1}\n");
  r = run("dictionary --variants " + far);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(far + ":4:5: fault pin_bridge: pins X330.4 and X331.23 are not adjacent"), std::string::npos)
      << r.out;
  r = run("dictionary --shard 5/4");
  EXPECT_EQ(r.status, 2) << r.out;
  r = run("dictionary --variants " + dir.file("v.yaml", kTwoCars) + " -o /dev/full");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_NE(r.out.find("/dev/full"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bcmhil::e2e
