#include "fuse.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace bcmhil::model {

namespace {
struct CurvePoint {
  double ratio;
  double seconds;
};
constexpr std::array<CurvePoint, 4> kCurve{{{1.35, 600.0}, {2.0, 2.0}, {3.5, 0.2}, {5.0, 0.03}}};
constexpr std::uint64_t kPsPerUs = 1'000'000;
}  // namespace

double FuseCharacteristic::blow_time_s(double ratio) {
  if (!(ratio > kNoBlowRatio)) return std::numeric_limits<double>::infinity();
  if (ratio < kCurve.front().ratio)
    return kCurve.front().seconds * (kCurve.front().ratio - kNoBlowRatio) / (ratio - kNoBlowRatio);
  if (ratio >= kCurve.back().ratio) {
    const double k = kCurve.back().ratio / ratio;
    return kCurve.back().seconds * k * k;
  }
  for (std::size_t i = 1; i < kCurve.size(); ++i) {
    if (ratio == kCurve[i].ratio) return kCurve[i].seconds;
    if (ratio < kCurve[i].ratio) {
      const auto& a = kCurve[i - 1];
      const auto& b = kCurve[i];
      const double x = std::log(ratio / a.ratio) / std::log(b.ratio / a.ratio);
      return a.seconds * std::exp(x * std::log(b.seconds / a.seconds));
    }
  }
  return kCurve.back().seconds;  // not reached
}

double Fuse::heat_at(std::uint64_t now_ps) const {
  if (blown) return 1.0;
  const double dt = static_cast<double>(now_ps - since_ps) * 1e-12;
  const double t_blow = FuseCharacteristic::blow_time_s(current_a / rating_a);
  if (std::isfinite(t_blow)) return heat + dt / t_blow;
  return heat * std::exp(-dt / FuseCharacteristic::kCoolingTimeConstantS);
}

FuseMonitor::FuseMonitor(sc_core::sc_module_name name, Circuit& circuit, std::vector<Fuse>& fuses,
                         std::function<void(Fuse&)> blow)
    : sc_module(name), circuit_(circuit), fuses_(fuses), blow_(std::move(blow)) {
  SC_HAS_PROCESS(FuseMonitor);
  SC_METHOD(on_solved);
  sensitive << circuit.solved();
  dont_initialize();
  SC_METHOD(on_due);
  sensitive << due_;
  dont_initialize();
}

void FuseMonitor::on_solved() {
  const std::uint64_t now = sc_core::sc_time_stamp().value();
  const auto& net = circuit_.network();
  bool changed = false;
  for (auto& f : fuses_) {
    if (f.blown) continue;
    const double amps = std::fabs(net.current(f.branch));
    // Same current (to solver round-off): the heat law and the blow time stand as they are.
    if (std::fabs(amps - f.current_a) <= 1e-9 * std::max(1.0, amps)) continue;
    f.heat = f.heat_at(now);
    f.current_a = amps;
    f.since_ps = now;
    const double t_blow = FuseCharacteristic::blow_time_s(amps / f.rating_a);
    if (std::isfinite(t_blow)) {
      const double remaining_us = std::ceil(std::max(0.0, 1.0 - f.heat) * t_blow * 1e6);
      f.due_ps = now + static_cast<std::uint64_t>(remaining_us) * kPsPerUs;
    } else {
      f.due_ps = Fuse::kNever;
    }
    changed = true;
  }
  if (changed) schedule();
}

void FuseMonitor::on_due() {
  const std::uint64_t now = sc_core::sc_time_stamp().value();
  for (auto& f : fuses_) {
    if (f.blown || f.due_ps > now) continue;
    f.heat = 1.0;
    f.since_ps = now;
    f.due_ps = Fuse::kNever;
    blow_(f);
  }
  schedule();
}

void FuseMonitor::schedule() {
  const std::uint64_t now = sc_core::sc_time_stamp().value();
  std::uint64_t next = Fuse::kNever;
  for (const auto& f : fuses_)
    if (!f.blown) next = std::min(next, f.due_ps);
  due_.cancel();
  if (next != Fuse::kNever) due_.notify(sc_core::sc_time::from_value(next - now));
}

}  // namespace bcmhil::model
