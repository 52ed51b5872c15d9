// The wiring view (contract 3): built from the connector map and the elaborated car, limited to
// the exercise's circuits, every point a measurement point a probe can go on.
#include "training/wiring/circuits.h"
#include "training/wiring/wiring_view.h"

#include "training/live/live_car.h"

#include "model/instruments/measurement_points.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace bcmhil::training::wiring {
namespace {

std::set<std::string> points_of(const nlohmann::json& circuit) {
  std::set<std::string> points;
  for (const auto& c : circuit["connectors"])
    for (const auto& p : c["pins"]) points.insert(p["label"].get<std::string>());
  for (const auto& s : circuit["segments"]) {
    points.insert(s["from"].get<std::string>());
    points.insert(s["to"].get<std::string>());
  }
  for (const auto& l : circuit["loads"])
    for (const auto& p : l["pins"]) points.insert(p.get<std::string>());
  for (const auto& f : circuit["fuses"]) {
    points.insert(f["in"].get<std::string>());
    points.insert(f["out"].get<std::string>());
  }
  return points;
}

TEST(WiringView, TheTailgateCircuitFromTheConnectorMapAndTheHarness) {
  LiveCar car(CarSetup{}, {});
  car.bring_in(sc_core::sc_time(1, sc_core::SC_SEC));
  const auto view = wiring_view(car.vehicle(), {"tailgate"});
  ASSERT_EQ(view["circuits"].size(), 1u);
  const auto& c = view["circuits"][0];
  EXPECT_EQ(c["name"], "tailgate");
  const auto& x330 = c["connectors"][0];
  EXPECT_EQ(x330["name"], "X330");
  bool tailgate_pin = false;
  for (const auto& p : x330["pins"])
    if (p["label"] == "X330.4") tailgate_pin = p["signal"] == "DOP_BOOT_RELEASE" && p["pin"] == 4;
  EXPECT_TRUE(tailgate_pin);
  std::set<std::string> segments;
  for (const auto& s : c["segments"]) segments.insert(s["name"].get<std::string>());
  EXPECT_TRUE(segments.count("harness.tailgate_feed.body"));
  EXPECT_TRUE(segments.count("harness.hatch_ground.hinge"));
  EXPECT_FALSE(segments.count("harness.indicator_lh")) << "another circuit's wire";
  EXPECT_EQ(c["fuses"][0]["name"], "F9");
}

// Every point the view names is one the instruments take: a click places a probe there.
TEST(WiringView, EveryPointOfEveryCircuitIsAMeasurementPoint) {
  LiveCar car(CarSetup{}, {});
  car.bring_in(sc_core::sc_time(1, sc_core::SC_SEC));
  const auto view = wiring_view(car.vehicle(), circuit_names());
  ASSERT_EQ(view["circuits"].size(), circuit_names().size());
  for (const auto& c : view["circuits"])
    for (const auto& point : points_of(c))
      EXPECT_NO_THROW(instruments::measurement_point(car.vehicle(), point)) << c["name"] << ": " << point;
  EXPECT_THROW(wiring_view(car.vehicle(), {"nowhere"}), std::invalid_argument);
}

}  // namespace
}  // namespace bcmhil::training::wiring
