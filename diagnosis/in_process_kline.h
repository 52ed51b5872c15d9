#pragma once
// The K-line between a tester and the simulated module in the same process: a request frame
// written here is heard by the module (if its line is usable: a wetted pin hears nothing) and
// answered by its DS2 service at the present simulated instant; time stands still meanwhile, as
// in a scenario's diagnose step. The bytes are the real protocol's, through the real tester
// (bcmhil diag's code) and the real server (bcmhil serve's), only the wire is skipped. Used by
// the workshop (catalogue tests) and the training car (training/live).
#include "bench/diag/ds2_tester.h"
#include "model/bc1/bc1_module.h"
#include "model/diag/ds2_server.h"

#include <cstdint>
#include <vector>

namespace bcmhil::diagnosis {

class InProcessKLine : public transport::BytePort {
 public:
  InProcessKLine(model::Bc1Module& module, diag::DiagnosticBackend& backend) : module_(module), backend_(backend) {}

  void write(const std::vector<uint8_t>& bytes) override;
  // The answer is complete the moment the request is written, so an empty line now stays empty:
  // say so at once (the tester gives up on the request) instead of letting the tester wait out
  // its timeout on the wall clock, which would make a silent module cost real seconds per read.
  std::vector<uint8_t> read(std::chrono::milliseconds) override;
  void flush_input() override { answer_.clear(); }

 private:
  model::Bc1Module& module_;
  diag::DiagnosticBackend& backend_;
  diag::Ds2Server server_;
  std::vector<uint8_t> answer_;
};

// The tester's options on this line: no echo, no retry (silence is reported at once), and a
// generous timeout because it runs on the wall clock: a process descheduled between writing and
// reading must still find its answer, or the same car would read differently on a busy machine.
tester::TesterOptions in_process_options();

}  // namespace bcmhil::diagnosis
