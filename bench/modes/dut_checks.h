#pragma once
// The checks of `bcmhil bench dut`, run the same way on the module and on the healthy reference:
// power through the bench's supply channels, ident, fault memory (as found, cleared, after), each
// output function of the catalogue forced on and off with its readbacks and sense points, each
// input grounded through its relay; then the verdict (dut_verdict.h).
#include "dut_mode.h"
#include "dut_reference.h"

#include "ds2_tester.h"
#include "safe_bench.h"
#include "signal_guard.h"

#include <string>

namespace bcmhil::modes {

// One side of the comparison: a tester on a port, with a name for messages.
struct Side {
  std::string who;
  tester::Ds2Tester& tester;
};

// Runs every check into `report`. Throws ModeError (a side stopped answering, a signal),
// rig::BenchHalted or relay::RelayError; the caller switches everything off.
void run_dut_checks(const DutOptions& options, DutReport& report, rig::SafeBench& bench,
                    const rig::SignalGuard* guard, Side module, Side reference, DutReference& reference_model);

}  // namespace bcmhil::modes
