#include "fault_memory.h"

namespace bcmhil::model {

void FaultMemory::report_present(std::uint8_t code, std::uint64_t time_ps) {
  for (auto& e : entries_) {
    if (e.code != code) continue;
    if (!e.active) {
      e.active = true;
      if (e.frequency < 255) ++e.frequency;
    }
    e.last_seen_ps = time_ps;
    return;
  }
  entries_.push_back({code, true, 1, time_ps, time_ps});
}

void FaultMemory::report_absent(std::uint8_t code) {
  for (auto& e : entries_)
    if (e.code == code) e.active = false;
}

const FaultEntry* FaultMemory::find(std::uint8_t code) const {
  for (const auto& e : entries_)
    if (e.code == code) return &e;
  return nullptr;
}

}  // namespace bcmhil::model
