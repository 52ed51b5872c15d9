// AIP_LOCK_RELAY_MON / _2 (model/bc1/lock_relay_status.h, encoding CHOSEN): one bit per lock
// relay whose COM pin reads high, read through the DS2 backend while the fob locks the car.
#include "model/bc1/bc1_diagnostic_backend.h"
#include "tests/model/car/vehicle_test_support.h"

#include <gtest/gtest.h>

namespace bcmhil::testing {
namespace {

using model::FobButton;

TEST(LockRelayStatus, ShowsTheRelaysOfTheLockPulseAndNothingAtRest) {
  model::VehicleConfig config;
  config.locked = false;
  CarUnderTest t(config);
  t.elaborate();
  model::Bc1DiagnosticBackend backend(t.car().bc1);
  t.run_until(1 * kS);
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON"), std::optional<uint8_t>(0));
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON_2"), std::optional<uint8_t>(0));
  t.car().press_fob(1, FobButton::lock);  // lock: driver and rest relays pulse (~0.5 s at 12.6 V)
  t.run_until(1 * kS + 250 * kMs);
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON"), std::optional<uint8_t>(0x01)) << "driver on, common off";
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON_2"), std::optional<uint8_t>(0x01)) << "rest on, super off";
  t.run_until(3 * kS);
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON"), std::optional<uint8_t>(0));
  EXPECT_EQ(backend.analog_raw("AIP_LOCK_RELAY_MON_2"), std::optional<uint8_t>(0));
}

}  // namespace
}  // namespace bcmhil::testing
