#include "diagnosis/assistant.h"

#include "synthetic_dictionary.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bcmhil::diagnosis {
namespace {

// Three candidates a technician knows: the healthy car, a dead module output, a broken hinge wire.
// "pin" (meter at the BC1 pin, 10 min) separates the module from the wire; "hatch" (meter at the
// hatch connector, 20 min) separates the healthy car from both faults; "flash" (free) tells nothing.
Dictionary hatch_dictionary() {
  Dictionary d;
  d.tests = {{"pin", 10, "V", {"0 V", "battery"}},
             {"hatch", 20, "V", {"0 V", "battery"}},
             {"flash", 0, "flashes", {"none", "two"}}};
  d.candidates = {{"healthy", {}, 1}, {"module_output_dead", {}, 1}, {"hinge_wire_open", {{"wire", "tailgate_feed"}}, 2}};
  d.variants = {{"healthy#0", 0, {}}, {"module_output_dead#0", 1, {}}, {"hinge_wire_open#0", 2, {}}, {"hinge_wire_open#1", 2, {}}};
  d.readings = {{{12, 1}, {12, 1}, {2, 1}},
                {{0, 0}, {0, 0}, {2, 1}},
                {{12, 1}, {0, 0}, {2, 1}},
                {{12, 1}, {0, 0}, {2, 1}}};
  return d;
}

AssistantOptions one_percent_unexplained() {
  AssistantOptions o;
  o.unexplained_prior = 0.01;
  return o;
}

TEST(Assistant, StartsFromThePriorsSharedAmongVariants) {
  const auto d = hatch_dictionary();
  Assistant a(d, one_percent_unexplained());
  // Priors 1:1:2, the wire's two variants sharing its 2; "not explained" takes its 1 %.
  EXPECT_NEAR(a.probability(0), 0.99 * 0.25, 1e-9);
  EXPECT_NEAR(a.probability(2), 0.99 * 0.5, 1e-9);
  EXPECT_NEAR(a.unexplained(), 0.01, 1e-9);
  EXPECT_EQ(a.ranking().front().candidate, 2);
  EXPECT_TRUE(a.explained());
}

TEST(Assistant, ReadingsMoveThePosteriorAndItStopsAt95Percent) {
  const auto d = hatch_dictionary();
  Assistant a(d, one_percent_unexplained());
  a.observe({1, 0});  // no voltage at the hatch: not the healthy car
  EXPECT_LT(a.probability(0), 0.02);
  EXPECT_FALSE(a.done());
  a.observe({0, 1});  // battery at the BC1 pin: the wire
  EXPECT_EQ(a.ranking().front().candidate, 2);
  EXPECT_GE(a.probability(2), 0.95);
  EXPECT_TRUE(a.done());
  EXPECT_TRUE(a.explained());
}

AssistantOptions three_percent_misread() {
  AssistantOptions o;
  o.misread = 0.03;
  return o;
}

TEST(Assistant, OneMistypedReadingLowersTheTruthButNeverRulesItOut) {
  const auto d = hatch_dictionary();
  Assistant a(d, three_percent_misread());
  a.observe({1, 1});  // mistyped: the wire is broken but the user entered "battery" at the hatch
  // Lowered by the misread odds (3 % vs 97 %), not to nothing.
  EXPECT_GT(a.probability(2), 0.01);
  EXPECT_LT(a.probability(2), 0.1);
  a.observe({0, 1});  // battery at the pin
  // Readings the wire predicts from here on bring it back to the top.
  Dictionary more = d;
  more.tests.push_back({"lamp", 5, "", {"dark", "lit"}});
  for (auto& row : more.readings) row.push_back(row[1]);
  Assistant b(more, three_percent_misread());
  b.observe({1, 1});
  b.observe({0, 1});
  b.observe({3, 0});
  EXPECT_EQ(b.ranking().front().candidate, 2);
}

TEST(Assistant, ReadingsNoCandidatePredictsAreNotExplained) {
  const auto d = hatch_dictionary();
  Assistant a(d);
  a.observe({0, 0});  // 0 V at the BC1 pin (the module) ...
  a.observe({1, 1});  // ... yet battery at the hatch, and
  a.observe({2, 0});  // no flash: no candidate reads this
  EXPECT_FALSE(a.explained());
  EXPECT_GT(a.unexplained(), 0.5);
}

TEST(Assistant, NextTestIsTheBestInformationPerMinute) {
  auto d = hatch_dictionary();
  Assistant a(d);
  // All candidates agree on the flashes: the free look tests only "not explained".
  EXPECT_GT(a.expected_gain_bits(2), 0.0);
  EXPECT_LT(a.expected_gain_bits(2), 0.5);
  // The pin test splits the module from the rest at half the hatch's cost.
  EXPECT_EQ(d.tests[a.next_test()->test].id, "pin");
  // Charged almost nothing, the free look would come first (with a "not explained" that reads the
  // library's mix on every test and is likely enough for the look to be worth a tenth of a minute).
  AssistantOptions cheap;
  cheap.cost_floor_min = 0.1;
  cheap.unexplained_prior = 0.2;
  cheap.unexplained_deviation = 1;
  EXPECT_EQ(d.tests[Assistant(d, cheap).next_test()->test].id, "flash");
  // Make the hatch test cheap and it wins where a minute is charged as a minute: both split a
  // quarter of the mass off, and it costs less.
  d.tests[1].cost_min = 1;
  AssistantOptions floor_one;
  floor_one.cost_floor_min = 1;
  Assistant b(d, floor_one);
  EXPECT_EQ(d.tests[b.next_test()->test].id, "hatch");
}

TEST(Assistant, TakenTestsAreNotProposedAgain) {
  const auto d = hatch_dictionary();
  AssistantOptions once;
  once.max_takes = 1;
  Assistant a(d, once);
  a.observe({0, 1});
  ASSERT_TRUE(a.next_test());
  EXPECT_NE(a.next_test()->test, 0);
}

// The healthy car is twenty times likelier than a bonnet switch stuck open, and one test tells them
// apart: one reading against the healthy car leaves it at 1 % odds times 20 (~83 % for the switch);
// the same test read twice settles it.
TEST(Assistant, RepeatsTheOneTestThatSplitsTheLeaderFromALikelierLookAlike) {
  Dictionary d;
  d.tests = {{"bonnet_input", 5, "state", {"closed", "open"}}, {"flashes", 1, "flashes", {"none", "two"}}};
  d.candidates = {{"healthy", {}, 20}, {"switch_failed", {{"switch", "bonnet"}}, 1}};
  d.variants = {{"healthy#0", 0, {}}, {"switch_failed#0", 1, {}}};
  d.readings = {{{0, 0}, {2, 1}}, {{1, 1}, {2, 1}}};
  AssistantOptions o;
  o.unexplained_prior = 0;  // the library only, for the arithmetic above
  Assistant a(d, o);
  a.observe({0, 1});
  EXPECT_LT(a.probability(1), 0.95);
  ASSERT_FALSE(a.done());
  EXPECT_EQ(a.next_test()->test, 0);
  a.observe({0, 1});
  EXPECT_GE(a.probability(1), 0.95);
  EXPECT_TRUE(a.done());
  // Taken once at most, the session ends short of 95 %.
  o.max_takes = 1;
  Assistant b(d, o);
  b.observe({0, 1});
  EXPECT_TRUE(b.done());
  EXPECT_LT(b.probability(1), 0.95);
}

TEST(Assistant, RefusesAReadingOfNoTestOrNoClass) {
  const auto d = hatch_dictionary();
  Assistant a(d);
  EXPECT_THROW(a.observe({7, 0}), std::invalid_argument);
  try {
    a.observe({0, 5});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("pin"), std::string::npos) << e.what();
  }
}

TEST(Assistant, RefusesAnInconsistentDictionary) {
  auto d = hatch_dictionary();
  d.readings[1][0].outcome = 4;
  EXPECT_THROW(Assistant{d}, std::invalid_argument);
  d = hatch_dictionary();
  d.variants[0].candidate = 9;
  EXPECT_THROW(Assistant{d}, std::invalid_argument);
}

TEST(Assistant, PointedAtNamesTheCandidatesOfAnOutcome) {
  const auto d = hatch_dictionary();
  Assistant a(d);
  const auto zero_at_pin = a.pointed_at(0, 0);
  ASSERT_EQ(zero_at_pin.size(), 1u);
  EXPECT_EQ(zero_at_pin[0].candidate, 1);
  EXPECT_EQ(a.pointed_at(0, 1).size(), 2u);
}

TEST(Assistant, DiagnosesEveryVariantOfASyntheticLibrary) {
  testing::SyntheticShape shape;
  shape.disturbed = 4;
  const auto d = testing::synthetic_dictionary(shape);
  int right = 0;
  for (std::size_t v = 0; v < d.variants.size(); ++v) {
    Assistant a(d);
    while (!a.done()) {
      const int t = a.next_test()->test;
      a.observe({t, d.readings[v][t].outcome});
    }
    right += a.ranking().front().candidate == d.variants[v].candidate;
  }
  // Random faults may collide on every test; nearly all are still told apart.
  EXPECT_GE(right, static_cast<int>(d.variants.size()) * 9 / 10);
}

TEST(Assistant, AReadingNoConsistentVariantReadsIsTakenAgainFirst) {
  const auto d = hatch_dictionary();
  Assistant a(d);
  a.observe({0, 0});  // 0 V at the BC1 pin: the module
  EXPECT_FALSE(a.next_test()->repeat);
  a.observe({1, 1});  // battery at the hatch: no variant reads both
  ASSERT_TRUE(a.next_test());
  EXPECT_TRUE(a.next_test()->repeat);
  EXPECT_EQ(a.next_test()->test, 1);
  EXPECT_FALSE(a.done());  // not before the surprise is confirmed
  a.observe({1, 0});       // read again: 0 V, the first was a slip
  EXPECT_NE(a.next_test().value_or(TestChoice{}).test, 1);  // once is enough
  EXPECT_EQ(a.ranking().front().candidate, 1);
  // Without the rule, the surprise is never taken twice.
  AssistantOptions no_confirm;
  no_confirm.confirm_surprises = false;
  Assistant b(d, no_confirm);
  b.observe({0, 0});
  b.observe({1, 1});
  EXPECT_FALSE(b.next_test().value_or(TestChoice{}).repeat);
}

TEST(Assistant, AMisEnteredReadingTakenAgainDoesNotMakeItNotExplained) {
  // The wire's car: battery at the pin, 0 V at the hatch, but the hatch first entered as battery.
  const auto d = hatch_dictionary();
  AssistantOptions o;
  o.misread = 0.01;
  o.unexplained_prior = 0.05;
  Assistant a(d, o);
  a.observe({0, 1});
  a.observe({1, 1});
  a.observe({1, 0});
  // Both hatch readings cost every hypothesis one misread, "not explained" too: the wire leads.
  EXPECT_EQ(a.ranking().front().candidate, 2);
  EXPECT_GT(a.probability(2), 10 * a.unexplained());
}

TEST(Assistant, StopsOnCandidatesNoUntakenTestTellsApart) {
  // A fourth candidate reads like the broken wire on every test: once the pin and the hatch are
  // read, only they are left and nothing splits them.
  auto d = hatch_dictionary();
  d.candidates.push_back({"hinge_wire_open", {{"wire", "hatch_ground"}}, 2});
  d.variants.push_back({"hinge_wire_open{wire=hatch_ground}#0", 3, {}});
  d.readings.push_back(d.readings[2]);
  Assistant a(d);
  EXPECT_TRUE(a.ambiguity_group().empty());
  a.observe({2, 1});  // the flashes seen (else a free look would be the confirmation at the stop)
  a.observe({0, 1});
  a.observe({1, 0});
  // Each reading may still be taken a second time (max_takes 2): that would split the wires from
  // the rest further, so no stop yet; once both are read twice, nothing splits them.
  EXPECT_TRUE(a.ambiguity_group().empty());
  a.observe({0, 1});
  a.observe({1, 0});
  const auto group = a.ambiguity_group();  // best first; the others linger at a misread's odds
  ASSERT_GE(group.size(), 2u);
  EXPECT_EQ(std::min(group[0], group[1]), 2);
  EXPECT_EQ(std::max(group[0], group[1]), 3);
  EXPECT_TRUE(a.done());
  EXPECT_LT(a.ranking().front().probability, 0.95);
  // A test that tells them apart keeps the session going.
  d.tests.push_back({"ground", 15, "ohm", {"low", "open"}});
  for (auto& row : d.readings) row.push_back({0, 0});
  d.readings[3].back() = {1e9, 1};
  Assistant b(d);
  b.observe({2, 1});
  for (int twice = 0; twice < 2; ++twice) {
    b.observe({0, 1});
    b.observe({1, 0});
  }
  EXPECT_TRUE(b.ambiguity_group().empty());
  EXPECT_FALSE(b.done());
  EXPECT_EQ(d.tests[b.next_test()->test].id, "ground");
}

// The owner saw the hatch stay shut ("look", free); a meter at the BC1 pin (5 min) tells the broken
// wire (battery at the pin) from the dead module (0 V); a test lamp at the hatch connector (3 min)
// stays dark for both. A fault outside this library (the lock's own switch, say) reads like the
// wire on the look and the pin but lights the lamp: only the lamp can show it.
Dictionary confirm_dictionary(double lamp_cost) {
  Dictionary d;
  d.tests = {{"look", 0, "state", {"opens", "stays shut"}},
             {"pin", 5, "V", {"0 V", "battery"}},
             {"lamp", lamp_cost, "W", {"dark", "lit"}}};
  d.candidates = {{"healthy", {}, 1}, {"hinge_wire_open", {}, 2}, {"module_output_dead", {}, 1}};
  d.variants = {{"healthy#0", 0, {}}, {"hinge_wire_open#0", 1, {}}, {"module_output_dead#0", 2, {}}};
  d.readings = {{{0, 0}, {12, 1}, {21, 1}}, {{1, 1}, {12, 1}, {0, 0}}, {{1, 1}, {0, 0}, {0, 0}}};
  return d;
}

// Runs the assistant to its stop on a car that reads `row` (outcome per test).
Assistant session(const Dictionary& d, const AssistantOptions& o, const std::vector<int>& row) {
  Assistant a(d, o);
  a.observe({0, row[0]});
  while (!a.done()) {
    const int t = a.next_test()->test;
    a.observe({t, row[t]});
  }
  return a;
}

TEST(Assistant, AtTheStopAConfirmationTestWorthItsMinutesChecksTheLeader) {
  const auto d = confirm_dictionary(3);
  const std::vector<int> outside = {1, 1, 1};  // like the wire, but the lamp lights
  AssistantOptions none;
  none.unexplained_prior = 0.02;  // the wire at ~97 % after the pin
  none.wrong_verdict_min = 0;
  const auto blind = session(d, none, outside);
  EXPECT_EQ(blind.times_taken(2), 0);  // the wire at 95 % after the pin: the lamp never read
  EXPECT_TRUE(blind.explained());
  AssistantOptions weighed = none;
  // ~2 % "not explained" x ~17 % that the lamp lights under it x 5000 min > the lamp's 3 min
  weighed.wrong_verdict_min = 5000;
  const auto checked = session(d, weighed, outside);
  EXPECT_EQ(checked.times_taken(2), 2);  // the lamp, and again when it lit against the wire
  EXPECT_FALSE(checked.explained());
  // The wire itself: the lamp stays dark, the verdict stands, one test later.
  const auto wire = session(d, weighed, {1, 1, 0});
  EXPECT_EQ(wire.times_taken(2), 1);
  EXPECT_TRUE(wire.explained());
  EXPECT_EQ(wire.ranking().front().candidate, 1);
  EXPECT_GE(wire.ranking().front().probability, 0.95);
}

TEST(Assistant, AConfirmationTestDearerThanAWrongVerdictIsNotTaken) {
  AssistantOptions o;
  o.unexplained_prior = 0.02;
  o.wrong_verdict_min = 5000;
  const auto d = confirm_dictionary(400);  // the lamp behind a day's dismantling
  const auto a = session(d, o, {1, 1, 1});
  EXPECT_EQ(a.times_taken(2), 0);
  EXPECT_FALSE(a.confirmation().has_value());
}

TEST(Assistant, NotExplainedNearEveryVariantGeneralisesTheLibrarysMix) {
  // Deviating on every test (deviation 1), "not explained" is the library's mix on each test: what
  // a candidate reads everywhere costs it as much as before the readings.
  const auto d = hatch_dictionary();
  AssistantOptions mix;
  mix.unexplained_deviation = 1;
  Assistant a(d, mix);
  const auto predicted = a.unexplained_predictive(0);
  ASSERT_EQ(predicted.size(), 2u);
  EXPECT_NEAR(predicted[0] + predicted[1], 1.0, 1e-12);
  // Near the variants (deviation 0.3), it expects what the likeliest ones read, more than the mix.
  a.observe({0, 0});
  AssistantOptions near;
  near.unexplained_deviation = 0.3;
  Assistant b(d, near);
  b.observe({0, 0});  // 0 V at the pin: near the dead module, which reads 0 V at the hatch too
  EXPECT_GT(b.unexplained_predictive(1)[0], a.unexplained_predictive(1)[0]);
}

}  // namespace
}  // namespace bcmhil::diagnosis
