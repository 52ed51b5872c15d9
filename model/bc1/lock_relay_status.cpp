#include "lock_relay_status.h"

namespace bcmhil::model {

std::uint8_t LockRelayStatus::bits(CentralLocking::Relay low, CentralLocking::Relay high) const {
  return static_cast<std::uint8_t>((locking_.readback[low].read() ? 1 : 0) | (locking_.readback[high].read() ? 2 : 0));
}

std::optional<std::uint8_t> LockRelayStatus::analog_raw(std::string_view channel) const {
  if (channel == "AIP_LOCK_RELAY_MON") return bits(CentralLocking::drv, CentralLocking::common);
  if (channel == "AIP_LOCK_RELAY_MON_2") return bits(CentralLocking::rest, CentralLocking::super);
  return std::nullopt;
}

}  // namespace bcmhil::model
