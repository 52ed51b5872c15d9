// The fault library: every type is findable by a unique name, documents itself, and its
// parameters have defaults a scenario file would accept (parsed by the scenario quantity parser,
// inside their range, a listed choice). Every type builds with its defaults.
#include "tests/model/faults/fault_test_support.h"
#include "source_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::fault_library;
using bcmhil::faults::find_fault_type;
using bcmhil::faults::ParamKind;

TEST(FaultLibrary, HasTheDocumentedTypesUnderUniqueNames) {
  std::set<std::string> names;
  for (const auto& t : fault_library()) {
    EXPECT_TRUE(names.insert(t.name).second) << "duplicate " << t.name;
    EXPECT_EQ(find_fault_type(t.name), &t);
    EXPECT_FALSE(t.summary.empty()) << t.name;
    EXPECT_FALSE(t.symptom.empty()) << t.name;
    EXPECT_FALSE(t.tell.empty()) << t.name;
    EXPECT_TRUE(t.create) << t.name;
  }
  // The seed case and its look-alikes are always there; the library grows beyond them, and
  // EveryTypeIsDocumentedInTheScenarioReadme keeps each addition documented.
  for (const char* seed : {"water_ingress", "hinge_wire_open", "blown_fuse", "actuator_failure"})
    EXPECT_EQ(names.count(seed), 1u) << seed;
  EXPECT_EQ(find_fault_type("flood"), nullptr);
  EXPECT_EQ(find_fault_type(""), nullptr);
}

TEST(FaultLibrary, EveryParameterHasAUniqueNameAndADefaultThatParses) {
  for (const auto& t : fault_library()) {
    std::set<std::string> params;
    for (const auto& p : t.params) {
      SCOPED_TRACE(t.name + "." + p.name);
      EXPECT_TRUE(params.insert(p.name).second) << "duplicate parameter";
      EXPECT_NE(p.name, "type");
      EXPECT_NE(p.name, "at") << "would clash with the scenario's onset key";
      EXPECT_FALSE(p.description.empty());
      if (p.kind == ParamKind::choice) {
        ASSERT_FALSE(p.choices.empty());
        EXPECT_EQ(std::set<std::string>(p.choices.begin(), p.choices.end()).size(), p.choices.size());
        EXPECT_NE(std::find(p.choices.begin(), p.choices.end(), p.default_value), p.choices.end());
        continue;
      }
      EXPECT_TRUE(p.choices.empty());
      const auto q = bcmhil::scenario::parse_quantity(p.default_value, dimension_of(p.kind));
      ASSERT_TRUE(q) << "'" << p.default_value << "'";
      EXPECT_EQ(q->dimension, dimension_of(p.kind)) << "'" << p.default_value << "' has the wrong unit";
      EXPECT_GE(q->value, p.min);
      EXPECT_LE(q->value, p.max);
      EXPECT_LT(p.min, p.max);
    }
  }
}

TEST(FaultLibrary, EveryTypeBuildsAndRunsWithItsDefaults) {
  for (const auto& t : fault_library()) {
    SCOPED_TRACE(t.name);
    CarUnderTest car;
    auto fault = t.create(default_spec(t.name, sc_core::sc_time(1, sc_core::SC_SEC)), car.car());
    ASSERT_TRUE(fault);
    EXPECT_NE(std::string(fault->basename()).find(t.name), std::string::npos);
    car.elaborate();
    car.run_until(3 * kS);
  }
}

TEST(FaultLibrary, TwoFaultsOfOneTypeCoexist) {
  // Two broken hinge wires: the factory gives each module its own name.
  CarUnderTest car;
  const auto* type = find_fault_type("hinge_wire_open");
  auto a = type->create(default_spec("hinge_wire_open", sc_core::sc_time(1, sc_core::SC_SEC), {}, {{"wire", "tailgate_feed"}}),
                        car.car());
  auto b = type->create(default_spec("hinge_wire_open", sc_core::sc_time(2, sc_core::SC_SEC), {}, {{"wire", "contact_signal"}}),
                        car.car());
  EXPECT_STRNE(a->name(), b->name());
  car.elaborate();
  car.run_until(3 * kS);
  auto& net = car.car().circuit.network();
  EXPECT_EQ(net.resistance(net.branch("harness.tailgate_feed.hinge")), bcmhil::electrical::kOpen);
  EXPECT_EQ(net.resistance(net.branch("harness.contact_signal.hinge")), bcmhil::electrical::kOpen);
}

TEST(FaultLibrary, NothingHappensBeforeTheOnset) {
  for (const auto& t : fault_library()) {
    SCOPED_TRACE(t.name);
    CarUnderTest healthy;
    healthy.elaborate();
    healthy.run_until(2 * kS);
    CarUnderTest faulty;
    auto fault = t.create(default_spec(t.name, sc_core::sc_time(5, sc_core::SC_SEC)), faulty.car());
    faulty.elaborate();
    faulty.run_until(2 * kS);
    const auto& a = healthy.car().circuit.network();
    const auto& b = faulty.car().circuit.network();
    for (std::size_t i = 0; i < a.branch_count(); ++i) {
      const auto id = static_cast<int>(i);
      const auto other = b.branch(a.branch_name(id));
      EXPECT_EQ(a.resistance(id), b.resistance(other)) << a.branch_name(id);
    }
    EXPECT_EQ(faulty.car().bc1.tailgate_driver().health(), bcmhil::model::HighSideDriver::Health::ok);
  }
}

// scenarios/README.md is where users look a fault up: every type has its row in the fault table.
TEST(FaultLibrary, EveryTypeIsDocumentedInTheScenarioReadme) {
  std::ifstream in(source_dir() + "/scenarios/README.md");
  ASSERT_TRUE(in) << "scenarios/README.md not found under " << source_dir();
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& t : fault_library())
    EXPECT_NE(readme.find("| `" + t.name + "` |"), std::string::npos) << t.name << " has no row in scenarios/README.md";
}

}  // namespace
