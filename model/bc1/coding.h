#pragma once
// Coding parameters of the BC1: what a dealer tool writes into the module per market and car.
// Every value that no source gave is marked "estimate" (see ../shared/domain/r50-bc1.md).
#include "body_coding.h"

#include <systemc>

#include <array>
#include <cstdint>

namespace bcmhil::model {

struct Bc1Coding {
  // Acknowledge flashes of both indicators per fob button. Market-coded on the real car; the
  // seed case's owner saw two blinks for the trunk button; the US manual gives lock = 1, unlock = 0.
  int trunk_ack_flashes = 2;
  int lock_ack_flashes = 1;
  int unlock_ack_flashes = 0;
  // Flash timing: estimate (a typical 1.5 Hz indicator cadence).
  sc_core::sc_time flash_on{320, sc_core::SC_MS};
  sc_core::sc_time flash_off{320, sc_core::SC_MS};
  // Tailgate release pulse: unknown on the real module; estimate from other makes' 0.3-1.0 s
  // (Volvo 0.7 s, Saab 0.8 s).
  sc_core::sc_time tailgate_pulse{600, sc_core::SC_MS};
  // Fob identities paired to the four key slots (READ/WRITE_PLIP_CODES); 0 = empty slot.
  std::array<std::uint32_t, 4> key_ids{0x5A1001, 0x5A1002, 0, 0};
  // A rolling code is accepted when it is ahead of the last one by 1..window (chosen).
  std::uint16_t rolling_window = 32;
  // The body functions' values (alarm, interior light); market.h sets a market's patterns at once.
  BodyCoding body;
};

}  // namespace bcmhil::model
