// The fault library: every type is findable by a unique name, documents itself, and its
// parameters have defaults a scenario file would accept (parsed by the scenario quantity parser,
// inside their range, a listed choice). Every type, with its defaults, changes what the owner or
// a meter sees.
#include "tests/model/faults/fault_test_support.h"
#include "source_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

namespace {

using namespace bcmhil::testing;
using bcmhil::faults::fault_library;
using bcmhil::faults::find_fault_type;
using bcmhil::faults::ParamKind;
using bcmhil::model::FobButton;

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

constexpr std::uint64_t kRoutineEnd = 29 * kS;

// What the owner and a meter see while the owner uses the car: every probe (V(...), I(...)), the
// lamps, the hatch, the door locks, the wipers and the air flap. Internal flags and a fault's own
// variables are left out.
bool observable(const std::string& name) {
  for (const char* prefix : {"V(", "I(", "battery.current", "indicator_", "interior_lamp.", "hatch.", "door_lock.",
                             "front_wiper.", "rear_wiper.", "recirc_flap."})
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

// The owner's routine: unlock, open the hatch with the fob, shut it, lock; then ignition on, the
// wipers and the recirculation button (the wiper and flap faults show there). Returns the traces.
std::vector<bcmhil::trace::Signal> use_the_car(const bcmhil::faults::FaultType* type) {
  CarUnderTest car;
  std::unique_ptr<bcmhil::faults::Fault> fault;
  if (type) fault = type->create(default_spec(type->name, sc_core::sc_time(1, sc_core::SC_SEC)), car.car());
  car.elaborate();
  car.run_until(12 * kS);  // the longest default growth (10 s) is over
  car.car().press_fob(1, FobButton::unlock);
  car.run_until(14 * kS);
  car.car().press_fob(1, FobButton::trunk);
  car.run_until(17 * kS);
  car.car().close_hatch();
  car.run_until(18 * kS);
  car.car().press_fob(1, FobButton::lock);
  car.run_until(21 * kS);
  car.car().set_ignition(true);
  car.car().press_switch("wiper_slow", sc_core::sc_time(4, sc_core::SC_SEC));
  car.car().press_switch("rear_wiper", sc_core::sc_time(4, sc_core::SC_SEC));
  car.run_until(22 * kS);
  car.car().press_switch("recirculation", sc_core::sc_time(0.3, sc_core::SC_SEC));
  car.run_until(kRoutineEnd);
  return car.recorder->signals();
}

// Where two histories of one signal part, to the nearest 10 ms (for the message).
std::optional<double> first_difference(const bcmhil::trace::Signal& a, const bcmhil::trace::Signal& b) {
  for (std::uint64_t t = 0; t <= kRoutineEnd; t += 10 * kMs) {
    const double x = a.value_at(t), y = b.value_at(t);
    // 1 %: a dry board's leakage path (1 Mohm beside a 10 k divider) is not yet a symptom.
    if (std::abs(x - y) > 1e-2 * std::max(1.0, std::abs(x))) return static_cast<double>(t) / kS;
  }
  return std::nullopt;
}

// Every type, with its defaults, changes something the owner or a meter sees (a fault type that
// builds but does nothing fails here), and nothing before its onset at 1 s.
TEST(FaultLibrary, EveryTypeWithItsDefaultsChangesWhatTheOwnerOrAMeterSees) {
  const auto healthy = use_the_car(nullptr);
  for (const auto& t : fault_library()) {
    SCOPED_TRACE(t.name);
    const auto faulty = use_the_car(&t);
    std::string seen;
    for (const auto& h : healthy) {
      if (!observable(h.name)) continue;
      const auto f = std::find_if(faulty.begin(), faulty.end(), [&](const auto& s) { return s.name == h.name; });
      ASSERT_NE(f, faulty.end()) << h.name;
      if (const auto at = first_difference(h, *f)) {
        EXPECT_GE(*at, 1.0) << h.name << " differs before the onset";
        seen += " " + h.name;
      }
    }
    EXPECT_FALSE(seen.empty()) << "the fault changes nothing observable";
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
