#include "placement.h"

#include "clamp_meter.h"
#include "ohmmeter.h"
#include "test_lamp.h"
#include "voltmeter.h"

#include <stdexcept>

namespace bcmhil::instruments {

namespace {

template <typename Meter>
class Placed : public Instrument {
 public:
  template <typename... Args>
  explicit Placed(Args&&... args) : meter_(std::forward<Args>(args)...) {}
  InstrumentReading read() const override { return meter_.read(); }
  bool energised() const override {
    if constexpr (std::is_same_v<Meter, Ohmmeter>) return meter_.energised();
    return false;
  }

 private:
  Meter meter_;
};

}  // namespace

std::optional<InstrumentKind> instrument_kind(std::string_view name) {
  if (name == "dvm" || name == "voltmeter") return InstrumentKind::voltmeter;
  if (name == "ohmmeter") return InstrumentKind::ohmmeter;
  if (name == "clamp") return InstrumentKind::clamp;
  if (name == "test_lamp") return InstrumentKind::test_lamp;
  return std::nullopt;
}

const std::vector<std::string>& instrument_names() {
  static const std::vector<std::string> names{"dvm", "ohmmeter", "clamp", "test_lamp"};
  return names;
}

const char* name_of(InstrumentKind kind) {
  switch (kind) {
    case InstrumentKind::voltmeter: return "dvm";
    case InstrumentKind::ohmmeter: return "ohmmeter";
    case InstrumentKind::clamp: return "clamp";
    case InstrumentKind::test_lamp: break;
  }
  return "test_lamp";
}

Range range_of(InstrumentKind kind) {
  switch (kind) {
    case InstrumentKind::voltmeter: return Voltmeter::range();
    case InstrumentKind::ohmmeter: return Ohmmeter::range();
    case InstrumentKind::clamp: return ClampMeter::range();
    case InstrumentKind::test_lamp: break;
  }
  return TestLamp::range();
}

std::unique_ptr<Instrument> place_instrument(model::Vehicle& vehicle, InstrumentKind kind, std::string_view first,
                                             std::string_view second) {
  auto& circuit = vehicle.circuit;
  if (kind == InstrumentKind::clamp) {
    if (!second.empty())
      throw std::invalid_argument("a clamp goes around one wire, not between two points (got '" + std::string(first) +
                                  "' and '" + std::string(second) + "')");
    return std::make_unique<Placed<ClampMeter>>(circuit, clamp_place(vehicle, first));
  }
  if (second.empty())
    throw std::invalid_argument(std::string("a ") + name_of(kind) + " needs two points, got only '" +
                                std::string(first) + "'");
  const auto a = measurement_point(vehicle, first);
  const auto b = measurement_point(vehicle, second);
  switch (kind) {
    case InstrumentKind::voltmeter: return std::make_unique<Placed<Voltmeter>>(circuit, a, b);
    case InstrumentKind::ohmmeter: return std::make_unique<Placed<Ohmmeter>>(circuit, a, b);
    default: break;
  }
  return std::make_unique<Placed<TestLamp>>(circuit, a, b);
}

}  // namespace bcmhil::instruments
