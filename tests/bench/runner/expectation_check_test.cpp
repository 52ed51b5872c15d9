#include "bench/runner/expectation_check.h"

#include <gtest/gtest.h>

using namespace bcmhil;
using scenario::Check;

namespace {

constexpr std::uint64_t kS = 1000000000000ULL;

scenario::Expectation make(Check check, double value, double from_s, double to_s) {
  scenario::Expectation e;
  e.name = "e";
  e.signal = "s";
  e.check = check;
  e.value = value;
  e.from = sc_core::sc_time(from_s, sc_core::SC_SEC);
  e.to = sc_core::sc_time(to_s, sc_core::SC_SEC);
  return e;
}

// A lamp blinking twice between 1 s and 2.5 s.
trace::Signal blinking() {
  return {"lamp", trace::Kind::bit, "", "", {{0, 0}, {1 * kS, 1}, {kS + kS / 4, 0}, {2 * kS, 1}, {2 * kS + kS / 4, 0}}};
}

trace::Signal voltage() {
  return {"V(x)", trace::Kind::real, "V", "", {{0, 0.0}, {1 * kS, 12.0}, {2 * kS, 6.0}, {3 * kS, 0.0}}};
}

}  // namespace

TEST(ExpectationCheck, CountsEdgesInsideTheWindowOnly) {
  const auto s = blinking();
  EXPECT_TRUE(runner::check_expectation(make(Check::rising_edges, 2, 0, 3), s).passed);
  EXPECT_FALSE(runner::check_expectation(make(Check::rising_edges, 2, 1.5, 3), s).passed);
  const auto r = runner::check_expectation(make(Check::rising_edges, 2, 1.5, 3), s);
  EXPECT_EQ(r.observed, "1 rising edge(s)");
  EXPECT_TRUE(runner::check_expectation(make(Check::falling_edges, 2, 0, 3), s).passed);
  // An edge exactly at the window's start is the state it starts in, not an edge inside it.
  EXPECT_TRUE(runner::check_expectation(make(Check::rising_edges, 1, 1, 1.9), s).passed == false);
  EXPECT_TRUE(runner::check_expectation(make(Check::rising_edges, 0, 1, 1.9), s).passed);
}

TEST(ExpectationCheck, AlwaysAndNeverReportWhenTheyBroke) {
  const auto s = blinking();
  EXPECT_TRUE(runner::check_expectation(make(Check::never, 1, 0, 0.9), s).passed);
  const auto r = runner::check_expectation(make(Check::never, 1, 0, 3), s);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.observed, "was 1 at 1.000000 s");
  EXPECT_TRUE(runner::check_expectation(make(Check::always, 1, 1.0, 1.2), s).passed);
  EXPECT_FALSE(runner::check_expectation(make(Check::always, 1, 1.0, 1.3), s).passed);
}

TEST(ExpectationCheck, MinAndMaxIncludeTheValueHoldingAtTheStart) {
  const auto s = voltage();
  EXPECT_TRUE(runner::check_expectation(make(Check::max_at_least, 12, 1.5, 2.5), s).passed);
  const auto r = runner::check_expectation(make(Check::max_at_most, 0.5, 2.5, 4), s);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.observed, "max 6.000 V");
  EXPECT_EQ(r.expected, "max <= 0.500 V");
  EXPECT_TRUE(runner::check_expectation(make(Check::min_at_most, 0, 0, 4), s).passed);
  EXPECT_FALSE(runner::check_expectation(make(Check::min_at_least, 1, 0.5, 1.5), s).passed);
  EXPECT_TRUE(runner::check_expectation(make(Check::min_at_least, 6, 1.0, 2.9), s).passed);
}

TEST(ExpectationCheck, ValidationNamesTheProblem) {
  trace::Recorder rec;
  rec.declare("hatch.open", trace::Kind::bit, "", "", 0);
  rec.declare("V(bc1.tailgate_out)", trace::Kind::real, "V", "", 0);
  auto e = make(Check::never, 1, 0, 1);
  e.signal = "hatch.opne";
  e.where = {"f.yaml", 7, 5};
  try {
    runner::validate_expectation(e, rec);
    FAIL();
  } catch (const scenario::ScenarioError& err) {
    EXPECT_EQ(err.where().line, 7);
    EXPECT_NE(err.message().find("did you mean 'hatch.open'"), std::string::npos);
  }
  e.signal = "V(bc1.tailgate_out)";
  EXPECT_THROW(runner::validate_expectation(e, rec), scenario::ScenarioError);  // edges on a voltage
  auto m = make(Check::max_at_most, 1, 0, 1);
  m.signal = "V(bc1.tailgate_out)";
  m.value_dimension = scenario::Dimension::current;
  EXPECT_THROW(runner::validate_expectation(m, rec), scenario::ScenarioError);  // amps for a voltage
  m.value_dimension = scenario::Dimension::voltage;
  EXPECT_NO_THROW(runner::validate_expectation(m, rec));
}
