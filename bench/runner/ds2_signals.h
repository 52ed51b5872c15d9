#pragma once
// The ds2.* signals: what a scenario's DS2 tester (diagnostic_session) records, by name. One
// list for everything that needs it: the runner declares from it, expectations are validated
// against it (also by 'bcmhil serve', which runs no tester of its own), 'bcmhil signals' prints
// it. Each value signal names the counter that says a read of it happened: an expectation on a
// ds2.* signal needs such a read inside its window, or it fails ("no DS2 read inside the
// window"), because before any read the signal's 0 is nobody's observation.
#include "model/trace/recorder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bcmhil::runner {

struct Ds2Signal {
  std::string name;       // e.g. "ds2.DIP_BOOT_OPEN_SW"
  trace::Kind kind;       // bit or real
  std::string meaning;    // for 'bcmhil signals'
  std::string reads;      // the read counter that samples it; empty for the counters themselves
  std::string job;        // the diagnose job that reads it, for the error message
};

inline constexpr const char* kDs2Prefix = "ds2.";
// Counters, one sample per read (the value counts reads since the start).
inline constexpr const char* kJobsSignal = "ds2.jobs";                // every diagnose job
inline constexpr const char* kFaultReadsSignal = "ds2.fault_reads";   // FS_LESEN (job faults)
inline constexpr const char* kInfoReadsSignal = "ds2.info_reads";     // IS_LESEN (job info)
inline constexpr const char* kInputReadsSignal = "ds2.input_reads";   // job inputs
inline constexpr const char* kOutputReadsSignal = "ds2.output_reads"; // job outputs
inline constexpr const char* kRfReadsSignal = "ds2.rf_reads";         // job rf

bool is_ds2_signal(const std::string& name);
// Every ds2.* name an expectation may use, counters first.
const std::vector<Ds2Signal>& ds2_signals();
const Ds2Signal* find_ds2_signal(const std::string& name);

// The instant of the last read (a sample of the counter `reads`) inside [from_ps, to_ps], if any.
std::optional<std::uint64_t> last_ds2_read(const trace::Recorder& recorder, const std::string& reads,
                                           std::uint64_t from_ps, std::uint64_t to_ps);

}  // namespace bcmhil::runner
