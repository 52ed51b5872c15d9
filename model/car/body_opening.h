#pragma once
// What a person can open and shut on the car besides the tailgate (which only the lock releases):
// the two doors and the bonnet, each watched by a contact switch the BC1 reads.
#include <optional>
#include <string_view>

namespace bcmhil::model {

enum class BodyOpening { driver_door, passenger_door, bonnet };

inline std::optional<BodyOpening> body_opening_from_string(std::string_view s) {
  if (s == "driver_door") return BodyOpening::driver_door;
  if (s == "passenger_door") return BodyOpening::passenger_door;
  if (s == "bonnet") return BodyOpening::bonnet;
  return std::nullopt;
}

}  // namespace bcmhil::model
