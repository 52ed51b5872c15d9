#include "relay_armature.h"

namespace bcmhil::model {

RelayArmature::RelayArmature(sc_core::sc_module_name name, ArmatureSpec spec, std::function<void(bool)> moved)
    : sc_module(name), spec_(spec), moved_(std::move(moved)) {
  SC_HAS_PROCESS(RelayArmature);
  SC_METHOD(arrive);
  sensitive << due_;
  dont_initialize();
}

void RelayArmature::feel(double volts) {
  bool want = position_;
  if (!position_ && volts >= spec_.pick_up_v) want = true;
  if (position_ && volts <= spec_.drop_out_v) want = false;
  if (want == position_) {
    // The coil changed its mind before the armature got there: it stays.
    if (moving_) due_.cancel();
    moving_ = false;
    return;
  }
  if (moving_ && target_ == want) return;  // already on its way
  target_ = want;
  moving_ = true;
  due_.cancel();
  due_.notify(want ? spec_.operate : spec_.release);
}

void RelayArmature::force(bool operated) {
  due_.cancel();
  moving_ = false;
  position_ = operated;
  position_signal_.write(position_);
  moved_(position_);
}

void RelayArmature::arrive() {
  moving_ = false;
  position_ = target_;
  position_signal_.write(position_);
  moved_(position_);
}

}  // namespace bcmhil::model
