#pragma once
// AIP_LOCK_RELAY_MON / AIP_LOCK_RELAY_MON_2 ("Status 1/2 Relais/Zentralverriegelung",
// bc1_analog.csv: factor 1, no unit): the central-locking relays' readbacks as the module's
// status values. What the real module packs into them is not published; the encoding is CHOSEN:
// one bit per relay whose COM pin reads high (the same readback comparators the NC/NO faults
// judge, model/bc1/central_locking.h):
//   AIP_LOCK_RELAY_MON   bit 0 driver relay, bit 1 common relay
//   AIP_LOCK_RELAY_MON_2 bit 0 rest relay (passenger door + fuel flap), bit 1 super-lock relay
// At rest a healthy module reads 0 and 0; during a lock pulse the driver and rest bits are set;
// a relay welded on NO shows its bit at rest.
#include "body_function.h"
#include "central_locking.h"

namespace bcmhil::model {

class LockRelayStatus : public BodyFunction {
 public:
  explicit LockRelayStatus(const CentralLocking& locking) : locking_(locking) {}

  std::optional<bool> signal(std::string_view) const override { return std::nullopt; }
  std::optional<std::uint8_t> analog_raw(std::string_view channel) const override;

 private:
  std::uint8_t bits(CentralLocking::Relay low, CentralLocking::Relay high) const;
  const CentralLocking& locking_;
};

}  // namespace bcmhil::model
