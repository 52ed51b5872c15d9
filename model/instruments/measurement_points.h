#pragma once
// Where a probe tip or a clamp can go on the car, by the names a technician uses.
//
// Points (measurement_point):
//   "X330.4"            a BC1 pin by its connector-map label: the harness side of the connector,
//                       which is the module's pin while plugged
//   "X330.4@module"     the module's own pin (differs from "X330.4" only while X330 is unplugged)
//   "hatch.1".."hatch.4"          the harness side of the tailgate lock's connector;
//   "hatch.1@lock"..              the lock's own pins
//   "door_lock.driver.1", ".2"    likewise each door lock motor's connector ("@lock" its pins);
//                                 also door_lock.passenger, door_lock.fuel_flap, door_lock.deadlock
//   "ground"            body ground; "battery-" is the same node (the model has no ground strap)
//   "battery+"          the battery's positive post
//   "F9.in", "F9.out"   a fuse's terminals (battery side, feed side); likewise F10, 30A, HRW, HFS
//   "socket.indicator_lh", "socket.indicator_rh", "socket.interior"   the lamp sockets' feed
//   any network node name ("harness.hinge.tailgate_feed") as a last resort
// A harness-side point ("X330.4", "hatch.2") parts the connector's two halves in the network the
// first time one of the part's pins is asked for (model/car/connectors.h): hence Vehicle&, not
// const. The "@module"/"@lock" points are the pins' own nodes and change nothing.
//
// Clamp places (clamp_place): "hatch.2" the wire into hatch pin 2 (current into the pin is
// positive), a BC1 pin label its harness wire (into the module positive), "battery" the battery
// lead (discharge positive), "F9" a fuse (battery to feed positive), or any branch name (its own
// direction, a to b).
#include "model/car/vehicle.h"

#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::instruments {

// Throw std::invalid_argument naming the point and listing the known ones.
electrical::NodeId measurement_point(model::Vehicle& vehicle, std::string_view name);
std::vector<std::string> measurement_points(const model::Vehicle& vehicle);

struct ClampPlace {
  electrical::BranchId branch;
  double direction;  // +1 or -1: the reading is direction x the branch's current from a to b
};
ClampPlace clamp_place(model::Vehicle& vehicle, std::string_view name);
electrical::BranchId clamp_point(model::Vehicle& vehicle, std::string_view name);
std::vector<std::string> clamp_points(const model::Vehicle& vehicle);

}  // namespace bcmhil::instruments
