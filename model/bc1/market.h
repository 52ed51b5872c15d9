#pragma once
// Market coding: the acknowledge patterns a dealer tool writes for the car's market. The US
// manual gives lock = 1 flash, unlock = none (domain notes); the seed owner saw 2 flashes for the
// trunk button. The ECE pattern (lock 1, unlock 2, trunk 2) is CHOSEN: the common European
// convention, not taken from a BC1 source. The mislock pattern (3 flashes) is chosen for both.
#include "coding.h"

#include <optional>
#include <string_view>

namespace bcmhil::model {

enum class Market { us, ece };

inline std::optional<Market> market_from_string(std::string_view s) {
  if (s == "us") return Market::us;
  if (s == "ece") return Market::ece;
  return std::nullopt;
}

// Sets the acknowledge flash counts of `market`; every other coding value is left alone.
inline void apply_market(Bc1Coding& coding, Market market) {
  coding.lock_ack_flashes = 1;
  coding.trunk_ack_flashes = 2;
  coding.unlock_ack_flashes = market == Market::us ? 0 : 2;
  coding.body.mislock_flashes = 3;
}

}  // namespace bcmhil::model
