// The score of an attempt on the flooded BC1 of scenarios/flooded-bcm-hatch.yaml: a student who
// follows the assistant's path scores as well as it, a measurement taken twice is redundant, the
// actuator replaced on a water-damaged module is a wrong part with its cost, a hint is the
// assistant's next test in words and names no fault.
#include "student_path.h"

#include "training/exercise/draw.h"
#include "training/exercise/exercise_parser.h"
#include "training/scoring/attempt.h"
#include "training/scoring/attempt_json.h"
#include "training/scoring/points.h"
#include "training/scoring/test_match.h"

#include "diagnosis/assistant.h"
#include "diagnosis/dictionary_cache.h"
#include "source_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace bcmhil::training {
namespace {

using testing::entry_for;

const diagnosis::Dictionary& dictionary() {
  static const diagnosis::Dictionary d = diagnosis::load_or_build_dictionary();
  return d;
}

const diagnosis::Catalogue& catalogue() {
  static const diagnosis::Catalogue c = diagnosis::load_catalogue(diagnosis::shipped_catalogue_path());
  return c;
}

AnswerKey flooded_key() {
  AnswerKey k;
  k.exercise = "boot-wont-open";
  k.component = "BC1";
  k.cause = "water damage";
  k.parts = {"BC1"};
  k.car = diagnosis::car_from_scenario(
      scenario::load_scenario(bcmhil::testing::source_dir() + "/scenarios/flooded-bcm-hatch.yaml"));
  k.time_budget_s = 1800;
  return k;
}

const OptimalPath& flooded_optimal() {
  static const OptimalPath p = optimal_path(flooded_key(), dictionary(), catalogue());
  return p;
}

// The student takes the assistant's tests in its order and reads what the car read.
std::vector<PathEntry> assistants_path() {
  std::vector<PathEntry> path;
  for (const auto& step : flooded_optimal().steps) path.push_back(entry_for(*catalogue().find(step.test), step.raw));
  return path;
}

const Submission kRight{"BC1", "Water damage", 900};
const double kFloor = diagnosis::AssistantOptions{}.cost_floor_min;  // the least a read is charged

TEST(Score, TheAssistantsPathReachesWaterInTheModule) {
  const auto& p = flooded_optimal();
  ASSERT_FALSE(p.steps.empty());
  EXPECT_EQ(p.verdict.rfind("water_ingress", 0), 0u) << p.verdict;
  EXPECT_GE(p.probability, 0.95);
  for (const auto& s : p.steps) EXPECT_GE(s.bits, 0.02) << s.test;
}

TEST(Score, FollowingTheAssistantScoresAsWellAsIt) {
  const Score s = score_attempt(flooded_key(), assistants_path(), kRight, dictionary(), catalogue(), flooded_optimal());
  EXPECT_TRUE(s.solved);
  ASSERT_EQ(s.measurements.size(), flooded_optimal().steps.size());
  for (std::size_t i = 0; i < s.measurements.size(); ++i) {
    EXPECT_EQ(s.measurements[i].test, flooded_optimal().steps[i].test);
    EXPECT_EQ(s.measurements[i].outcome, flooded_optimal().steps[i].outcome);
    const auto* entry = catalogue().find(s.measurements[i].test);
    ASSERT_NE(entry, nullptr) << "step " << i << " matched no catalogue test";
    EXPECT_EQ(s.measurements[i].title, entry->title);
    EXPECT_EQ(flooded_optimal().steps[i].title, s.measurements[i].title);
    EXPECT_TRUE(s.measurements[i].value == MeasurementClass::serial_elimination ||
                s.measurements[i].value == MeasurementClass::space_splitting)
        << s.measurements[i].test << ": " << s.measurements[i].why;
  }
  EXPECT_NEAR(s.student_bits, s.optimal_bits, 1e-9);
  EXPECT_NEAR(s.student_cost_min, s.optimal_cost_min, 1e-9);
  EXPECT_DOUBLE_EQ(s.points.quality, kQualityPoints);
  EXPECT_DOUBLE_EQ(s.points.total, 100);
}

TEST(Score, AGuessAfterOneLookEarnsLessQuality) {
  auto path = assistants_path();
  path.resize(1);
  const Score s = score_attempt(flooded_key(), path, kRight, dictionary(), catalogue(), flooded_optimal());
  EXPECT_TRUE(s.solved);
  EXPECT_LT(s.points.quality, kQualityPoints);
}

TEST(Score, TheSamePointTwiceIsRedundant) {
  auto path = assistants_path();
  path.insert(path.begin() + 1, path.front());
  const Score s = score_attempt(flooded_key(), path, kRight, dictionary(), catalogue(), flooded_optimal());
  ASSERT_GE(s.measurements.size(), 2u);
  EXPECT_NE(s.measurements[0].value, MeasurementClass::redundant);
  EXPECT_EQ(s.measurements[1].value, MeasurementClass::redundant) << s.measurements[1].why;
  EXPECT_EQ(s.measurements[1].test, s.measurements[0].test);
  EXPECT_LT(s.points.quality, kQualityPoints);  // the repeat cost minutes and told nothing
}

TEST(Score, TheActuatorReplacedOnAWaterDamagedModuleIsAWrongPart) {
  PathEntry replace;
  replace.kind = PathKind::replace;
  replace.detail.part = "hatch lock actuator";
  replace.detail.price = 85;
  replace.detail.minutes = 30;
  auto path = assistants_path();
  path.insert(path.begin(), replace);
  const Score s = score_attempt(flooded_key(), path, kRight, dictionary(), catalogue(), flooded_optimal());
  ASSERT_EQ(s.wrong_parts.size(), 1u);
  EXPECT_EQ(s.wrong_parts[0].part, "hatch lock actuator");
  EXPECT_DOUBLE_EQ(s.wrong_parts_cost, 85);
  EXPECT_DOUBLE_EQ(s.points.parts, kPartsPoints - kPartPenalty);
  EXPECT_DOUBLE_EQ(s.time_used_s, 900 + 30 * 60);
  EXPECT_LT(s.points.total, 100);
}

TEST(Score, TheRightPartIsNoWrongPart) {
  PathEntry replace;
  replace.kind = PathKind::replace;
  replace.detail.part = "bc1";
  replace.detail.price = 240;
  const Score s = score_attempt(flooded_key(), {replace}, kRight, dictionary(), catalogue(), flooded_optimal());
  EXPECT_TRUE(s.wrong_parts.empty());
}

TEST(Score, AWrongCauseIsNotSolved) {
  const Score s = score_attempt(flooded_key(), assistants_path(), {"BC1", "driver failure", 900}, dictionary(),
                                catalogue(), flooded_optimal());
  EXPECT_FALSE(s.solved);
  EXPECT_DOUBLE_EQ(s.points.solved, 0);
}

TEST(Score, AMeasurementOfNoCatalogueTestIsScoredIrrelevant) {
  PathEntry e;
  e.kind = PathKind::measurement;
  e.detail.instrument = "dvm";
  e.detail.first = "X330.4";
  e.detail.second = "X330.9";
  e.detail.placed_before_s = 10;
  e.reading = {0.1, "V", 0.0, 0.2};
  const Score s = score_attempt(flooded_key(), {e}, kRight, dictionary(), catalogue(), flooded_optimal());
  ASSERT_EQ(s.measurements.size(), 1u);
  EXPECT_TRUE(s.measurements[0].test.empty());
  EXPECT_EQ(s.measurements[0].value, MeasurementClass::irrelevant);
  EXPECT_DOUBLE_EQ(s.measurements[0].bits, 0);
  EXPECT_DOUBLE_EQ(s.student_cost_min, kFloor);  // charged the floor
}

TEST(Score, HintsCostPointsAndTimePastTheBudgetToo) {
  PathEntry hint;
  hint.kind = PathKind::hint;
  auto path = assistants_path();
  path.push_back(hint);
  path.push_back(hint);
  Submission late = kRight;
  late.wall_s = 1800 * 1.5;
  const Score s = score_attempt(flooded_key(), path, late, dictionary(), catalogue(), flooded_optimal());
  EXPECT_EQ(s.hints, 2);
  EXPECT_DOUBLE_EQ(s.points.hints, 2 * kHintPenalty);
  EXPECT_DOUBLE_EQ(s.points.time, kTimePoints / 2);
  EXPECT_DOUBLE_EQ(s.points.total, 100 - 2 * kHintPenalty - kTimePoints / 2);
}

TEST(Hint, IsTheAssistantsNextTestInWordsAndNamesNoFault) {
  const auto key = flooded_key();
  const std::string first = next_hint(key, {}, dictionary(), catalogue());
  const auto* t = catalogue().find(flooded_optimal().steps.front().test);
  EXPECT_NE(first.find(t->words.substr(0, 30)), std::string::npos) << first;
  for (const auto& c : dictionary().candidates) {
    if (c.fault == "healthy") continue;
    EXPECT_EQ(first.find(c.fault), std::string::npos) << c.fault << " in " << first;
  }
  auto path = assistants_path();
  path.resize(1);
  const std::string second = next_hint(key, path, dictionary(), catalogue());
  const auto* t2 = catalogue().find(flooded_optimal().steps.at(1).test);
  EXPECT_NE(second.find(t2->words.substr(0, 30)), std::string::npos) << second;
  EXPECT_NE(next_hint(key, assistants_path(), dictionary(), catalogue()).find("enough"), std::string::npos);
}

TEST(Hint, KeepsToTheExercisesTools) {
  // Where the assistant next wants an instrument, a student with only the tester is sent
  // elsewhere, never to an instrument.
  const auto& steps = flooded_optimal().steps;
  std::size_t first_instrument = 0;
  while (first_instrument < steps.size() &&
         catalogue().find(steps[first_instrument].test)->kind != diagnosis::ReadKind::instrument)
    ++first_instrument;
  ASSERT_LT(first_instrument, steps.size()) << "the assistant's path takes no instrument";
  auto path = assistants_path();
  path.resize(first_instrument);
  auto key = flooded_key();
  const auto* clamp = catalogue().find(steps[first_instrument].test);
  EXPECT_NE(next_hint(key, path, dictionary(), catalogue()).find(clamp->words.substr(0, 40)), std::string::npos);
  key.tools = {"ds2"};
  const std::string hint = next_hint(key, path, dictionary(), catalogue());
  for (const auto& t : catalogue().tests) {
    if (t.kind != diagnosis::ReadKind::instrument || t.words.empty()) continue;
    EXPECT_EQ(hint.find(t.words.substr(0, 40)), std::string::npos) << t.id << " in " << hint;
  }
}

TEST(ScoreJson, PathRoundTripsAndTheScoreNamesItsClasses) {
  const auto path = assistants_path();
  const auto back = path_from_json(nlohmann::json::parse(to_json(path).dump()));
  ASSERT_EQ(back.size(), path.size());
  EXPECT_EQ(to_json(back).dump(), to_json(path).dump());
  const Score s = score_attempt(flooded_key(), path, kRight, dictionary(), catalogue(), flooded_optimal());
  const auto j = to_json(s);
  EXPECT_EQ(j["points"]["total"], 100.0);
  EXPECT_EQ(j["measurements"].size(), path.size());
  EXPECT_THROW(path_from_json(nlohmann::json::parse(R"([{"kind": "teleport"}])")), std::invalid_argument);
}

}  // namespace
}  // namespace bcmhil::training

namespace bcmhil::training {
namespace {

// The shipped seed exercise: seed 3 draws water in the BC1 (training/exercises/README.md).
TEST(ExerciseScore, TheTailgateLockReplacedOnTheSeedExercisesFloodedModuleCostsItsPrice) {
  const Exercise ex = load_exercise(shipped_exercises_dir() + "/hatch-flashes-twice.yaml");
  const DrawnFault drawn = draw_fault(ex, 3);
  ASSERT_EQ(drawn.pool_id, "bc1_water");
  const AnswerKey key = answer_key(ex, drawn);
  EXPECT_EQ(key.car.faults.size(), 1u);
  EXPECT_NE(std::find(key.parts.begin(), key.parts.end(), "bc1"), key.parts.end());
  PathEntry replace;
  replace.kind = PathKind::replace;
  replace.detail.part = "tailgate_lock";
  replace.detail.price = ex.find_part("tailgate_lock")->price;
  replace.detail.minutes = ex.find_part("tailgate_lock")->minutes;
  const Score s = score_attempt(ex, drawn, {replace}, {drawn.component, drawn.cause, 600}, dictionary(), catalogue());
  EXPECT_TRUE(s.solved);
  ASSERT_EQ(s.wrong_parts.size(), 1u);
  EXPECT_DOUBLE_EQ(s.wrong_parts_cost, 85);
  EXPECT_FALSE(s.optimal.steps.empty());
  EXPECT_EQ(s.optimal.verdict.rfind("water_ingress", 0), 0u) << s.optimal.verdict;
  EXPECT_LT(s.points.total, 100);
}

}  // namespace
}  // namespace bcmhil::training

namespace bcmhil::training {
namespace {

// One DS2 job is one read: the session logs an entry per catalogue item of the job, all at one
// instant; the student is charged the job once, and the codes no test asks about are left out.
TEST(Score, OneDs2JobIsOneReadChargedOnce) {
  const auto* c4 = catalogue().find("hatch.ds2.fault_c4");
  const auto* aa = catalogue().find("indicators.ds2.fault_aa");  // asks for the hazard pressed twice
  PathEntry a = entry_for(*c4, 2);
  PathEntry b = entry_for(*aa, 0);
  b.detail.actions = a.detail.actions;  // read together after the trunk button: no test of 0xAA then
  a.sim_s = b.sim_s = 42;
  const Score s = score_attempt(flooded_key(), {a, b}, kRight, dictionary(), catalogue(), flooded_optimal());
  ASSERT_EQ(s.measurements.size(), 1u);
  EXPECT_EQ(s.measurements[0].test, "hatch.ds2.fault_c4");
  EXPECT_DOUBLE_EQ(s.student_cost_min, std::max(5.0, kFloor));
  b.sim_s = 43;  // another job, later: a read of its own, which amounts to nothing
  const Score apart = score_attempt(flooded_key(), {a, b}, kRight, dictionary(), catalogue(), flooded_optimal());
  ASSERT_EQ(apart.measurements.size(), 2u);
  EXPECT_EQ(apart.measurements[1].value, MeasurementClass::irrelevant);
  EXPECT_DOUBLE_EQ(apart.student_cost_min, std::max(5.0, kFloor) + kFloor);
}

}  // namespace
}  // namespace bcmhil::training
