#include "ds2_signals.h"

#include "model/diag/reference_tables.h"

#include <cstdio>

namespace bcmhil::runner {

namespace {

std::string code_name(const char* stem, uint8_t code) {
  char name[32];
  std::snprintf(name, sizeof name, "%s0x%02X", stem, code);
  return name;
}

std::vector<Ds2Signal> build() {
  using trace::Kind;
  using diag::SignalGroup;
  const auto& t = diag::ReferenceTables::bc1();
  std::vector<Ds2Signal> all{
      {kJobsSignal, Kind::real, "diagnose jobs run by the scenario's tester (counter)", "", ""},
      {kFaultReadsSignal, Kind::real, "fault-memory reads, FS_LESEN (counter)", "", ""},
      {kInfoReadsSignal, Kind::real, "info-memory reads, IS_LESEN (counter)", "", ""},
      {kInputReadsSignal, Kind::real, "digital input reads, STATUS_DIGITAL_INPUTS (counter)", "", ""},
      {kOutputReadsSignal, Kind::real, "digital output reads, STATUS_DIGITAL_OUTPUTS (counter)", "", ""},
      {kRfReadsSignal, Kind::real, "RF status reads, STATUS_RF (counter)", "", ""},
      {"ds2.job_ok", Kind::bit, "1 when the last diagnose job was answered OKAY, 0 otherwise (silent line...)",
       kJobsSignal, "any job"},
  };
  for (const auto& f : t.fault_codes())
    all.push_back({code_name("ds2.fault.", f.code), Kind::real,
                   "fault " + code_name("", f.code) + " as read: 0 absent, 1 stored, 2 active (" + f.text + ")",
                   kFaultReadsSignal, "faults"});
  for (const auto& i : t.info_codes())
    all.push_back({code_name("ds2.info.", i.code), Kind::real,
                   "info record " + code_name("", i.code) + " as read: its count, 0 not recorded (" + i.text + ")",
                   kInfoReadsSignal, "info"});
  for (const auto& b : t.bits_in(SignalGroup::kDigitalInputs))
    all.push_back({"ds2." + b.name, Kind::bit, "read over DS2: " + b.description, kInputReadsSignal, "inputs"});
  for (const auto& b : t.bits_in(SignalGroup::kDigitalOutputs))
    all.push_back({"ds2." + b.name, Kind::bit, "read over DS2: " + b.description, kOutputReadsSignal, "outputs"});
  for (const auto& b : t.bits_in(SignalGroup::kRf))
    all.push_back({"ds2.STAT_" + b.name, Kind::bit, "read over DS2: " + b.description, kRfReadsSignal, "rf"});
  return all;
}

}  // namespace

bool is_ds2_signal(const std::string& name) { return name.rfind(kDs2Prefix, 0) == 0; }

const std::vector<Ds2Signal>& ds2_signals() {
  static const std::vector<Ds2Signal> all = build();
  return all;
}

const Ds2Signal* find_ds2_signal(const std::string& name) {
  for (const auto& s : ds2_signals())
    if (s.name == name) return &s;
  return nullptr;
}

std::optional<std::uint64_t> last_ds2_read(const trace::Recorder& recorder, const std::string& reads,
                                           std::uint64_t from_ps, std::uint64_t to_ps) {
  const trace::Signal* counter = recorder.find(reads);
  if (!counter) return std::nullopt;
  std::optional<std::uint64_t> last;
  // The counter only moves on a read; at time 0 its declared 0 is no read, a 1 there is one.
  for (const auto& s : counter->samples)
    if (s.time_ps >= from_ps && s.time_ps <= to_ps && (s.time_ps > 0 || s.value > 0.5)) last = s.time_ps;
  return last;
}

}  // namespace bcmhil::runner
