// Circuit: the electrical network inside the SystemC kernel. Solved once at time zero and then
// only when something asked for it (once per delta however many changes), every node and branch
// recorded as "V(node)" / "I(branch)", solved() fired after each solve, corrections iterated.
#include "model/circuit/circuit.h"

#include <gtest/gtest.h>
#include <systemc>

#include <memory>

#include "systemc_kernel.h"

namespace {

using bcmhil::electrical::kGround;
using bcmhil::electrical::kOpen;
using bcmhil::electrical::Network;
using bcmhil::model::Circuit;
using bcmhil::trace::Recorder;

constexpr std::uint64_t kMs = 1'000'000'000;  // ps
// Every node has 1 nS to ground (model/electrical/network.cpp kNodeLeak), so a kilohm divider
// reads a few microvolts below the ideal value.
constexpr double kVoltTol = 1e-4;
constexpr double kAmpTol = 1e-7;

// A 12 V source (0.5 ohm inside) feeding a divider: top 1 kohm, bottom 2 kohm or 1 kohm.
struct Divider {
  Divider() {
    bcmhil::testing::fresh_systemc_kernel();
    recorder = std::make_unique<Recorder>();
    circuit = std::make_unique<Circuit>("circuit", *recorder);
    auto& net = circuit->network();
    supply = net.add_node("supply");
    mid = net.add_node("mid");
    source = net.add_source("source", supply, kGround, 12.0, 0.5);
    top = net.add_resistor("top", supply, mid, 1000.0);
    bottom = net.add_resistor("bottom", mid, kGround, 2000.0);
  }
  Network& net() { return circuit->network(); }
  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<Circuit> circuit;
  int supply, mid, source, top, bottom;
};

// Counts solved() notifications.
SC_MODULE(SolvedCounter) {
  int count = 0;
  SC_CTOR(SolvedCounter) {}
  void watch(const Circuit& c) {
    SC_METHOD(tick);
    sensitive << c.solved();
    dont_initialize();
  }
  void tick() { ++count; }
};

double expected_mid(double bottom_ohm) {
  const double i = 12.0 / (0.5 + 1000.0 + bottom_ohm);
  return i * bottom_ohm;
}

TEST(Circuit, SolvesOnceAtTimeZeroAndRecordsEveryNodeAndBranch) {
  Divider d;
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  EXPECT_EQ(d.net().solve_count(), 1u);
  EXPECT_NEAR(d.net().voltage(d.mid), expected_mid(2000.0), kVoltTol);

  const auto* vmid = d.recorder->find("V(mid)");
  const auto* vsupply = d.recorder->find("V(supply)");
  const auto* itop = d.recorder->find("I(top)");
  const auto* isource = d.recorder->find("I(source)");
  ASSERT_TRUE(vmid && vsupply && itop && isource);
  EXPECT_EQ(d.recorder->find("V(ground)"), nullptr) << "ground is the reference, not a probe";
  EXPECT_EQ(vmid->unit, "V");
  EXPECT_EQ(itop->unit, "A");
  EXPECT_NEAR(vmid->value_at(0), expected_mid(2000.0), kVoltTol);
  EXPECT_NEAR(itop->value_at(0), 12.0 / 3000.5, kAmpTol);
  // A source's current flows from plus to minus inside it: it delivers, so it reads negative.
  EXPECT_NEAR(isource->value_at(0), -12.0 / 3000.5, kAmpTol);
  EXPECT_EQ(Circuit::voltage_probe("x"), "V(x)");
  EXPECT_EQ(Circuit::current_probe("y"), "I(y)");
}

TEST(Circuit, DoesNotSolveWhileNothingChanges) {
  Divider d;
  SolvedCounter counter("counter");
  counter.watch(*d.circuit);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  // solved() is a delta notification: let the time-zero one arrive first.
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  EXPECT_EQ(counter.count, 1);
  const auto solves = d.net().solve_count();
  const int events = counter.count;
  sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_SEC));  // 10 s of nothing
  EXPECT_EQ(d.net().solve_count(), solves);
  EXPECT_EQ(counter.count, events);
  EXPECT_EQ(d.recorder->find("V(mid)")->samples.size(), 1u);
}

TEST(Circuit, ManyChangesInOneDeltaGiveOneSolve) {
  Divider d;
  SolvedCounter counter("counter");
  counter.watch(*d.circuit);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  const auto solves = d.net().solve_count();
  const int events = counter.count;

  d.net().set_resistance(d.bottom, 1000.0);
  d.circuit->request_solve();
  d.net().set_emf(d.source, 6.0);
  d.circuit->request_solve();
  d.net().set_resistance(d.top, 2000.0);
  d.circuit->request_solve();
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));

  EXPECT_EQ(d.net().solve_count(), solves + 1);
  EXPECT_EQ(counter.count, events + 1);
  EXPECT_NEAR(d.net().voltage(d.mid), 6.0 * 1000.0 / 3000.5, kVoltTol);
  // The new value is recorded at the instant of the change (1 ms), not later.
  const auto& vmid = *d.recorder->find("V(mid)");
  ASSERT_EQ(vmid.samples.size(), 2u);
  EXPECT_EQ(vmid.samples[1].time_ps, 1 * kMs);
  EXPECT_NEAR(vmid.samples[1].value, 6.0 * 1000.0 / 3000.5, kVoltTol);
}

TEST(Circuit, ARequestWithoutAChangeNotifiesButDoesNotResolve) {
  Divider d;
  SolvedCounter counter("counter");
  counter.watch(*d.circuit);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  // solved() is a delta notification: let the time-zero one arrive first.
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  EXPECT_EQ(counter.count, 1);
  const auto solves = d.net().solve_count();
  const int events = counter.count;
  d.net().set_resistance(d.bottom, 2000.0);  // the value it already has: not dirty
  EXPECT_FALSE(d.net().dirty());
  d.circuit->request_solve();
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  EXPECT_EQ(d.net().solve_count(), solves);
  EXPECT_EQ(counter.count, events + 1);
}

TEST(Circuit, OpeningABranchFloatsTheNodeToZero) {
  Divider d;
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  d.net().set_resistance(d.top, kOpen);
  d.circuit->request_solve();
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  EXPECT_NEAR(d.net().voltage(d.mid), 0.0, 1e-9);
  EXPECT_NEAR(d.net().voltage(d.supply), 12.0, 1e-6);
  EXPECT_NEAR(d.recorder->find("I(top)")->value_at(1 * kMs), 0.0, 1e-12);
}

TEST(Circuit, CorrectionsAreAppliedBeforeTheOperatingPointIsPublished) {
  Divider d;
  // A crude current limiter on "top": above 3 mA it becomes a 3 mA source.
  // Unlimited, 12 V / 3000.5 ohm = 4.0 mA flows, so it engages.
  int calls = 0;
  d.circuit->add_correction([&](Network& net) {
    ++calls;
    if (!net.forced_current(d.top) && net.current(d.top) > 3e-3) {
      net.set_forced_current(d.top, 3e-3);
      return true;
    }
    return false;
  });
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  ASSERT_TRUE(d.net().forced_current(d.top));
  EXPECT_EQ(calls, 2) << "one pass that changed the network, one that confirmed it";
  EXPECT_EQ(d.net().solve_count(), 2u);
  EXPECT_NEAR(d.net().voltage(d.mid), 3e-3 * 2000.0, kVoltTol);
  // Only the corrected operating point is published at that instant.
  const auto& vmid = *d.recorder->find("V(mid)");
  ASSERT_EQ(vmid.samples.size(), 1u);
  EXPECT_NEAR(vmid.samples[0].value, 6.0, kVoltTol);
  EXPECT_NEAR(d.recorder->find("I(top)")->samples.back().value, 3e-3, 1e-12);
}

TEST(Circuit, ACorrectionThatSettlesOnItsLastAllowedPassIsAccepted) {
  Divider d;
  int calls = 0;
  // Changes the network on each of the first kMaxCorrectionPasses passes, then holds still.
  d.circuit->add_correction([&](Network& net) {
    if (++calls > Circuit::kMaxCorrectionPasses) return false;
    net.set_resistance(d.bottom, calls % 2 ? 1000.0 : 2000.0);
    return true;
  });
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  EXPECT_EQ(calls, Circuit::kMaxCorrectionPasses + 1);
  EXPECT_EQ(d.net().solve_count(), static_cast<std::uint64_t>(Circuit::kMaxCorrectionPasses + 1));
  EXPECT_TRUE(d.circuit->failure().empty());
}

// SystemC reports an exception thrown inside a process as an SC_ERROR before handing it to
// sc_start's caller; the shared test main would count that report as a failure of this test,
// where it is the expected outcome. Its own handler is put back afterwards.
struct ExpectSystemcError {
  ExpectSystemcError() : previous(sc_core::sc_report_handler::set_handler(sc_core::sc_report_handler::default_handler)) {}
  ~ExpectSystemcError() { sc_core::sc_report_handler::set_handler(previous); }
  sc_core::sc_report_handler_proc previous;
};

TEST(Circuit, ANetworkThatCannotConvergeIsAnErrorNamingItsNodes) {
  // A buzzer: a contact feeding its own coil, opened by the coil when energised (above 6 V) and
  // closed again when not. Every pass flips the contact and the coil node swings by ~12 V:
  // there is no operating point, only an oscillation the solver must not hide.
  bcmhil::testing::fresh_systemc_kernel();
  Recorder recorder;
  Circuit circuit("circuit", recorder);
  auto& net = circuit.network();
  const auto supply = net.add_node("battery_plus");
  const auto coil = net.add_node("buzzer.coil");
  const auto quiet = net.add_node("dome_lamp");
  net.add_source("battery", supply, kGround, 12.0, 0.01);
  const auto contact = net.add_resistor("buzzer.contact", supply, coil, 0.5);
  net.add_resistor("buzzer.winding", coil, kGround, 8.0);
  net.add_resistor("dome_lamp.filament", supply, quiet, 20.0);
  net.add_resistor("dome_lamp.ground", quiet, kGround, 0.25);
  circuit.add_correction([&](Network& n) {
    const double wanted = n.voltage(coil) > 6.0 ? kOpen : 0.5;
    if (n.resistance(contact) == wanted) return false;
    n.set_resistance(contact, wanted);
    return true;
  });
  {
    ExpectSystemcError expected;
    EXPECT_THROW(sc_core::sc_start(sc_core::SC_ZERO_TIME), sc_core::sc_report);
  }
  const std::string& why = circuit.failure();
  EXPECT_NE(why.find("did not converge"), std::string::npos) << why;
  EXPECT_NE(why.find("8 correction passes"), std::string::npos) << why;
  // The coil moved most (by the whole swing), so it is named first, with its residual.
  const auto coil_at = why.find("buzzer.coil (");
  ASSERT_NE(coil_at, std::string::npos) << why;
  EXPECT_LT(coil_at, why.find("battery_plus")) << why;
  EXPECT_NE(why.find("residual 11."), std::string::npos) << why;
  // Nothing of the unsettled point is published as if it were an answer.
  EXPECT_EQ(recorder.find("V(buzzer.coil)")->samples.size(), 1u);
}

}  // namespace
