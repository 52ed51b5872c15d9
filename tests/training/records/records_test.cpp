// The class's records: each attempt one JSON file written whole (write, flush, link to its name),
// never overwriting another; the export as JSON and CSV, the CSV read back by Python's csv module
// (Debian's /usr/bin/python3) agreeing with the JSON field for field; a malformed record named
// and skipped.
#include "training/records/attempt_record.h"
#include "training/records/class_export.h"

#include "source_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

namespace bcmhil::training {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  std::string path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "bcmhil-records-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

// A scored attempt as the session would hand it over (the score's figures set by hand: the
// records store whatever they are given).
AttemptRecord attempt(const std::string& student, std::uint64_t seed, bool solved) {
  AttemptRecord r;
  r.student = student;
  r.exercise = "boot-wont-open";
  r.seed = seed;
  r.started = "2026-11-27T16:00:00Z";
  r.submitted = "2026-11-27T16:1" + std::to_string(seed % 10) + ":00Z";
  PathEntry m;
  m.kind = PathKind::measurement;
  m.detail.instrument = "dvm";
  m.detail.first = "X330.4";
  m.detail.second = "ground";
  m.detail.actions.push_back({"press_fob", {{"button", "trunk"}}, 1.1});
  m.reading = {0.01, "V", 0.0, 0.02};
  r.path.push_back(m);
  PathEntry replace;
  replace.kind = PathKind::replace;
  replace.detail.part = "hatch lock actuator, \"new\"";
  replace.detail.price = 85.5;
  r.path.push_back(replace);
  r.submission = {"BC1", solved ? "water damage" : "driver failure", 612.25};
  r.score.solved = solved;
  r.score.submitted = r.submission;
  r.score.wrong_parts.push_back({1, replace.detail.part, 85.5, 30, false});
  r.score.wrong_parts_cost = 85.5;
  r.score.time_used_s = 612.25 + 1800;
  r.score.time_budget_s = 1800;
  r.score.measurements.push_back({0, "hatch.bc1_pin.volts_trunk", "Meter at the BC1 tailgate pin", "0 V", 0.02, 20,
                                  1.37, 0.6, MeasurementClass::space_splitting, "it splits"});
  r.score.measurements.push_back({0, "", "", "", NAN, 0, 0, 1, MeasurementClass::irrelevant, "no test"});
  r.score.optimal.steps.push_back({"hatch.trunk.flashes", "Flashes", "two", 2, 0, 0.4});
  r.score.optimal.steps.push_back({"hatch.bc1_pin.volts_trunk", "Meter", "0 V", 0.02, 20, 1.1});
  r.score.points = {solved ? 40.0 : 0.0, 10, 13.3333333333333, 21.7, 5, 0};
  r.score.points.total = r.score.points.solved + 10 + 13.3333333333333 + 21.7 - 5;
  return r;
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(Records, AnAttemptIsOneCompleteFileAndNeverOverwritesAnother) {
  TempDir dir;
  const std::string a = write_attempt(dir.path, attempt("ana", 7, true));
  const std::string b = write_attempt(dir.path, attempt("ana", 7, true));  // the same second, student, seed
  EXPECT_NE(a, b);
  EXPECT_EQ(fs::path(a).parent_path(), fs::path(dir.path) / "attempts");
  int files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(dir.path) / "attempts")) {
    ++files;
    EXPECT_NE(e.path().filename().string()[0], '.') << "a temporary file was left behind";
  }
  EXPECT_EQ(files, 2);
  const auto records = read_class(dir.path);
  ASSERT_EQ(records.attempts.size(), 2u);
  EXPECT_EQ(records.attempts[0]["student"], "ana");
  EXPECT_EQ(records.attempts[0]["path"].size(), 2u);
  EXPECT_TRUE(records.skipped.empty());
}

TEST(Records, AStudentsNameCannotLeaveTheDirectory) {
  TempDir dir;
  const std::string f = write_attempt(dir.path, attempt("../../etc/passwd", 1, true));
  EXPECT_EQ(fs::path(f).parent_path(), fs::path(dir.path) / "attempts");
  EXPECT_EQ(read_class(dir.path).attempts.at(0)["student"], "../../etc/passwd");
}

TEST(Records, AMalformedRecordIsNamedAndSkipped) {
  TempDir dir;
  write_attempt(dir.path, attempt("ana", 1, true));
  write_attempt(dir.path, attempt("ben", 2, false));
  write_file(dir.path + "/attempts/2026-broken.json", "{\"format\": \"bcmhil-training-attempt/1\", \"student\": ");
  write_file(dir.path + "/attempts/2026-no-score.json",
             R"({"format": "bcmhil-training-attempt/1", "student": "x", "exercise": "e", "seed": 1})");
  write_file(dir.path + "/attempts/2026-other.json", R"([1, 2, 3])");
  const auto records = read_class(dir.path);
  EXPECT_EQ(records.attempts.size(), 2u);
  ASSERT_EQ(records.skipped.size(), 3u);
  EXPECT_EQ(records.skipped[0].file, "2026-broken.json");
  EXPECT_NE(records.skipped[0].error.find("malformed JSON"), std::string::npos) << records.skipped[0].error;
  EXPECT_EQ(records.skipped[1].file, "2026-no-score.json");
  EXPECT_NE(records.skipped[1].error.find("/started"), std::string::npos) << records.skipped[1].error;
  EXPECT_EQ(records.skipped[2].file, "2026-other.json");
  const auto j = class_json(records);
  EXPECT_EQ(j["skipped"].size(), 3u);
  EXPECT_EQ(class_csv(records).find("broken"), std::string::npos);
}

TEST(Records, TheCsvReadByPythonsCsvModuleIsTheJson) {
  TempDir dir;
  write_attempt(dir.path, attempt("ana", 1, true));
  write_attempt(dir.path, attempt("O'Brien, \"Ben\"\nsecond line", 2, false));
  write_attempt(dir.path, attempt("Zoë Ødegård", 3, true));
  write_file(dir.path + "/attempts/2026-broken.json", "not json");
  const auto records = read_class(dir.path);
  ASSERT_EQ(records.attempts.size(), 3u);
  write_file(dir.path + "/export.csv", class_csv(records));
  write_file(dir.path + "/export.json", class_json(records).dump());
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : csv_columns()) columns.push_back({c.name, c.pointer});
  write_file(dir.path + "/columns.json", columns.dump());
  const std::string script = bcmhil::testing::source_dir() + "/tests/training/records/csv_matches_json.py";
  EXPECT_EQ(run("/usr/bin/python3 " + script + " " + dir.path + "/export.csv " + dir.path + "/export.json " +
                dir.path + "/columns.json"),
            0);
}

// A name a spreadsheet would run as a formula stays text (OWASP's CSV injection); a negative
// number stays a number.
TEST(Records, ACsvCellThatWouldRunAsAFormulaStaysText) {
  TempDir dir;
  write_attempt(dir.path, attempt("=HYPERLINK(\"http://x\")", 1, true));
  write_attempt(dir.path, attempt("@SUM(A1)", 2, true));
  write_attempt(dir.path, attempt("-5", 3, true));
  const std::string csv = class_csv(read_class(dir.path));
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n'@SUM(A1),"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n-5,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\n=HYPERLINK"), std::string::npos) << csv;
}

TEST(Records, NoAttemptsDirectoryIsAnEmptyClass) {
  TempDir dir;
  const auto records = read_class(dir.path + "/nothing-here");
  EXPECT_TRUE(records.attempts.empty());
  EXPECT_EQ(class_csv(records).substr(0, 16), "student,exercise");
}

}  // namespace
}  // namespace bcmhil::training
