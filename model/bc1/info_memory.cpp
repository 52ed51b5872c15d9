#include "info_memory.h"

namespace bcmhil::model {

void InfoMemory::record(std::uint8_t code, std::uint64_t time_ps) {
  for (auto& e : entries_)
    if (e.code == code) {
      if (e.count < 255) ++e.count;
      e.last_seen_ps = time_ps;
      return;
    }
  entries_.push_back({code, 1, time_ps});
}

const InfoEntry* InfoMemory::find(std::uint8_t code) const {
  for (const auto& e : entries_)
    if (e.code == code) return &e;
  return nullptr;
}

std::uint8_t InfoMemory::count(std::uint8_t code) const {
  const auto* e = find(code);
  return e ? e->count : 0;
}

}  // namespace bcmhil::model
