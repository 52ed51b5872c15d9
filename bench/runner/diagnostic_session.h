#pragma once
// A scenario's tester: the simulated BC1 served on a private pseudo-terminal, and the DS2 tester
// (the same code as 'bcmhil diag') on its peer. Each 'do: diagnose' step runs the job over the
// bytes of that line while simulated time stands at the step's instant, and records the answer
// there (the names and their read counters: ds2_signals.h):
//   ds2.job_ok            1 when the last job was answered OKAY, 0 otherwise (silent line...)
//   ds2.fault.0xNN        0 absent, 1 stored, 2 active, per fault-memory read
//   ds2.info.0xNN         the record's count, per info-memory read
//   ds2.<DIP_/DOP_ name>  the signal as the tester read it; ds2.STAT_RF_... for STATUS_RF
//   ds2.jobs, ds2.fault_reads, ...  count the reads, one sample each
#include "bench/scenario/scenario.h"
#include "model/diag/diagnostic_backend.h"
#include "model/trace/recorder.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace bcmhil::runner {

class DiagnosticSession {
 public:
  // Must be built during elaboration (it adds a channel to the kernel). `line_usable` is
  // evaluated in the simulation: false silences the line (a wetted K-line).
  DiagnosticSession(diag::DiagnosticBackend& backend, trace::Recorder& recorder, std::function<bool()> line_usable);
  ~DiagnosticSession();

  // Declares the ds2.* signals the scenario's expectations name (before validation).
  static void declare_signals(const scenario::Scenario& scenario, trace::Recorder& recorder);

  void open();  // after elaboration: creates the pty and starts serving
  // Runs one diagnose step now; returns when the tester is done (answered or gave up).
  void run(const scenario::Step& step);
  double wall_s() const { return paced_wall_s_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  trace::Recorder& recorder_;
  double paced_wall_s_ = 0;
};

}  // namespace bcmhil::runner
