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

// ds2.* signals are what the scenario's tester read (issue 12): before any read their 0 is
// nobody's observation, so an expectation on one needs a read inside its window, like fault:.
namespace {

scenario::Expectation ds2_expectation(const char* signal, Check check, double value, double from_s, double to_s) {
  auto e = make(check, value, from_s, to_s);
  e.signal = signal;
  return e;
}

// As diagnostic_session records it: an outputs read at 5 s showing DOP_BOOT_RELEASE off.
trace::Recorder outputs_read_at_5s() {
  trace::Recorder rec;
  const auto out = rec.declare("ds2.DOP_BOOT_RELEASE", trace::Kind::bit, "", "", 0);
  const auto reads = rec.declare(runner::kOutputReadsSignal, trace::Kind::real, "", "", 0);
  rec.record(out, 5 * kS, 0);
  rec.record(reads, 5 * kS, 1);
  return rec;
}

}  // namespace

TEST(Ds2Expectation, NeverWithoutAnyReadFails) {
  trace::Recorder rec;  // no diagnose step at all: the signal was never even declared
  const auto r = runner::check_expectation(ds2_expectation("ds2.DOP_BOOT_RELEASE", Check::never, 1, 0, 10), rec);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.observed, "no DS2 read inside the window (add a 'do: diagnose, job: outputs' step)");
  EXPECT_EQ(r.expected, "never 1");
}

TEST(Ds2Expectation, AReadOutsideTheWindowDoesNotCount) {
  const auto rec = outputs_read_at_5s();
  const auto never = runner::check_expectation(ds2_expectation("ds2.DOP_BOOT_RELEASE", Check::never, 1, 6, 10), rec);
  EXPECT_FALSE(never.passed);
  EXPECT_NE(never.observed.find("no DS2 read inside the window"), std::string::npos);
  const auto at = runner::check_expectation(ds2_expectation("ds2.DOP_BOOT_RELEASE", Check::always, 0, 4, 4), rec);
  EXPECT_FALSE(at.passed);  // `at: 4 s`, one instant before the read
}

TEST(Ds2Expectation, AReadInsideTheWindowIsJudged) {
  const auto rec = outputs_read_at_5s();
  EXPECT_TRUE(runner::check_expectation(ds2_expectation("ds2.DOP_BOOT_RELEASE", Check::never, 1, 4, 6), rec).passed);
  EXPECT_TRUE(runner::check_expectation(ds2_expectation("ds2.DOP_BOOT_RELEASE", Check::always, 0, 5, 5), rec).passed);
  // A read of other signals (the inputs) is no read of this one.
  auto other = ds2_expectation("ds2.DIP_BOOT_OPEN_SW", Check::never, 1, 4, 6);
  EXPECT_FALSE(runner::check_expectation(other, rec).passed);
}

TEST(Ds2Expectation, JobOkNeedsAnyJobAndFaultNeedsAFaultRead) {
  trace::Recorder rec;
  const auto r = runner::check_expectation(ds2_expectation("ds2.job_ok", Check::never, 1, 0, 10), rec);
  EXPECT_EQ(r.observed, "no DS2 read inside the window (add a 'do: diagnose' step)");
  const auto f = runner::check_expectation(ds2_expectation("ds2.fault.0xC4", Check::fault_state, 2, 0, 10), rec);
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.expected, "0xC4 active");
  EXPECT_EQ(f.observed, "no DS2 read inside the window (add a 'do: diagnose, job: faults' step)");
}

TEST(Ds2Expectation, ValidatedFromTheCatalogueWithoutATester) {
  trace::Recorder rec;  // bcmhil serve: no tester, nothing ds2.* declared
  auto e = ds2_expectation("ds2.job_ok", Check::always, 1, 0, 1);
  EXPECT_NO_THROW(runner::validate_expectation(e, rec));
  e.signal = "ds2.DOP_BOOT_RELEASE";
  EXPECT_NO_THROW(runner::validate_expectation(e, rec));
  e.signal = "ds2.STAT_RF_REMOTE_BATTERY_DEAD";
  EXPECT_NO_THROW(runner::validate_expectation(e, rec));
  e.signal = "ds2.fault.0xC4";
  EXPECT_THROW(runner::validate_expectation(e, rec), scenario::ScenarioError);  // a count, not a bit
  e.check = Check::fault_state;
  EXPECT_NO_THROW(runner::validate_expectation(e, rec));
  e.signal = "ds2.DOP_BOOT_RELAESE";
  e.check = Check::never;
  e.where = {"f.yaml", 9, 3};
  try {
    runner::validate_expectation(e, rec);
    FAIL();
  } catch (const scenario::ScenarioError& err) {
    EXPECT_EQ(err.where().line, 9);
    EXPECT_NE(err.message().find("did you mean 'ds2.DOP_BOOT_RELEASE'"), std::string::npos) << err.message();
  }
}
